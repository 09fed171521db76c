// A small deterministic Measure, document builders and the R1–R13 checks shared by the layout tests.
import type { Block, DocumentFormat, DocumentModel } from '../../../lambdas/render/model.js';
import { BLOCK_LEFT, BLOCK_RIGHT, CELL, NO_END, NO_START, layoutDocument, type LayoutOptions } from '../../../lambdas/render/layout/index.js';
import { KEEP_TOGETHER, keepTogetherSpans } from '../../../lambdas/render/layout/kinsoku.js';
import type { Layout, Line, Measure, RuleItem, TextItem } from '../../../lambdas/render/layout/types.js';

/** Ideographs and full-width marks take one em; ASCII and `¥` half an em with 'hwid' (0.55 em without); `·` a third. */
export const testMeasure: Measure = {
  advance(text, _role, size, features = []) {
    let w = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x80 || ch === '¥') w += features.includes('hwid') ? size / 2 : size * 0.55;
      else if (ch === '·') w += size / 3;
      else w += size;
    }
    return w;
  },
  ascent: (_role, size) => 0.88 * size,
};

export function model(blocks: Block[], qr?: string, format: DocumentFormat = 'document'): DocumentModel {
  return {
    format,
    meta: { title: 't', subject: '', keywords: '', author: '', lang: 'zh-CN' },
    blocks,
    ...(qr ? { qr } : {}),
  };
}

/** Deterministic pseudo-random generator (mulberry32), so generated paragraphs are the same every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HAN = '太原市人才工作领导小组办公室根据并发号文件精神经研究决定给予奖励资金专项用于科研项目和团队建设请按照有关规定做好管理使用';
const PIECES = [
  '。”',
  '）、',
  '“《',
  '2026年',
  '¥500,000.00',
  '140105********000X',
  '——',
  '……',
  '张𬱖',
  '买买提·艾力',
  '，',
  '。',
  '、',
  '；',
  '：',
  '（',
  '）',
  '“',
  '”',
  '《',
  '》',
  '？',
  '！',
  '〔2018〕',
  '1.5%',
  'GB/T',
  '？！',
  '（并发〔2018〕2号）',
  '第十九条',
  '12个月',
  '5年',
  '8月1日',
];

/** A long paragraph mixing ideographs, punctuation clusters, digits (odd and even runs), document numbers, clause references, dashes, ellipses and rare names. */
export function generatedParagraph(seed: number, length = 400): string {
  const rnd = random(seed);
  // A paragraph opens with an ideograph: a line-start rule cannot mend a paragraph that opens with `）`.
  let out = HAN[Math.floor(rnd() * HAN.length)]!;
  while (Array.from(out).length < length) {
    if (rnd() < 0.25) out += PIECES[Math.floor(rnd() * PIECES.length)]!;
    else out += HAN[Math.floor(rnd() * HAN.length)]!;
  }
  return out + '。';
}

// ---- Rule checks on laid-out lines (official-document-layout.md §3, R1–R13) ----

export const L = BLOCK_LEFT;
export const R = BLOCK_RIGHT;
export const C = CELL;

const first = (s: string) => Array.from(s)[0] ?? '';
export const lineText = (line: Line) => line.units.map((u) => u.text).join('');
export const lineRight = (l: Line) => l.units.at(-1)!.x + l.units.at(-1)!.width;
export const lineCentre = (l: Line) => (l.units[0]!.x + lineRight(l)) / 2;
export const textItems = (page: Layout['pages'][number]) => page.items.filter((i): i is TextItem => i.kind === 'text');
export const ruleItems = (page: Layout['pages'][number]) => page.items.filter((i): i is RuleItem => i.kind === 'rule');
const lastChar = (s: string) => Array.from(s).at(-1) ?? '';
const right = (line: Line) => {
  const u = line.units.at(-1)!;
  return u.x + u.width;
};

/** Lines of the given blocks across all pages, in reading order, with their page index. */
export function linesOf(layout: Layout, blocks: (b: number) => boolean): (Line & { page: number })[] {
  return layout.pages.flatMap((p, page) => p.lines.filter((l) => blocks(l.block)).map((l) => ({ ...l, page })));
}

/** Every violation of R1–R13 on the lines of running-text paragraphs (indent 2 cells); R3 includes the keep-together rules. */
export function ruleViolations(lines: readonly Line[], indent = 2 * CELL): string[] {
  const out: string[] = [];
  lines.forEach((line, i) => {
    const text = lineText(line);
    const where = `line ${i} “${text}”`;
    const u0 = line.units[0]!;
    if (NO_START.includes(first(u0.text))) out.push(`R1 ${where}`);
    if (NO_END.includes(lastChar(line.units.at(-1)!.text))) out.push(`R2 ${where}`);
    const next = lines[i + 1];
    if (next && next.block === line.block && !line.last) {
      const a = lastChar(text);
      const b = first(next.units[0]!.text);
      if (/[0-9A-Za-z]/.test(a) && /[0-9A-Za-z]/.test(b)) out.push(`R3 run split ${where}`);
      if ((a === '—' || a === '…') && a === b) out.push(`R3 pair split ${where}`);
      const joined = text + lineText(next);
      for (const k of keepTogetherSpans(joined, KEEP_TOGETHER)) {
        if (k.strength === 'always' && k.start < text.length && k.end > text.length)
          out.push(`R3 keep-together “${joined.slice(k.start, k.end)}” split ${where}`);
      }
    }
    const start = L + (line.first ? indent : 0);
    if (Math.abs(u0.x - start) > 0.5) out.push(`R4/R5 start ${u0.x} ≠ ${start} ${where}`);
    if (!line.last && !line.ragged && Math.abs(right(line) - R) > 0.5) out.push(`R4 right ${right(line)} ≠ ${R} ${where}`);
    line.units.forEach((u, k) => {
      const v = line.units[k + 1];
      if (line.last && v && Math.abs(v.x - (u.x + u.width)) > 0.01) out.push(`R5 not solid at ${k} ${where}`);
      if (v && u.kind === 'han' && v.kind === 'han' && v.x - u.x < C - 0.01) out.push(`R6 ${where}`);
      const cells = u.width / C;
      if (u.kind === 'han' && Math.abs(u.width - C) > 0.01) out.push(`R7 han width ${u.width} ${where}`);
      const marks = Array.from(u.text).length;
      if (u.kind === 'punct' && marks > 1) {
        if (Math.abs(u.width - Math.ceil(marks / 2) * C) > 0.01) out.push(`R9 ${where}`);
      } else if (u.kind === 'punct' && Math.abs(u.width - C) > 0.01 && Math.abs(u.width - C / 2) > 0.01) out.push(`R7 punct width ${u.width} ${where}`);
      if (u.kind === 'pair' && Math.abs(cells - Math.round(cells)) > 0.001) out.push(`R7 pair not whole cells ${where}`);
      // A Latin run takes its natural width: half a cell a character with half-width forms.
      if (u.kind === 'latin' && Math.abs(u.width - (Array.from(u.text).length * C) / 2) > 0.01) out.push(`R7 latin not natural ${where}`);
      if ((u.text === '——' || u.text === '……') && Math.abs(u.width - 2 * C) > 0.01) out.push(`R10 ${where}`);
      if (u.text === '·' && Math.abs(u.width - C) > 0.01) out.push(`R11 ${where}`);
      if (/[０-９Ａ-Ｚａ-ｚ]/.test(u.text)) out.push(`R12 ${where}`);
      if (u.x + u.width > R + 0.5) out.push(`R13 ${where}`);
    });
  });
  return out;
}

const HAN_TEXT = '太原市人才工作领导小组办公室根据并发文件精神经研究决定给予奖励资金专项用于科研项目和团队建设';

/** n ideographs and nothing else, so line counts are exact: 26 fill a first line, 28 any other. */
export function han(n: number, offset = 0): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HAN_TEXT[(i + offset) % HAN_TEXT.length];
  return s;
}

export const paragraph = (text: string): Block => ({ kind: 'paragraph', spans: [{ text, role: 'body' }] });

/** A paragraph of exactly `lines` full lines of ideographs. */
export const fullParagraph = (lines: number, offset = 0): Block => paragraph(han(26 + 28 * (lines - 1), offset));

/** A 序号/内容 table: a header row, then one numbered row per text. */
export const numberedTable = (texts: string[]): Block => ({
  kind: 'table',
  widths: [4, 24],
  rows: [
    {
      header: true,
      cells: [
        { text: '序号', align: 'center' },
        { text: '内容', align: 'center' },
      ],
    },
    ...texts.map((text, r) => ({
      header: false,
      cells: [
        { text: String(r + 1), align: 'center' as const },
        { text, align: 'left' as const },
      ],
    })),
  ],
});

export const MASTHEAD: Block[] = [
  { kind: 'copyNumber', text: '000123' },
  { kind: 'header', text: '太原市人才工作领导小组办公室文件' },
  { kind: 'number', text: '并人才奖〔2026〕17号' },
  { kind: 'title', lines: ['关于授予张三“并州英才”称号并给予奖励的通知'] },
  { kind: 'to', text: '张三：' },
];

export const SIGNATURE: Block = { kind: 'signature', issuer: '太原市人才工作领导小组办公室', date: '2026年11月24日', sealed: true };
export const IMPRINT: Block = {
  kind: 'imprint',
  copyTo: '抄送：市委组织部，市财政局，市人力资源和社会保障局。',
  printedBy: '太原市人才工作领导小组办公室',
  printedDate: '2026年11月24日印发',
};

export const SEAL_42 = { diameter: (42 * 72) / 25.4 };

export function lay(blocks: Block[], options: LayoutOptions = { seal: SEAL_42 }, qr?: string, format: DocumentFormat = 'document'): Layout {
  return layoutDocument(model(blocks, qr, format), testMeasure, options);
}

/** The error a function throws, for asserting on its code and message. */
export function thrown(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected an error');
}
