// The server renders a would-be PDF (a 样本, stored nowhere); pdf.js, served from our own origin,
// draws its first page into a canvas, since neither a phone's browser nor headless chromium shows
// a PDF inside a page. The PDF itself opens from a blob: link.
import { config } from './dom.js';

/** The parts of pdf.js the console uses (it is loaded at run time, not bundled). */
interface PdfJs {
  GlobalWorkerOptions: { workerSrc: string };
  getDocument(source: { data: Uint8Array; isEvalSupported: boolean }): { promise: Promise<PdfDocument> };
}
interface PdfDocument {
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}
interface Viewport {
  width: number;
  height: number;
}
interface PdfPage {
  getViewport(options: { scale: number }): Viewport;
  render(options: { canvasContext: CanvasRenderingContext2D; canvas: HTMLCanvasElement; viewport: Viewport }): { promise: Promise<void> };
}

let pdfjs: Promise<PdfJs> | null = null;
function pdfLib(): Promise<PdfJs> {
  if (!pdfjs) {
    const loading = (import(/* a URL on the page's origin, not a module to bundle */ config.pdfViewer + '/pdf.min.mjs') as Promise<PdfJs>).then((lib) => {
      lib.GlobalWorkerOptions.workerSrc = config.pdfViewer + '/pdf.worker.min.mjs';
      return lib;
    });
    pdfjs = loading;
    loading.catch(() => {
      pdfjs = null;
    });
  }
  return pdfjs;
}

function bytesOf(base64: string): Uint8Array {
  const s = atob(base64),
    bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/** Links the PDF and draws its first page into the canvas, as wide as the canvas is shown. */
export function showPdf(base64: string | null | undefined, canvas: HTMLCanvasElement, link: HTMLAnchorElement): Promise<void> {
  if (link.href) URL.revokeObjectURL(link.href);
  canvas.removeAttribute('data-drawn');
  if (!base64) {
    link.removeAttribute('href');
    return Promise.resolve();
  }
  const bytes = bytesOf(base64);
  link.href = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }));
  return pdfLib()
    .then((lib) => lib.getDocument({ data: bytes, isEvalSupported: false }).promise)
    .then((doc) =>
      doc
        .getPage(1)
        .then((page) => {
          const width = Math.max(canvas.clientWidth || (canvas.parentNode as HTMLElement).clientWidth, 240) * (window.devicePixelRatio || 1);
          const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          return page.render({ canvasContext: canvas.getContext('2d')!, canvas, viewport }).promise;
        })
        .then(() => {
          canvas.setAttribute('data-drawn', 'true');
          return doc.destroy();
        }),
    );
}
