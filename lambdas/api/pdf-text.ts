// The text layer of a PDF, for telling "the same content in another file" from "other content".
// pdfjs-dist reads it; it is loaded on first use only (the verification upload is rare) and runs
// its worker in-process, so a bundled Lambda needs no worker file beside it, nor a canvas package.
import { createHash } from 'node:crypto';
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

/** How many stored files' text digests a process keeps: far more than the versions a day's checks touch. */
const CACHED_TEXTS = 2000;
const textDigests = new Map<string, string | null>();

/**
 * The digest of a stored file's text (null when it has none), keyed by the file's sha256: a stored
 * version never changes, so each is parsed once per process and a public upload check parses
 * only the uploaded file. `load` reads the stored bytes when the digest is not known yet.
 */
export async function storedTextDigest(sha256: string, load: () => Promise<Uint8Array | undefined>): Promise<string | null> {
  const known = textDigests.get(sha256);
  if (known !== undefined) {
    // Refresh its place: the least recently used entry is the first one the Map iterates.
    textDigests.delete(sha256);
    textDigests.set(sha256, known);
    return known;
  }
  const bytes = await load();
  if (!bytes) return null; // not cached: the object may appear (a version is put before it is recorded)
  const digest = textDigest(await pdfText(bytes));
  textDigests.set(sha256, digest);
  if (textDigests.size > CACHED_TEXTS) textDigests.delete(textDigests.keys().next().value!);
  return digest;
}

/** A text's digest; null for no text. */
export function textDigest(text: string | undefined): string | null {
  return text ? createHash('sha256').update(text).digest('hex') : null;
}
