// The one way a verification URL becomes QR modules: the card layout sizes its quiet zone from
// them and paint draws them. Error correction M: a creased or scuffed print still scans.
// The encoder alone: the package's main entry also loads its renderers and pngjs, ≈ 5 ms of a
// worker's cold start for code no document runs.
import { create } from 'qrcode/lib/core/qrcode.js';

export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

export function qrMatrix(url: string): QrMatrix {
  const { modules } = create(url, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => Boolean(modules.get(row, col)) };
}
