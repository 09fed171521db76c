// The operator's seal image, drawn on every document with the objects pdfkit writes for it, but
// decoded and deflated once per process. For a PNG with an alpha channel (a seal is red on
// transparent) pdfkit decodes every pixel in JavaScript, splits off the alpha and deflates the
// colour and the alpha again, for each document. Here pdfkit does that work once, on a scratch
// document, and each document gets the same two objects with the kept streams: the same
// dictionaries, numbers, order and bytes as pdfkit's own `doc.image`.
//
// A Lambda's asset carries that split beside the PNG (`<image>.streams`, made when the asset is
// built by cdk/seal-streams.ts), so a cold start does not decode the seal either: ≈ 20 ms of a
// worker's init outside demo mode. The file names the sha256 of the PNG it was made from; for any
// other image it is passed by and pdfkit splits the seal as above.
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import * as z from 'zod';
import { ConfigError } from '../errors.js';

type Doc = PDFKit.PDFDocument;

/** pdfkit's indirect object; its types do not list it. */
interface PdfRef {
  data: Record<string, unknown>;
  end(chunk?: Uint8Array): void;
}

/** What pdfkit's `image` reads of an image it is handed instead of bytes. */
interface PdfkitImage {
  width: number;
  height: number;
  label: string;
  obj: PdfRef | null;
  embed(doc: Doc): void;
}

/** pdfkit's PNGImage while it embeds, and the png-js decoder it holds (untyped). */
interface PdfkitPng extends PdfkitImage {
  image: { hasAlphaChannel: boolean; palette: number[]; transparency: object; colorSpace: string } | null;
  imgData: Uint8Array;
  alphaChannel: Uint8Array;
  finalize(): void;
}

/** What pdfkit writes for a PNG with an alpha channel: the colour and the alpha, each deflated. */
interface SplitPng {
  width: number;
  height: number;
  colorSpace: string;
  colour: Uint8Array;
  alpha: Uint8Array;
}

type DocInternals = { ref(data: Record<string, unknown>): PdfRef; openImage(src: Buffer): PdfkitImage; _imageCount: number };
const internals = (doc: Doc) => doc as unknown as DocInternals;

/** The seal ready to draw: its bytes, and pdfkit's split of them, or null when pdfkit draws it as it is (no alpha channel, or a JPEG). */
export interface SealImage {
  image: Buffer;
  split: SplitPng | null;
}

/** pdfkit's own split of a PNG's alpha channel (it runs in png-js's inflate callback), taken when it is done. */
function splitByPdfkit(png: Buffer): Promise<SplitPng | null> {
  const scratch = internals(new PDFDocument({ autoFirstPage: false, font: null as unknown as string }));
  const image = scratch.openImage(png) as PdfkitPng;
  const decoder = image.image;
  // Only a plain alpha channel: pdfkit's other PNG paths write other objects, and are cheap but for an interlaced image.
  if (!decoder?.hasAlphaChannel || decoder.palette.length > 0 || Object.keys(decoder.transparency).length > 0) return Promise.resolve(null);
  const { width, height } = image;
  const colorSpace = decoder.colorSpace;
  return new Promise((resolve) => {
    image.finalize = () => resolve({ width, height, colorSpace, colour: image.imgData, alpha: image.alphaChannel });
    image.embed(scratch as unknown as Doc);
  });
}

/** Where the split of the seal image at `imagePath` is kept, if it is. */
export const sealStreamsPath = (imagePath: string) => `${imagePath}.streams`;

const STREAMS_LINE = 'notice seal streams 1';

const StreamsHead = z.strictObject({
  png: z.string().regex(/^[0-9a-f]{64}$/),
  split: z
    .strictObject({
      width: z.int().positive(),
      height: z.int().positive(),
      colorSpace: z.string(),
      colour: z.int().nonnegative(),
      alpha: z.int().nonnegative(),
    })
    .nullable(),
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The streams file of `png`: a line naming the format, one of JSON (the PNG's sha256 and the split's fields), then the colour and alpha streams. */
export async function sealStreams(png: Buffer): Promise<Buffer> {
  const split = await splitByPdfkit(png);
  const head: z.infer<typeof StreamsHead> = {
    png: sha256(png),
    split: split && { width: split.width, height: split.height, colorSpace: split.colorSpace, colour: split.colour.length, alpha: split.alpha.length },
  };
  return Buffer.concat([Buffer.from(`${STREAMS_LINE}\n${JSON.stringify(head)}\n`, 'utf8'), ...(split ? [split.colour, split.alpha] : [])]);
}

/** The split a streams file holds for `png`; undefined when the file is not one or was made from another image. */
function splitFromStreams(png: Buffer, file: Buffer): SplitPng | null | undefined {
  const first = file.indexOf(0x0a);
  const second = file.indexOf(0x0a, first + 1);
  if (first < 0 || second < 0 || file.subarray(0, first).toString('utf8') !== STREAMS_LINE) return undefined;
  let head: z.infer<typeof StreamsHead>;
  try {
    head = StreamsHead.parse(JSON.parse(file.subarray(first + 1, second).toString('utf8')));
  } catch {
    return undefined;
  }
  if (head.png !== sha256(png)) return undefined;
  if (head.split === null) return null;
  const { colour, alpha, ...size } = head.split;
  const body = file.subarray(second + 1);
  if (body.length !== colour + alpha) return undefined;
  return { ...size, colour: body.subarray(0, colour), alpha: body.subarray(colour) };
}

/**
 * The seal split once per process, when the renderer is made, unless `streams` (its streams file)
 * holds the split already; settled before a document is painted.
 */
export function prepareSealImage(image: Buffer, streams?: Buffer): Promise<SealImage> {
  const kept = streams === undefined ? undefined : splitFromStreams(image, streams);
  if (kept !== undefined) return Promise.resolve({ image, split: kept });
  // A file pdfkit cannot read fails every document, as it failed in `doc.image`, but says which setting to fix.
  return Promise.resolve(image)
    .then(splitByPdfkit)
    .then(
      (split) => ({ image, split }),
      (e: unknown) => {
        throw new ConfigError(
          `NOTICE_SEAL_IMAGE: not an image pdfkit can draw (${e instanceof Error ? e.message : String(e)}); give a PNG, ideally red on transparent`,
        );
      },
    );
}

/**
 * Draws the seal as `doc.image(image, x, y, { width })` draws it. pdfkit ends a PNG's image object
 * and creates its soft mask in png-js's callback, after the document's end has written everything
 * else; the kept objects are ended at that same point, right after `end`, so numbers and order match.
 */
export function drawSealImage(doc: Doc, seal: SealImage, x: number, y: number, width: number): void {
  const { split } = seal;
  if (!split) {
    doc.image(seal.image, x, y, { width });
    return;
  }
  const pdf = internals(doc);
  const kept: PdfkitImage = {
    width: split.width,
    height: split.height,
    label: `I${++pdf._imageCount}`,
    obj: null,
    embed() {
      const obj = pdf.ref({
        Type: 'XObject',
        Subtype: 'Image',
        BitsPerComponent: 8,
        Width: split.width,
        Height: split.height,
        Filter: 'FlateDecode',
        ColorSpace: split.colorSpace,
      });
      this.obj = obj;
      afterEnd(doc, () => endSealImage(pdf, split, obj));
    },
  };
  // pdfkit draws an image object it is handed (anything with a width and height) as it draws bytes it opened.
  doc.image(kept as unknown as Buffer, x, y, { width });
}

/** The soft mask (the alpha), then the image object with the colour: as pdfkit's PNGImage.finalize writes them. */
function endSealImage(pdf: DocInternals, split: SplitPng, obj: PdfRef): void {
  const mask = pdf.ref({
    Type: 'XObject',
    Subtype: 'Image',
    Height: split.height,
    Width: split.width,
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
    ColorSpace: 'DeviceGray',
    Decode: [0, 1],
  });
  mask.end(split.alpha);
  obj.data.SMask = mask;
  obj.end(split.colour);
}

/** Work to do right after the document's `end`, in the order given. */
const endings = new WeakMap<Doc, (() => void)[]>();

function afterEnd(doc: Doc, f: () => void): void {
  const waiting = endings.get(doc);
  if (waiting) {
    waiting.push(f);
    return;
  }
  const list = [f];
  endings.set(doc, list);
  const end = doc.end.bind(doc);
  doc.end = () => {
    end();
    for (const g of list) g();
  };
}
