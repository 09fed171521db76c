// Types for qrcode's encoder alone (the package's own types cover only its main entry, which also
// loads the PNG, SVG and terminal renderers the renderer never uses).
declare module 'qrcode/lib/core/qrcode.js' {
  import type { QRCode, QRCodeOptions } from 'qrcode';
  export function create(text: string, options?: QRCodeOptions): QRCode;
}
