// Tagged PDF, read back: the structure tree of real documents (pdfinfo -struct-text from poppler,
// pdfjs-dist's getStructTree), its roles and reading order, the figures' alternate text, and every
// glyph of the text layer either in the tree or an artifact. docs/layout.md (Tagged PDF).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOC_TYPES, exampleCase, type DocTypeId } from '../../lambdas/catalogue/index.js';
import { layoutDocument } from '../../lambdas/render/layout/index.js';
import type { Item } from '../../lambdas/render/layout/types.js';
import type { Block, TableRow } from '../../lambdas/render/model.js';
import { documentModel, renderer, type RenderedDocument } from '../../lambdas/render/render-document.js';
import { QR_CAPTION, structurePlan, type StructNode } from '../../lambdas/render/structure.js';
import { fullParagraph, model, testMeasure } from './layout/fixtures.js';
import { tempDir } from '../support/temp-dirs.js';

interface Element {
  role: string;
  texts: string[];
  children: Element[];
}

/** poppler's view of the structure tree: one element per line, its text as quoted strings, nesting by indentation. */
function structText(pdf: Buffer): Element {
  const file = join(tempDir('notice-tagged-'), 'doc.pdf');
  writeFileSync(file, pdf);
  const out = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
  const root: Element = { role: 'Root', texts: [], children: [] };
  const stack: { depth: number; el: Element }[] = [{ depth: -1, el: root }];
  for (const line of out.split('\n').filter((l) => l.trim() !== '')) {
    const depth = line.length - line.trimStart().length;
    while (stack.length > 1 && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const parent = stack[stack.length - 1]!.el;
    const quoted = /^\s*"(.*)"$/.exec(line);
    if (quoted) parent.texts.push(quoted[1]!);
    else {
      const el: Element = { role: line.trim().split(' ')[0]!, texts: [], children: [] };
      parent.children.push(el);
      stack.push({ depth, el });
    }
  }
  return root.children[0]!;
}

const textOf = (el: Element): string => el.texts.join('') + el.children.map(textOf).join('');
const flat = (s: string) => s.replace(/\s+/g, '');
const sorted = (s: string) => [...flat(s)].sort().join('');

function pdftotext(pdf: Buffer): string {
  const file = join(tempDir('notice-tagged-'), 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

/** A 公文 block's own words, as they stand on the page. */
function blockText(b: Block): string {
  switch (b.kind) {
    case 'title':
      return b.lines.join('');
    case 'paragraph':
      return b.spans.map((s) => s.text).join('');
    case 'table':
      return b.rows.flatMap((r) => r.cells.map((c) => c.text)).join('');
    case 'attachments':
      return b.items.join('');
    case 'signature':
      return b.issuer + b.date;
    case 'imprint':
      return b.copyTo ?? '';
    default:
      return b.text;
  }
}

// Every 公文 type (the card has its own test below).
const ids = (Object.keys(DOC_TYPES) as DocTypeId[]).filter((id) => DOC_TYPES[id].family !== 'card');
const docs = new Map<DocTypeId, { doc: RenderedDocument; tree: Element }>();

beforeAll(async () => {
  for (const id of [...ids, 'talent-green-card' as const]) {
    const doc = await renderer().render({ case: exampleCase(id), documentNumber: '并人才奖〔2026〕17号', verifyUrl: `https://notice.example.gov.cn/v/${id}` });
    docs.set(id, { doc, tree: structText(doc.pdf) });
  }
});

describe.each(ids)('the tagged %s document', (id) => {
  it('marks the catalog as tagged, in Chinese, with its title shown in the viewer', () => {
    const { doc } = docs.get(id)!;
    const text = doc.pdf.toString('latin1');
    expect(text).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(text).toMatch(/\/Marked true/);
    expect(text).toMatch(/\/Lang \(zh-CN\)/);
    expect(text).toMatch(/\/DisplayDocTitle true/);
  });

  it('reads in the order the page is read: the QR and its caption, then every block of the model in turn', () => {
    const { doc, tree } = docs.get(id)!;
    expect(tree.role).toBe('Document');
    const [qr, caption] = tree.children;
    expect(qr!.role).toBe('Figure');
    expect(caption).toMatchObject({ role: 'P', texts: [QR_CAPTION, `https://notice.example.gov.cn/v/${id}`] });
    const all = flat(textOf(tree));
    let at = 0;
    for (const block of documentModel(doc).blocks) {
      const words = flat(blockText(block));
      const found = all.indexOf(words, at);
      expect(found, `${block.kind} “${words}” after offset ${at}`).toBeGreaterThanOrEqual(at);
      at = found + words.length;
    }
  });

  it('tags the title as H1, the 署名 and the date as paragraphs, and the seal as a figure read after them', () => {
    const { doc, tree } = docs.get(id)!;
    const model = documentModel(doc);
    const title = model.blocks.find((b) => b.kind === 'title')!;
    const h1 = tree.children.filter((c) => c.role === 'H1');
    expect(h1.map(textOf)).toEqual([title.kind === 'title' ? title.lines.join('') : '']);
    const signature = model.blocks.find((b) => b.kind === 'signature')!;
    if (signature.kind !== 'signature') throw new Error('no signature');
    const date = tree.children.findIndex((c) => c.role === 'P' && textOf(c) === signature.date);
    expect(textOf(tree.children[date - 1]!)).toBe(signature.issuer);
    expect(tree.children[date + 1]!.role).toBe('Figure');
  });

  it('has every glyph of the text layer in the tree, but page numbers and a continued table’s 续表 and repeated header, which are artifacts', () => {
    const { doc, tree } = docs.get(id)!;
    const plan = structurePlan(doc.layout, documentModel(doc).blocks);
    const artifacts = doc.layout.pages.flatMap((p) => p.items).filter((i) => i.kind === 'text' && 'artifact' in plan.tags.get(i)!);
    expect(artifacts.every((i) => i.kind === 'text' && (/^— \d+ —$/.test(i.text) || ['heading', 'body'].includes(i.role)))).toBe(true);
    const layer = [...flat(pdftotext(doc.pdf))];
    for (const ch of [...flat(artifacts.map((i) => (i.kind === 'text' ? i.text : '')).join(''))]) layer.splice(layer.indexOf(ch), 1);
    expect(sorted(textOf(tree))).toBe(sorted(layer.join('')));
  });

  it('gives the seal and the QR code alternate text (pdfjs reads it back)', async () => {
    const { doc } = docs.get(id)!;
    const pdf = await getDocument({ data: new Uint8Array(doc.pdf), verbosity: 0 }).promise;
    const figures: string[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      type Node = { role?: string; alt?: string; children?: Node[] };
      const walk = (n: Node): void => {
        if (n.role === 'Figure') figures.push(n.alt ?? '');
        n.children?.forEach(walk);
      };
      walk((await (await pdf.getPage(p)).getStructTree()) as Node);
    }
    expect(figures).toContain(`核验二维码：https://notice.example.gov.cn/v/${id}`);
    expect(figures.filter((a) => a.startsWith('印章：')).length).toBe(1);
  });
});

describe('a tagged table', () => {
  it('reads back as Table, TR, TH and TD with each cell’s text', () => {
    const { doc, tree } = docs.get('platform-subsidy')!;
    const block = documentModel(doc).blocks.find((b) => b.kind === 'table')!;
    if (block.kind !== 'table') throw new Error('no table');
    const table = tree.children.find((c) => c.role === 'Table')!;
    expect(table.children.map((tr) => tr.role)).toEqual(block.rows.map(() => 'TR'));
    table.children.forEach((tr, r) => {
      const row = block.rows[r]!;
      expect(tr.children.map((c) => c.role)).toEqual(row.cells.map(() => (row.header ? 'TH' : 'TD')));
      expect(tr.children.map(textOf)).toEqual(row.cells.map((c) => c.text));
    });
  });

  it('continued on a new page, tags its header once and leaves 续表 and the repeated header rows as artifacts', () => {
    const row = (header: boolean, ...cells: string[]): TableRow => ({ header, cells: cells.map((text) => ({ text, align: 'left' })) });
    const rows = [row(true, '序号', '项目', '金额'), ...Array.from({ length: 12 }, (_, i) => row(false, String(i + 1), `项目${i + 1}`, `¥${i + 1},000.00`))];
    const blocks: Block[] = [fullParagraph(14), { kind: 'table', widths: [1, 4, 2], rows }];
    const layout = layoutDocument(model(blocks), testMeasure);
    expect(layout.pages.length).toBe(2);
    const plan = structurePlan(layout, blocks);
    const textsOf = (node: StructNode) =>
      layout.pages
        .flatMap((p) => p.items)
        .filter((i): i is Extract<Item, { kind: 'text' }> => i.kind === 'text' && (plan.tags.get(i) as { node?: StructNode }).node === node)
        .map((i) => i.text)
        .join('');
    const table = plan.root.children.find((n) => n.type === 'Table')!;
    expect(table.children.map((tr) => tr.children.map(textsOf))).toEqual(rows.map((r) => r.cells.map((c) => c.text)));
    const page2 = layout.pages[1]!.items.filter((i) => i.kind === 'text');
    const artifacts = page2.filter((i) => 'artifact' in plan.tags.get(i)!).map((i) => (i.kind === 'text' ? i.text : ''));
    expect(artifacts).toEqual(expect.arrayContaining(['续表', '序号', '项目', '金额']));
  });
});

describe('a tagged card', () => {
  it('reads its texts as paragraphs and its QR as a figure with the caption after it, every glyph in the tree', () => {
    const { doc, tree } = docs.get('talent-green-card')!;
    expect(tree.role).toBe('Document');
    const qr = tree.children.findIndex((c) => c.role === 'Figure');
    expect(tree.children[qr + 1]).toMatchObject({ role: 'P', texts: [QR_CAPTION, 'https://notice.example.gov.cn/v/talent-green-card'] });
    expect(sorted(textOf(tree))).toBe(sorted(pdftotext(doc.pdf)));
  });
});

describe('tagging', () => {
  it('keeps documents byte-identical: the same case renders to the same bytes', async () => {
    const request = { case: exampleCase('platform-subsidy'), documentNumber: '并人才奖〔2026〕17号', verifyUrl: 'https://notice.example.gov.cn/v/x' };
    const [a, b] = [await renderer().render(request), await renderer().render(request)];
    expect(a.pdf.equals(b.pdf)).toBe(true);
  });
});
