// The file-level plumbing of the PDF paint.ts draws (it makes the pdfkit document; this only
// hooks into it): XMP values escaped, the PDF/A output intent, and pdfkit's page content and file
// pieces gathered as text and joined once — the same bytes pdfkit writes, with fewer allocations.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { ConfigError } from '../errors.js';

type Doc = PDFKit.PDFDocument;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * pdfkit copies the Info strings into the XMP packet unescaped, so a title naming "R&D" or "<…>"
 * would make the packet malformed XML (and not PDF/A). Each value it writes as an element's text
 * is escaped there; the Info dictionary keeps the string as it is, and both read the same.
 */
export function escapeXmpValues(doc: PDFKit.PDFDocument, values: (string | undefined)[]): void {
  const risky = values.filter((v): v is string => v !== undefined && /[&<>]/.test(v));
  if (risky.length === 0) return;
  const append = doc.appendXML.bind(doc);
  doc.appendXML = (xml: string, newLine?: boolean) =>
    append(
      risky.reduce((x, v) => x.replaceAll(`>${v}<`, `>${v.replace(/[&<>]/g, (c) => XML_ESCAPES[c]!)}<`), xml),
      newLine,
    );
}

/** The sRGB profile pdfkit embeds as the PDF/A output intent, the file it reads beside its own module. */
export function pdfkitOutputProfile(): string {
  return fileURLToPath(new URL('data/sRGB_IEC61966_2_1.icc', import.meta.resolve('pdfkit')));
}

/** The profile's bytes; NOTICE_OUTPUT_PROFILE names the same file in a bundle, which has no pdfkit module beside it. */
function readOutputProfile(): Buffer {
  const given = process.env.NOTICE_OUTPUT_PROFILE;
  try {
    return readFileSync(given ?? pdfkitOutputProfile());
  } catch (e) {
    throw new ConfigError(
      `${given ? 'NOTICE_OUTPUT_PROFILE' : 'pdfkit'}: cannot read the sRGB output profile (${(e as Error).message}); point NOTICE_OUTPUT_PROFILE at sRGB_IEC61966_2_1.icc`,
    );
  }
}

/** That profile deflated as pdfkit deflates it. */
let deflatedOutputProfile: Buffer | undefined;

/**
 * pdfkit's output intent, but with the profile deflated once per process: pdfkit deflates the
 * same 3 KB for every document. The objects, their order and their bytes are pdfkit's own.
 */
function addColorOutputIntent(doc: Doc): void {
  deflatedOutputProfile ??= deflateSync(readOutputProfile());
  // A stream that already names its filter is written as given.
  const profile = doc.ref({ Length: deflatedOutputProfile.length, N: 3, Filter: 'FlateDecode' });
  profile.end(deflatedOutputProfile);
  const intent = doc.ref({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    Info: new String('sRGB IEC61966-2.1'),
    OutputConditionIdentifier: new String('sRGB IEC61966-2.1'),
    DestOutputProfile: profile,
  });
  intent.end(undefined); // a dictionary, no stream
  // pdfkit types neither the catalog's data nor this method.
  (doc as unknown as { _root: { data: Record<string, unknown> } })._root.data.OutputIntents = [intent];
}

/**
 * pdfkit turns each operator into a byte array of its own as it is added, and joins them when the
 * page ends: most of the allocations of a page. Here a page's operators are kept as text, each
 * ending in a newline as pdfkit ends it, and handed to the page as one piece before pdfkit ends
 * the page (when the next page is added, or the document ends): the same bytes.
 */
export function gatherPageContent(doc: Doc): void {
  let operators: string[] = [];
  const flush = () => {
    if (operators.length === 0) return;
    // pdfkit's page content; its type does not list `write`.
    (doc.page as unknown as { write(chunk: Uint8Array): void }).write(Buffer.from(operators.join(''), 'latin1'));
    operators = [];
  };
  // Every operator pdfkit draws comes through addContent: text, paths, colours, marked content, images.
  doc.addContent = (data: string | Uint8Array) => {
    operators.push(typeof data === 'string' ? `${data}\n` : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1'));
    return doc;
  };
  const addPage = doc.addPage.bind(doc);
  doc.addPage = (options) => {
    flush();
    return addPage(options);
  };
  const end = doc.end.bind(doc);
  doc.end = () => {
    flush();
    end();
  };
}

/**
 * The file's bytes. pdfkit pushes every piece of the file (an object's first line, its dictionary,
 * its stream, each line of the xref table) through a Node stream, each as a byte array made from
 * its text. Here they are kept as they come, in order, and joined once: the same bytes.
 */
export function gatherFile(doc: Doc): Promise<Buffer> {
  // What the constructor wrote (the header) is already in the stream.
  const head = doc.read() as Buffer | null;
  const chunks: Uint8Array[] = head ? [head] : [];
  // pdfkit's writer; its type does not list it.
  const file = doc as unknown as { _write(data: string | Uint8Array): void; _offset: number };
  file._write = (data) => {
    const bytes = typeof data === 'string' ? Buffer.from(`${data}\n`, 'latin1') : data;
    chunks.push(bytes);
    file._offset += bytes.length;
  };
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.resume();
  return done;
}

/** pdfkit's PDF/A output intent, with the profile deflated once per process (below). */
export function useSharedOutputIntent(doc: Doc): void {
  // pdfkit's hook for the output intent; its type does not list it.
  (doc as unknown as { _addColorOutputIntent: () => void })._addColorOutputIntent = () => addColorOutputIntent(doc);
}

/** PDF/A: the XMP carries the Info dictionary's ModDate too (pdfkit writes only xmp:CreateDate). */
export function appendModifyDate(doc: Doc, date: Date): void {
  doc.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:ModifyDate>${date.toISOString().split('.')[0]}Z</xmp:ModifyDate>
        </rdf:Description>
        `);
}
