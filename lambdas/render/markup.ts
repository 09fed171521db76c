// Document markup (what templates emit, see model.ts) → document model.
// A real XML parser, so data that Handlebars escaped stays text and can never become layout.
import { parseDocument } from 'htmlparser2';
import * as z from 'zod';
import type { ChildNode, Element } from 'domhandler';
import { toHalfWidth } from '../catalogue/text.js';
import { MarkupError } from '../errors.js';
import type { Block, DocumentFormat, DocumentMeta, DocumentModel, Span, TableCell, TableRow } from './model.js';

const Format = z.enum(['document', 'letter']).default('document');

function format(root: Element, source: string): DocumentFormat {
  const parsed = Format.safeParse(root.attribs.format?.trim());
  if (!parsed.success) {
    throw new MarkupError(
      `${source}: <document format="${root.attribs.format}"> is not a GB/T 9704 format; write format="document" (文件格式) or format="letter" (信函格式)`,
    );
  }
  return parsed.data;
}

/**
 * Text as templates write it: line breaks and the indentation around them are template
 * formatting, not content (Chinese has no spaces between words); other spaces are kept.
 * Full-width ASCII becomes half-width (GB/T 15835, layout rule R12); full-width punctuation stays.
 */
export function normaliseText(raw: string): string {
  return toHalfWidth(raw.replace(/[ \t]*\r?\n[ \t\r\n]*/g, '')).trim();
}

function isElement(n: ChildNode): n is Element {
  return n.type === 'tag';
}

function textOf(n: ChildNode): string {
  if (n.type === 'text') return n.data;
  if (isElement(n)) return n.children.map(textOf).join('');
  return '';
}

export function elements(parent: Element, where: string): Element[] {
  const out: Element[] = [];
  for (const c of parent.children) {
    if (isElement(c)) out.push(c);
    else if (c.type === 'text' && c.data.trim() !== '') {
      throw new MarkupError(`${where}: text “${c.data.trim().slice(0, 20)}” outside an element; wrap it in <p>`);
    }
  }
  return out;
}

export function attr(e: Element, name: string, where: string): string {
  const v = e.attribs[name];
  if (v === undefined || v.trim() === '') throw new MarkupError(`${where}: <${e.name}> needs the attribute ${name}`);
  return v.trim();
}

export function text(e: Element, where: string): string {
  const t = normaliseText(textOf(e));
  if (t === '') throw new MarkupError(`${where}: <${e.name}> is empty`);
  return t;
}

function spans(e: Element, where: string): Span[] {
  const out: Span[] = [];
  for (const c of e.children) {
    if (c.type === 'text') out.push({ text: normaliseText(c.data), role: 'body' });
    else if (isElement(c) && c.name === 'strong') out.push({ text: normaliseText(textOf(c)), role: 'heading' });
    else if (isElement(c)) throw new MarkupError(`${where}: <${c.name}> is not allowed inside <p>; use <strong> for a 黑体 lead-in`);
  }
  const kept = out.filter((s) => s.text !== '');
  if (kept.length === 0) throw new MarkupError(`${where}: <p> is empty`);
  return kept;
}

function table(e: Element, where: string): Block {
  const widths = attr(e, 'widths', where)
    .split(',')
    .map((w) => Number(w.trim()));
  if (widths.some((w) => !Number.isFinite(w) || w <= 0)) throw new MarkupError(`${where}: <table widths> must be positive numbers of cells`);
  const rows: TableRow[] = elements(e, where).map((tr, r) => {
    if (tr.name !== 'tr') throw new MarkupError(`${where}: <table> holds <tr>, not <${tr.name}>`);
    const cells = elements(tr, `${where} row ${r + 1}`);
    if (cells.length !== widths.length) {
      throw new MarkupError(`${where} row ${r + 1}: ${cells.length} cells, but widths names ${widths.length} columns`);
    }
    return {
      header: cells.every((c) => c.name === 'th'),
      cells: cells.map((c): TableCell => {
        if (c.name !== 'td' && c.name !== 'th') throw new MarkupError(`${where}: <tr> holds <td> or <th>, not <${c.name}>`);
        const align = c.attribs.align ?? (c.name === 'th' ? 'center' : 'left');
        if (align !== 'left' && align !== 'center' && align !== 'right') throw new MarkupError(`${where}: align="${align}" is not left, center or right`);
        return { text: normaliseText(textOf(c)), align };
      }),
    };
  });
  return { kind: 'table', widths, rows };
}

/** Text and <name> elements (a name the case gives); the names' texts, as normalised. */
function namesIn(e: Element, where: string): string[] {
  return e.children.filter(isElement).map((c) => {
    if (c.name !== 'name') throw new MarkupError(`${where}: <${e.name}> holds text and <name>, not <${c.name}>`);
    return text(c, where);
  });
}

/** Either text (the layout chooses the breaks) or <line> children (the template does), with <name>s in either. */
function title(e: Element, where: string): Block {
  const given = e.children.some((c) => isElement(c) && c.name === 'line');
  const parts = given ? elements(e, where) : [e];
  const names = [...new Set(parts.flatMap((l) => namesIn(l, where)))];
  return { kind: 'title', lines: parts.map((l) => text(l, where)), ...(names.length > 0 ? { names } : {}) };
}

function block(e: Element, where: string): Block | undefined {
  switch (e.name) {
    case 'copy-number':
      return { kind: 'copyNumber', text: text(e, where) };
    case 'header':
      return { kind: 'header', text: text(e, where) };
    case 'number':
      return { kind: 'number', text: text(e, where) };
    case 'title':
      return title(e, where);
    case 'to':
      return { kind: 'to', text: text(e, where) };
    case 'p':
      return { kind: 'paragraph', spans: spans(e, where) };
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
      return { kind: 'heading', level: Number(e.name[1]) as 1 | 2 | 3 | 4, text: text(e, where) };
    case 'table':
      return table(e, where);
    case 'attachments':
      return { kind: 'attachments', items: elements(e, where).map((i) => text(i, where)) };
    case 'signature':
      return { kind: 'signature', issuer: text(e, where), date: attr(e, 'date', where), sealed: e.attribs.sealed !== 'false' };
    case 'note':
      return { kind: 'note', text: text(e, where) };
    case 'imprint': {
      let copyTo: string | undefined;
      let printedBy: string | undefined;
      let printedDate: string | undefined;
      for (const c of elements(e, where)) {
        if (c.name === 'copy-to') copyTo = text(c, where);
        else if (c.name === 'printed-by') {
          printedBy = text(c, where);
          printedDate = attr(c, 'date', where);
        } else throw new MarkupError(`${where}: <imprint> holds <copy-to> and <printed-by>, not <${c.name}>`);
      }
      if (!printedBy || !printedDate) throw new MarkupError(`${where}: <imprint> needs <printed-by date="…">`);
      return { kind: 'imprint', copyTo, printedBy, printedDate };
    }
    case 'qr':
      return undefined; // handled by parseMarkup: not a block of the page flow
    default:
      throw new MarkupError(`${where}: unknown element <${e.name}>`);
  }
}

/** The one root element of a template's output: <document> for a 公文, <card> for a card. */
export function markupRoot(markup: string, source: string): Element {
  const dom = parseDocument(markup, { xmlMode: true, decodeEntities: true });
  const roots = dom.children.filter(isElement);
  const root = roots[0];
  if (roots.length !== 1 || !root) throw new MarkupError(`${source}: the markup must be one <document> or <card> element`);
  return root;
}

/** The document's metadata, from the root's attributes. */
export function metaOf(root: Element): DocumentMeta {
  const a = root.attribs;
  return { title: a.title ?? '', subject: a.subject ?? '', keywords: a.keywords ?? '', author: a.author ?? '', lang: a.lang ?? 'zh-CN' };
}

/** Parses a template's output. `source` names the template in error messages. */
export function parseMarkup(markup: string, source: string): DocumentModel {
  return parseDocumentElement(markupRoot(markup, source), source);
}

/** A <document> root → the document model. */
export function parseDocumentElement(root: Element, source: string): DocumentModel {
  if (root.name !== 'document') throw new MarkupError(`${source}: the markup must be one <document> element`);
  const documentFormat = format(root, source);
  const blocks: Block[] = [];
  let qr: string | undefined;
  elements(root, source).forEach((e, i) => {
    const b = block(e, `${source} <${e.name}> #${i + 1}`);
    if (b) blocks.push(b);
    else qr = text(e, source);
  });
  return {
    format: documentFormat,
    meta: metaOf(root),
    blocks,
    ...(qr ? { qr } : {}),
  };
}
