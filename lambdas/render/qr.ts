// The one way a verification URL becomes QR modules: the card layout sizes its quiet zone from
// them and paint draws them. Error correction M: a creased or scuffed print still scans.
import QRCode from 'qrcode';

export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

export function qrMatrix(url: string): QrMatrix {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => Boolean(modules.get(row, col)) };
}
