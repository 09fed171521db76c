// Adds a PAdES signature to finished PDF bytes by an incremental update (ISO 32000-1 7.5.6,
// 12.8): the painted bytes stay as they are, and after them come the signature dictionary, its
// widget (on the seal when the page has one), the catalog with /AcroForm, the page with /Annots,
// a new xref section and trailer. The signature's /Contents is reserved, the byte ranges around
// it are hashed, and the CMS from cms.ts is written into the reservation.
import { createHash } from 'node:crypto';
import { beijingWallClock } from '../../beijing-time.js';
import { buildSignedData } from './cms.js';
import { PdfStructureError, lastTrailer, objectDicts, pageIds, ref, type ObjectDicts, type Trailer } from './pdf-read.js';
import type { Signer } from './signer.js';

/**
 * Bytes reserved for the CMS (written as hex, so twice as many characters): the certificates plus
 * room for a signature value up to RSA-4096 and the CMS structure around it. Fixed by the signer,
 * so the same signer always reserves the same space and output stays deterministic.
 */
function signatureCapacity(signer: Signer, timestamped: boolean): number {
  return signer.certificates.reduce((n, c) => n + c.length, 0) + 1024 + (timestamped ? TIMESTAMP_CAPACITY : 0);
}

/** Room for a timestamp token: the TSA's certificate chain (two or three certificates) and its signature; a larger token is an error that names this limit. */
const TIMESTAMP_CAPACITY = 8 * 1024;

export interface SignatureWidget {
  /** Index of the page the widget sits on. */
  page: number;
  /** [left, bottom, right, top] in PDF user space (origin bottom-left). */
  rect: [number, number, number, number];
  /** What a screen reader says for the signature (the Form element's /Alt and the field's /TU). */
  alt?: string;
}

export interface SignPdfOptions {
  /** The signing time written as /M: 成文日期 at Beijing midnight, so signing is deterministic. */
  date: Date;
  /** Where the signature shows (the seal); absent: an invisible signature on the first page. */
  widget?: SignatureWidget | undefined;
  /** Timestamps the signature value (PAdES B-T, `requestTimestamp`); absent: B-B. */
  timestamp?: ((signatureValue: Buffer) => Promise<Buffer>) | undefined;
}

/** Adds `entry` to a dictionary's last `>>`. */
const withEntry = (dict: string, entry: string) => `${dict.slice(0, dict.lastIndexOf('>>'))}${entry}\n>>`;

/** D:YYYYMMDDHHmmSS+08'00' — the date as Beijing wall-clock time. */
function pdfDate(date: Date): string {
  return `D:${beijingWallClock(date).replace(/[-T:]/g, '')}+08'00'`;
}

const num = (n: number) => String(Math.round(n * 1000) / 1000);

/** A text string as hex: byte-order mark and UTF-16BE (ISO 32000-1 7.9.2.2). */
const textString = (s: string) => `<FEFF${Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase()}>`;

/** The same string as the literal pdfkit writes for it (BOM and UTF-16BE bytes, \\ ( ) escaped), to find an /Alt by its start. */
const pdfkitLiteral = (s: string) =>
  Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()])
    .toString('latin1')
    .replace(/[\\()]/g, '\\$&');

/** The span of the array that opens at `open` (the index of its `[`), nested arrays included. */
function arrayEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) return i;
  }
  throw new PdfStructureError('PDF 数组没有结束的 ]');
}

/**
 * Puts the signature's widget into the structure tree, so every annotation is reachable from it
 * (ISO 32000-1 14.7.4.3, PDF/UA): a Form element whose content is an object reference to the widget,
 * placed after the seal's Figure (the widget lies on the seal), a parent-tree entry for the
 * widget's /StructParent, and /ParentTreeNextKey moved on. Returns the objects to rewrite and the
 * widget's key; nothing when the PDF is not tagged.
 */
function tagWidget(
  objectDict: ObjectDicts,
  catalog: string,
  ids: { widget: number; form: number; page: number },
  alt: string,
): { objects: [number, string][]; structParent: number } | undefined {
  const treeId = ref(catalog, 'StructTreeRoot');
  if (treeId === undefined) return undefined;
  let tree = objectDict(treeId);
  const key = Number(/\/ParentTreeNextKey\s+(\d+)/.exec(tree)?.[1] ?? Number.NaN);
  if (Number.isNaN(key)) throw new PdfStructureError('结构树缺少 /ParentTreeNextKey，不能为签名域登记结构父项');
  const objects: [number, string][] = [];
  const withNumsEntry = (dict: string) => {
    const at = dict.indexOf('/Nums');
    if (at < 0) throw new PdfStructureError('结构树的 /ParentTree 没有 /Nums（分层数字树暂不支持）');
    const end = arrayEnd(dict, dict.indexOf('[', at));
    return `${dict.slice(0, end)} ${key} ${ids.form} 0 R${dict.slice(end)}`;
  };
  const parentTreeId = ref(tree, 'ParentTree');
  if (parentTreeId === undefined) tree = withNumsEntry(tree);
  else objects.push([parentTreeId, withNumsEntry(objectDict(parentTreeId))]);
  objects.push([treeId, tree.replace(/\/ParentTreeNextKey\s+\d+/, `/ParentTreeNextKey ${key + 1}`)]);

  const documentId = Number(/\/K\s*\[?\s*(\d+)\s+0\s+R/.exec(tree)?.[1]);
  if (!documentId) throw new PdfStructureError('结构树根没有子元素');
  const document = objectDict(documentId);
  const kids = /\/K\s*\[([^\]]*)\]/.exec(document);
  if (!kids) throw new PdfStructureError(`结构元素 ${documentId} 的 /K 不是数组`);
  const refs = [...kids[1]!.matchAll(/(\d+)\s+0\s+R/g)].map((m) => Number(m[1]));
  const seal = pdfkitLiteral('印章');
  const isSeal = (id: number) => {
    const d = objectDict(id);
    return /\/S\s*\/Figure/.test(d) && ref(d, 'Pg') === ids.page && d.includes(`/Alt (${seal}`);
  };
  const after = refs.findIndex(isSeal);
  refs.splice(after < 0 ? refs.length : after + 1, 0, ids.form);
  objects.push([documentId, document.replace(kids[0], `/K [${refs.map((r) => `${r} 0 R`).join(' ')}]`)]);
  objects.push([
    ids.form,
    `<<\n/Type /StructElem\n/S /Form\n/P ${documentId} 0 R\n/Pg ${ids.page} 0 R\n/K << /Type /OBJR /Obj ${ids.widget} 0 R /Pg ${ids.page} 0 R >>\n/Alt ${textString(alt)}\n>>`,
  ]);
  return { objects, structParent: key };
}

/**
 * The file as it was before `signPdf` appended its update: the update's trailer names the earlier
 * xref table as /Prev, and the earlier file ends at the first %%EOF line after that table.
 */
export function unsignedRevision(signed: Buffer): Buffer {
  const text = signed.toString('latin1');
  const prev = /\/Prev\s+(\d+)/.exec(lastTrailer(text).body)?.[1];
  const eof = prev === undefined ? -1 : text.indexOf('%%EOF\n', Number(prev));
  if (eof < 0) throw new PdfStructureError('PDF 没有增量更新（未签名），没有签名前的版本');
  return signed.subarray(0, eof + '%%EOF\n'.length);
}

export async function signPdf(pdf: Buffer, signer: Signer, options: SignPdfOptions): Promise<Buffer> {
  const text = pdf.toString('latin1');
  const trailer = lastTrailer(text);
  const target = signatureTarget(text, trailer, options.widget);
  const capacity = signatureCapacity(signer, options.timestamp !== undefined);
  const { objects, sigId, added } = signatureObjects(target, capacity, options.date);
  const { update, offsets } = incrementalUpdate(pdf.length, objects, trailer, target.size + added, target.root);
  const out = Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
  const contents = fillByteRange(out, pdf.length, offsets.get(sigId)! - pdf.length, capacity);

  const digest = createHash('sha256').update(out.subarray(0, contents.start)).update(out.subarray(contents.end)).digest();
  const cms = await buildSignedData(digest, signer, { timestamp: options.timestamp });
  if (cms.length > capacity)
    throw new PdfStructureError(
      `签名数据 ${cms.length} 字节，超出预留的 ${capacity} 字节${options.timestamp ? `（其中为时间戳令牌预留 ${TIMESTAMP_CAPACITY} 字节）` : ''}`,
    );
  out.write(cms.toString('hex'), contents.start + 1, 'latin1');
  return out;
}

/** Where the signature goes: the file's catalog and the page that carries the widget. */
interface SignatureTarget {
  /** The trailer's /Size: the first object id the update may use. */
  size: number;
  root: number;
  catalog: string;
  pageId: number;
  page: string;
  objectDict: ObjectDicts;
  widget: SignatureWidget;
}

function signatureTarget(text: string, trailer: Trailer, widgetOption: SignatureWidget | undefined): SignatureTarget {
  const size = Number(/\/Size\s+(\d+)/.exec(trailer.body)?.[1]);
  const root = ref(trailer.body, 'Root');
  if (!size || root === undefined) throw new PdfStructureError('PDF trailer 缺少 /Size 或 /Root');
  const objectDict = objectDicts(text, trailer.startxref);
  const catalog = objectDict(root);
  if (/\/AcroForm/.test(catalog)) throw new PdfStructureError('PDF 已有表单 (/AcroForm)，不能再加签名域');
  const pagesRoot = ref(catalog, 'Pages');
  if (pagesRoot === undefined) throw new PdfStructureError('PDF 目录缺少 /Pages');
  const pages = pageIds(objectDict, pagesRoot);
  const widget = widgetOption ?? { page: 0, rect: [0, 0, 0, 0] as SignatureWidget['rect'] };
  const pageId = pages[widget.page];
  if (pageId === undefined) throw new PdfStructureError(`签名位置在第 ${widget.page + 1} 页，PDF 只有 ${pages.length} 页`);
  return { size, root, catalog, pageId, page: objectDict(pageId), objectDict, widget };
}

/** The /ByteRange as first written: room for the real one, filled in once the offsets are known. */
const BYTE_RANGE_SLOT = `/ByteRange [0 ${'0'.repeat(10)} ${'0'.repeat(10)} ${'0'.repeat(10)}]`;

/**
 * The update's objects: the catalog with its /AcroForm, the page with the widget in its /Annots,
 * the signature dictionary (its /Contents zeroed, `capacity` bytes), the widget and its empty
 * appearance, and the structure objects that tag the widget in a tagged file. `added`: new ids.
 */
function signatureObjects(target: SignatureTarget, capacity: number, date: Date): { objects: [number, string][]; sigId: number; added: number } {
  const { size, root, catalog, pageId, page, objectDict, widget } = target;
  const [sigId, widgetId, appearanceId, formId] = [size, size + 1, size + 2, size + 3];
  const alt = widget.alt ?? '数字签名';
  const tagged = tagWidget(objectDict, catalog, { widget: widgetId, form: formId, page: pageId }, alt);
  const [x1, y1, x2, y2] = widget.rect;
  const annots = /\/Annots\s*\[([^\]]*)\]/.exec(page);
  if (!annots && /\/Annots/.test(page)) throw new PdfStructureError('页面的 /Annots 是间接对象，暂不支持');
  const newPage = annots ? page.replace(annots[0], `/Annots [${annots[1]!.trim()} ${widgetId} 0 R]`) : withEntry(page, `/Annots [${widgetId} 0 R]`);
  const objects: [number, string][] = [
    [root, withEntry(catalog, `/AcroForm << /Fields [${widgetId} 0 R] /SigFlags 3 >>`)],
    [pageId, newPage],
    [
      sigId,
      `<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n/M (${pdfDate(date)})\n${BYTE_RANGE_SLOT}\n/Contents <${'0'.repeat(capacity * 2)}>\n>>`,
    ],
    // Print flag (4) as PDF/A asks, locked (128); the appearance is empty: the seal is already on the page.
    [
      widgetId,
      `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T (Signature1)\n/TU ${textString(alt)}\n/V ${sigId} 0 R\n/F 132\n/P ${pageId} 0 R\n/Rect [${[x1, y1, x2, y2].map(num).join(' ')}]\n/AP << /N ${appearanceId} 0 R >>${tagged ? `\n/StructParent ${tagged.structParent}` : ''}\n>>`,
    ],
    [appearanceId, `<<\n/Type /XObject\n/Subtype /Form\n/BBox [0 0 ${num(x2 - x1)} ${num(y2 - y1)}]\n/Length 0\n>>\nstream\n\nendstream`],
    ...(tagged?.objects ?? []),
  ];
  return { objects, sigId, added: tagged ? 4 : 3 };
}

/**
 * An incremental update appended to a file `base` bytes long: the objects, an xref section for
 * them, and a trailer pointing back at the file's own (/Prev). Offsets are the objects' in the whole file.
 */
function incrementalUpdate(
  base: number,
  objects: readonly [number, string][],
  trailer: Trailer,
  size: number,
  root: number,
): { update: string; offsets: Map<number, number> } {
  let update = '';
  const offsets = new Map<number, number>();
  for (const [id, body] of objects) {
    offsets.set(id, base + update.length);
    update += `${id} 0 obj\n${body}\nendobj\n`;
  }
  const xrefAt = base + update.length;
  const ids = [...offsets.keys()].sort((a, b) => a - b);
  update += 'xref\n';
  // One subsection per run of consecutive ids.
  for (let i = 0; i < ids.length; ) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j]! + 1) j++;
    update += `${ids[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) update += `${String(offsets.get(ids[k]!)).padStart(10, '0')} 00000 n \n`;
    i = j + 1;
  }
  const info = ref(trailer.body, 'Info');
  const id = /\/ID\s*\[[^\]]*\]/.exec(trailer.body)?.[0];
  update += `trailer\n<<\n/Size ${size}\n/Root ${root} 0 R\n${info !== undefined ? `/Info ${info} 0 R\n` : ''}${id ? `${id}\n` : ''}/Prev ${trailer.startxref}\n>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return { update, offsets };
}

/**
 * Writes the real /ByteRange into `out` (the file with its update from `base` on; the signature
 * dictionary `sigAt` bytes into the update): every byte but the /Contents hex string, whose
 * start and end are returned.
 */
function fillByteRange(out: Buffer, base: number, sigAt: number, capacity: number): { start: number; end: number } {
  const updateText = out.toString('latin1', base);
  const start = base + updateText.indexOf('/Contents <', sigAt) + '/Contents '.length;
  const end = start + capacity * 2 + 2;
  const byteRange = `/ByteRange [0 ${start} ${end} ${out.length - end}]`.padEnd(BYTE_RANGE_SLOT.length, ' ');
  out.write(byteRange, base + updateText.indexOf(BYTE_RANGE_SLOT, sigAt), 'latin1');
  return { start, end };
}
