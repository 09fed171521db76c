import { describe, expect, it } from 'vitest';
import {
  BLOCK_BOTTOM,
  BLOCK_CENTRE_X,
  BODY_SIZE,
  LETTER_FOOT_RULE_BOTTOM,
  LETTER_HEADER_TOP,
  LETTER_RULE_GAP,
  LETTER_RULE_LENGTH,
  LINE_PITCH,
  MM,
  PAGE_HEIGHT,
  gridLineTop,
} from '../../../lambdas/render/layout/index.js';
import type { Block } from '../../../lambdas/render/model.js';
import type { Layout, QrItem } from '../../../lambdas/render/layout/types.js';
import {
  L,
  MASTHEAD,
  R,
  IMPRINT,
  SEAL_42,
  SIGNATURE,
  fullParagraph,
  han,
  lay,
  paragraph,
  lineCentre,
  lineRight,
  lineText,
  ruleItems as rules,
  textItems as texts,
} from './fixtures.js';

const P = LINE_PITCH;

const LETTERHEAD: Block[] = [
  { kind: 'header', text: '太原市人才工作领导小组办公室' },
  { kind: 'number', text: '并人才奖〔2026〕17号' },
  { kind: 'title', lines: ['关于给予张三同志奖励的通知'] },
  { kind: 'to', text: '张三同志：' },
];

describe('信函格式 page 1', () => {
  const blocks: Block[] = [...LETTERHEAD, paragraph(han(60)), SIGNATURE, IMPRINT];
  const page = lay(blocks, { seal: SEAL_42 }, 'https://example.org/v/DOC1', 'letter').pages[0]!;
  const red = rules(page)
    .filter((r) => r.colour === 'red')
    .sort((a, b) => a.y - b.y);
  const header = texts(page).find((t) => t.colour === 'red')!;
  const number = page.lines.find((l) => lineText(l) === '并人才奖〔2026〕17号')!;

  it('sets the red 标志 with its top edge 30 mm from the paper top, centred on the block', () => {
    expect(header.text).toBe('太原市人才工作领导小组办公室');
    expect(header.baseline - 0.88 * 42).toBeCloseTo(30 * MM, 6);
    expect(header.x + (14 * 42 * header.horizontalScale) / 100 / 2).toBeCloseTo(BLOCK_CENTRE_X, 6);
  });

  it('draws a red double rule, thick over thin, 4 mm below the 标志, 170 mm long and centred', () => {
    const [thick, thin] = red;
    expect(thick!.width).toBeGreaterThan(thin!.width);
    expect(thick!.y - thick!.width / 2).toBeCloseTo(LETTER_HEADER_TOP + 42 + LETTER_RULE_GAP, 6);
    expect(thin!.y).toBeGreaterThan(thick!.y + thick!.width / 2 + thin!.width / 2);
    for (const r of [thick!, thin!]) {
      expect(r.x2 - r.x1).toBeCloseTo(170 * MM, 6);
      expect((r.x1 + r.x2) / 2).toBeCloseTo(BLOCK_CENTRE_X, 6);
    }
  });

  it('draws a red double rule, thin over thick, its bottom edge 20 mm above the paper foot', () => {
    const [thin, thick] = red.slice(2);
    expect(red).toHaveLength(4);
    expect(thick!.width).toBeGreaterThan(thin!.width);
    expect(thick!.y + thick!.width / 2).toBeCloseTo(PAGE_HEIGHT - 20 * MM, 6);
    expect(LETTER_FOOT_RULE_BOTTOM).toBeCloseTo(PAGE_HEIGHT - 20 * MM, 6);
    expect(thick!.x2 - thick!.x1).toBeCloseTo(LETTER_RULE_LENGTH, 6);
  });

  it('puts the 发文字号 flush right, 7/8 of a 三号 height under the first double rule', () => {
    const thin = red[1]!;
    expect(number.top - (thin.y + thin.width / 2)).toBeCloseTo((7 / 8) * BODY_SIZE, 6);
    expect(lineRight(number)).toBeCloseTo(R, 6);
  });

  it('sets the title two lines below the 发文字号, on the first grid line that far down', () => {
    const title = page.lines.find((l) => l.role === 'title')!;
    const line = Math.round((title.top + 11 - BODY_SIZE / 2 - gridLineTop(0)) / P);
    expect(gridLineTop(line) - number.top).toBeGreaterThanOrEqual(2 * P);
    expect(gridLineTop(line - 1) - number.top).toBeLessThan(2 * P);
    expect(lineCentre(title)).toBeCloseTo(BLOCK_CENTRE_X, 6);
  });

  it('leaves page 1 more body lines than 文件格式 does', () => {
    const firstBody = (p: Layout['pages'][number], b: number) => p.lines.find((l) => l.block === b)!.top;
    const document = lay([...MASTHEAD.slice(1, 3), ...LETTERHEAD.slice(2), paragraph(han(60))]).pages[0]!;
    expect(firstBody(page, 4)).toBeCloseTo(gridLineTop(7), 6);
    expect(firstBody(document, 4)).toBeCloseTo(gridLineTop(13), 6);
  });

  it('puts the verification QR code above the 标志, clear of it, flush with the block edge', () => {
    const qr = page.items.find((i): i is QrItem => i.kind === 'qr')!;
    expect(qr.y).toBeGreaterThan(0);
    expect(qr.y + qr.size).toBeLessThan(LETTER_HEADER_TOP);
    expect(qr.x + qr.size).toBeCloseTo(R, 6);
  });

  it('puts a 份号 flush left on the line of the 发文字号', () => {
    const p = lay([{ kind: 'copyNumber', text: '000123' }, ...blocks], { seal: SEAL_42 }, undefined, 'letter').pages[0]!;
    const copy = p.lines.find((l) => lineText(l) === '000123')!;
    const n = p.lines.find((l) => lineText(l) === '并人才奖〔2026〕17号')!;
    expect(copy.units[0]!.x).toBeCloseTo(L, 6);
    expect(copy.top).toBeCloseTo(n.top, 6);
    expect(lineRight(n)).toBeCloseTo(R, 6);
  });

  it('shows no page number on page 1', () => {
    expect(page.number).toBeNull();
    expect(texts(page).some((t) => t.role === 'song')).toBe(false);
  });
});

describe('信函格式 after page 1', () => {
  const layout = lay([...LETTERHEAD, fullParagraph(40), SIGNATURE, IMPRINT], { seal: SEAL_42 }, undefined, 'letter');

  it('numbers the following pages counting page 1, with no letterhead on them', () => {
    expect(layout.pages.length).toBeGreaterThan(2);
    expect(layout.pages.map((p) => p.number)).toEqual(layout.pages.map((_, i) => (i === 0 ? null : i + 1)));
    for (const p of layout.pages.slice(1)) {
      expect(rules(p).some((r) => r.colour === 'red')).toBe(false);
      expect(texts(p).find((t) => t.role === 'song')!.text).toBe(`— ${p.number} —`);
    }
  });

  it('continues the body on the standard grid from line 0', () => {
    const body = layout.pages[1]!.lines.filter((l) => l.block === 4);
    expect(body[0]!.top).toBeCloseTo(gridLineTop(0), 6);
    expect(body[1]!.top - body[0]!.top).toBeCloseTo(P, 6);
  });
});

describe('信函格式 版记', () => {
  it('keeps only the 抄送, at the foot of the block, with no 印发 row and no rules', () => {
    const blocks: Block[] = [...LETTERHEAD, paragraph(han(20)), SIGNATURE, IMPRINT];
    const page = lay(blocks, { seal: SEAL_42 }, undefined, 'letter').pages.at(-1)!;
    const rec = page.lines.filter((l) => blocks[l.block]!.kind === 'imprint');
    expect(rec.map(lineText)).toEqual(['抄送：市委组织部，市财政局，市人力资源和社会保障局。']);
    expect(rec[0]!.units[0]!.x).toBeCloseTo(L + 14, 6);
    expect(rec[0]!.top + 7).toBeCloseTo(BLOCK_BOTTOM - P / 2, 6);
    expect(rules(page).filter((r) => r.colour === 'black')).toHaveLength(0);
  });

  it('has no 版记 at all when nothing is copied to anyone', () => {
    const blocks: Block[] = [
      ...LETTERHEAD,
      paragraph(han(20)),
      SIGNATURE,
      { kind: 'imprint', printedBy: '太原市人才工作领导小组办公室', printedDate: '2026年11月24日印发' },
    ];
    const layout = lay(blocks, { seal: SEAL_42 }, undefined, 'letter');
    expect(layout.pages).toHaveLength(1);
    expect(layout.pages[0]!.lines.some((l) => blocks[l.block]!.kind === 'imprint')).toBe(false);
  });

  it('fits a one-page notice with signature, seal and 抄送 on page 1', () => {
    const blocks: Block[] = [...LETTERHEAD, fullParagraph(6), SIGNATURE, IMPRINT];
    const layout = lay(blocks, { seal: SEAL_42 }, undefined, 'letter');
    expect(layout.pages).toHaveLength(1);
    const seal = layout.pages[0]!.items.find((i) => i.kind === 'seal')!;
    const copy = layout.pages[0]!.lines.find((l) => blocks[l.block]!.kind === 'imprint')!;
    if (seal.kind !== 'seal') throw new Error('not a seal');
    expect(seal.cy + seal.diameter / 2).toBeLessThan(copy.top);
  });
});
