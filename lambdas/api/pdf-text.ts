// The text layer of a PDF, for telling "the same content in another file" from "other content".
// pdfjs-dist reads it; it is loaded on first use only (the verification upload is rare) and runs
// its worker in-process, so a bundled Lambda needs no worker file beside it, nor a canvas package.
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

/** The concatenated text of every page with all white space removed; undefined when not a PDF. */
export async function pdfText(bytes: Uint8Array): Promise<string | undefined> {
  try {
    // pdfjs makes one DOMMatrix as it loads, for drawing; reading text never uses it. Where no
    // canvas package supplies the class (a bundled Lambda has none), a placeholder lets it load.
    (globalThis as { DOMMatrix?: unknown }).DOMMatrix ??= class DOMMatrixPlaceholder {};
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const g = globalThis as { pdfjsWorker?: unknown };
    // @ts-expect-error: the worker module ships without type declarations; pdfjs only needs it present.
    g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
    try {
      let text = '';
      for (let p = 1; p <= doc.numPages; p++) {
        const content = await (await doc.getPage(p)).getTextContent();
        for (const item of content.items) if ('str' in item) text += (item as TextItem).str;
      }
      return text.replace(/\s+/g, '');
    } finally {
      await doc.destroy();
    }
  } catch {
    return undefined;
  }
}
