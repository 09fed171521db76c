// PDF/A-2a, checked by the rules a validator applies that we can apply here (no PDF/A validator
// is packaged for npm or Debian): identification and dates in XMP, an output intent, embedded
// fonts with widths, no encryption, no external references, printable annotations with
// appearances; for level A, tags, language, standard types, Unicode for every drawn glyph and every
// annotation in the structure tree. What stays unchecked is listed in docs/signing.md.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleCase } from '../../lambdas/catalogue/index.js';
import { renderer, type RenderedDocument } from '../../lambdas/render/render-document.js';
import { parsePdfDate } from '../../lambdas/render/sign/verify.js';
import { tempDir } from '../support/temp-dirs.js';

type PdfValue = string | number | boolean | null | PdfValue[] | { [key: string]: PdfValue };
interface QpdfObject {
  value?: PdfValue;
  stream?: { dict: Record<string, PdfValue>; data?: string };
}

let doc: RenderedDocument;
let objects: Record<string, QpdfObject>;
let trailer: Record<string, PdfValue>;
let encrypted: boolean;

/** The object a reference like "3 0 R" names (dictionary of a stream included). */
function resolve(v: PdfValue | undefined): PdfValue | undefined {
  if (typeof v === 'string' && / 0 R$/.test(v)) {
    const o = objects[`obj:${v}`];
    return o?.value ?? o?.stream?.dict;
  }
  return v;
}
const dict = (v: PdfValue | undefined) => resolve(v) as Record<string, PdfValue>;
/** qpdf writes text strings as "u:…". */
const text = (v: PdfValue | undefined) => String(resolve(v)).replace(/^u:/, '');
const streamData = (ref: string) => Buffer.from(objects[`obj:${ref}`]!.stream!.data!, 'base64').toString('utf8');

beforeAll(async () => {
  doc = await renderer().render({
    case: exampleCase('skill-grand-award'),
    documentNumber: '并人才〔2026〕17号',
    verifyUrl: 'https://notice.example.gov.cn/v/abc',
  });
  const file = join(tempDir('notice-pdfa-'), 'doc.pdf');
  writeFileSync(file, doc.pdf);
  const json = JSON.parse(
    execFileSync('qpdf', ['--json=2', '--json-stream-data=inline', '--decode-level=generalized', file], { encoding: 'utf8', maxBuffer: 64 << 20 }),
  );
  objects = json.qpdf[1];
  trailer = objects.trailer!.value as Record<string, PdfValue>;
  encrypted = json.encrypt.encrypted;
});

describe('a signed document as PDF/A-2 (the level-B rules)', () => {
  it('starts with a header and a binary comment line', () => {
    expect(doc.pdf.subarray(0, 9).toString('latin1')).toMatch(/^%PDF-1\.[4-7]\n/);
    const comment = doc.pdf.subarray(9, 14);
    expect(comment[0]).toBe(0x25);
    for (const b of comment.subarray(1)) expect(b).toBeGreaterThan(127);
  });

  it('identifies itself in XMP as PDF/A part 2, conformance A', () => {
    const xmp = streamData(dict(trailer['/Root'])['/Metadata'] as string);
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>|pdfaid:part="2"/);
    expect(xmp).toMatch(/<pdfaid:conformance>A<\/pdfaid:conformance>|pdfaid:conformance="A"/);
  });

  it('has XMP title, author and creation date agreeing with the Info dictionary', () => {
    const info = dict(trailer['/Info']);
    const xmp = streamData(dict(trailer['/Root'])['/Metadata'] as string);
    const created = parsePdfDate(text(info['/CreationDate']))!;
    expect(new Date(/<xmp:CreateDate>([^<]+)</.exec(xmp)![1]!).toISOString()).toBe(created.toISOString());
    // The file is never modified after creation: ModDate equals CreationDate, and XMP says so too.
    expect(parsePdfDate(text(info['/ModDate']))!.toISOString()).toBe(created.toISOString());
    expect(new Date(/<xmp:ModifyDate>([^<]+)</.exec(xmp)![1]!).toISOString()).toBe(created.toISOString());
    expect(/<dc:title>[\s\S]*?<rdf:li[^>]*>([^<]+)</.exec(xmp)![1]).toBe(text(info['/Title']));
    expect(/<dc:creator>[\s\S]*?<rdf:li[^>]*>([^<]+)</.exec(xmp)![1]).toBe(text(info['/Author']));
    expect(/<pdf:Producer>([^<]+)</.exec(xmp)![1]).toBe(text(info['/Producer']));
  });

  it('declares a PDF/A output intent with an embedded ICC profile', () => {
    const intents = dict(trailer['/Root'])['/OutputIntents'] as string[];
    expect(intents.length).toBeGreaterThan(0);
    const intent = dict(intents[0]);
    expect(intent['/S']).toBe('/GTS_PDFA1');
    expect(dict(intent['/DestOutputProfile'])['/N']).toBe(3);
  });

  it('embeds every font, with widths for its glyphs', () => {
    const fonts = Object.values(objects)
      .map((o) => o.value)
      .filter(
        (v): v is Record<string, PdfValue> => typeof v === 'object' && v !== null && !Array.isArray(v) && v['/Type'] === '/Font' && v['/Subtype'] !== '/Type0',
      );
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      const descriptor = dict(font['/FontDescriptor']);
      expect(descriptor['/FontFile2'] ?? descriptor['/FontFile3'] ?? descriptor['/FontFile'], String(font['/BaseFont'])).toBeDefined();
      expect(font['/W'] ?? font['/Widths'], `${String(font['/BaseFont'])} has no widths`).toBeDefined();
    }
  });

  it('is not encrypted and every trailer carries a file ID', () => {
    expect(encrypted).toBe(false);
    expect(trailer['/Encrypt']).toBeUndefined();
    const trailers = doc.pdf.toString('latin1').match(/trailer\s*<<[\s\S]*?>>\s*startxref/g)!;
    expect(trailers.length).toBe(2); // painted file + signature update
    for (const t of trailers) expect(t).toMatch(/\/ID\s*\[<[0-9a-f]+> <[0-9a-f]+>\]/);
  });

  // URI actions are allowed in PDF/A-2; launching, remote go-tos, scripts, reference XObjects and attachments are not.
  it('references no other file and runs nothing', () => {
    const all = JSON.stringify(Object.values(objects).map((o) => o.value ?? o.stream?.dict));
    for (const key of ['/Launch', '/GoToR', '/GoToE', '/JavaScript', '/JS', '/EmbeddedFiles', '/Ref', '/OPI', '/AA', '/FS']) {
      expect(all, key).not.toContain(`"${key}"`);
    }
  });

  it('has only printable annotations, each with a normal appearance', () => {
    const annots = Object.values(objects)
      .map((o) => o.value)
      .filter((v): v is Record<string, PdfValue> => typeof v === 'object' && v !== null && !Array.isArray(v) && v['/Type'] === '/Annot');
    expect(annots.length).toBeGreaterThan(0); // the signature's widget at least
    for (const a of annots) {
      expect(Number(a['/F']) & 4).toBe(4);
      expect(Number(a['/F']) & (1 | 2 | 32)).toBe(0); // not invisible, hidden or no-view
      expect((a['/AP'] as Record<string, PdfValue>)['/N']).toBeDefined();
    }
  });
});

// Level A adds the logical-structure rules (ISO 19005-2 6.8, 6.2.11.7): tagged, a language,
// standard structure types, Unicode for every glyph; and every annotation reachable from the tree.
describe('a signed document as PDF/A-2a (level A)', () => {
  const STANDARD = new Set([
    'Document',
    'Part',
    'Art',
    'Sect',
    'Div',
    'BlockQuote',
    'Caption',
    'TOC',
    'TOCI',
    'Index',
    'NonStruct',
    'Private',
    'P',
    'H',
    'H1',
    'H2',
    'H3',
    'H4',
    'H5',
    'H6',
    'L',
    'LI',
    'Lbl',
    'LBody',
    'Table',
    'TR',
    'TH',
    'TD',
    'THead',
    'TBody',
    'TFoot',
    'Span',
    'Quote',
    'Note',
    'Reference',
    'BibEntry',
    'Code',
    'Link',
    'Annot',
    'Ruby',
    'RB',
    'RT',
    'RP',
    'Warichu',
    'WT',
    'WP',
    'Figure',
    'Formula',
    'Form',
  ]);
  const catalog = () => dict(trailer['/Root']);
  /** Every structure element, walking /K from the structure tree root, with its object reference. */
  function elements(): { ref: string; el: Record<string, PdfValue> }[] {
    const out: { ref: string; el: Record<string, PdfValue> }[] = [];
    const walk = (k: PdfValue | undefined) => {
      if (Array.isArray(k)) return k.forEach(walk);
      if (typeof k !== 'string' || !k.endsWith(' 0 R')) return;
      const el = dict(k);
      out.push({ ref: k, el });
      walk(el['/K']);
    };
    walk(dict(catalog()['/StructTreeRoot'])['/K']);
    return out;
  }

  it('is tagged, in a language, and uses only standard structure types (no role map needed)', () => {
    expect(dict(catalog()['/MarkInfo'])['/Marked']).toBe(true);
    expect(text(catalog()['/Lang'])).toMatch(/^[a-z]{2,3}(-[A-Z]{2})?$/);
    expect(dict(catalog()['/StructTreeRoot'])['/RoleMap']).toBeUndefined();
    const all = elements();
    expect(all.length).toBeGreaterThan(10);
    for (const { el } of all) expect(STANDARD.has(String(el['/S']).slice(1)), String(el['/S'])).toBe(true);
    for (const { el } of all.filter(({ el }) => el['/S'] === '/Figure' || el['/S'] === '/Form')) expect(text(el['/Alt'])).not.toBe('');
  });

  it('maps every glyph it draws to Unicode, never to U+0000, U+FEFF or U+FFFE', () => {
    const fonts = Object.values(objects)
      .map((o) => o.value)
      .filter(
        (v): v is Record<string, PdfValue> =>
          typeof v === 'object' &&
          v !== null &&
          !Array.isArray(v) &&
          v['/Type'] === '/Font' &&
          v['/Subtype'] !== '/CIDFontType2' &&
          v['/Subtype'] !== '/CIDFontType0',
      );
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      const cmap = streamData(font['/ToUnicode'] as string);
      // pdfkit's maps are bfrange arrays from code 0: code i → the i-th value. Code 0 is .notdef, never drawn (checked below).
      const values = [...cmap.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/gi)].flatMap((m) =>
        [...m[2]!.matchAll(/<([0-9a-f ]+)>/gi)].map((v) => v[1]!.toLowerCase()).slice(Number.parseInt(m[1]!, 16) === 0 ? 1 : 0),
      );
      expect(values.length, String(font['/BaseFont'])).toBeGreaterThan(0);
      for (const v of values) expect(['0000', 'feff', 'fffe'], `${String(font['/BaseFont'])} maps a glyph to U+${v}`).not.toContain(v);
    }
    // Glyph ids in the pages' text: hex strings of 2-byte codes; none is 0 (.notdef, which has no Unicode value).
    const pages = Object.values(objects)
      .map((o) => o.value as Record<string, PdfValue> | undefined)
      .filter((v): v is Record<string, PdfValue> => v?.['/Type'] === '/Page');
    const codes = pages.flatMap((page) =>
      [...streamData(page['/Contents'] as string).matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-f]+)>\s*Tj/gi)].flatMap((m) =>
        [...(m[1] ?? `<${m[2]}>`).matchAll(/<([0-9a-f]+)>/gi)].flatMap((h) => h[1]!.match(/.{4}/g)!),
      ),
    );
    expect(codes.length).toBeGreaterThan(100);
    expect(codes).not.toContain('0000');
  });

  it('reaches every annotation from the structure tree: /StructParent, the parent tree, an OBJR back to it', () => {
    const annots = Object.entries(objects).filter(([, o]) => (o.value as Record<string, PdfValue> | undefined)?.['/Type'] === '/Annot');
    expect(annots.length).toBeGreaterThan(0);
    const tree = dict(catalog()['/StructTreeRoot']);
    const nums = dict(tree['/ParentTree'])['/Nums'] as PdfValue[];
    for (const [key, o] of annots) {
      const annot = o.value as Record<string, PdfValue>;
      const at = nums.indexOf(annot['/StructParent'] as number);
      expect(at % 2, `${key} has no parent-tree entry`).toBe(0);
      const parent = dict(nums[at + 1]);
      expect(parent['/S']).toBe('/Form');
      expect(dict(parent['/K'])).toMatchObject({ '/Type': '/OBJR', '/Obj': key.replace(/^obj:/, '') });
      expect(Number(tree['/ParentTreeNextKey'])).toBeGreaterThan(annot['/StructParent'] as number);
    }
  });
});

describe('XMP metadata for a title with XML markup characters', () => {
  it('escapes & < > in the title so the packet stays well-formed and reads back as the Info title', async () => {
    const base = exampleCase('talent-scout-award');
    const name = '山西R&D<智创>材料科技有限公司';
    const renamed = { ...base, recipient: { ...base.recipient, name } } as typeof base;
    const rendered = await renderer().render({ case: renamed, documentNumber: '并人才奖〔2026〕18号', verifyUrl: 'https://notice.example.gov.cn/v/abc' });
    const pdf = rendered.pdf.toString('utf8');
    const xmp = pdf.slice(pdf.indexOf('<x:xmpmeta'), pdf.indexOf('</x:xmpmeta>'));
    // Every & starts an entity and no < or > stands in element text: what an XML parser requires.
    expect(xmp).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#)/);
    const title = /<dc:title>[\s\S]*?<rdf:li[^>]*>([^<]+)</.exec(xmp)![1]!;
    const unescaped = title.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(unescaped).toContain(name);
    expect(pdf).toContain('R&amp;D&lt;智创&gt;');
  });
});
