// A digit run takes its natural width (half a cell a digit with hwid) everywhere, with no
// slack around it: lines off the body grid are set solid, body lines justified around it.
import { describe, expect, it } from 'vitest';
import { BODY_SIZE, CELL } from '../../../lambdas/render/layout/index.js';
import type { Block } from '../../../lambdas/render/model.js';
import type { Line, PlacedUnit, TextItem } from '../../../lambdas/render/layout/types.js';
import { R, SEAL_42, lay, lineText, paragraph } from './fixtures.js';

const unit = (l: Line, text: string) => l.units.find((u) => u.text === text)!;
const gapAfter = (a: PlacedUnit, b: PlacedUnit) => b.x - (a.x + a.width);

const NUMBER: Block = { kind: 'number', text: '并人才奖〔2026〕1号' };
const HEADER: Block = { kind: 'header', text: '太原市人才工作领导小组办公室' };
const TITLE: Block = { kind: 'title', lines: ['关于核准2026年第1批补贴的通知'] };
const SIGNATURE: Block = { kind: 'signature', issuer: '太原市人才工作领导小组办公室', date: '2026年4月5日', sealed: true };
const IMPRINT: Block = { kind: 'imprint', copyTo: '抄送：市财政局。', printedBy: '太原市人才工作领导小组办公室', printedDate: '2026年4月15日印发' };

function expectSolid(line: Line, before: string, run: string, after: string, size: number) {
  const r = unit(line, run);
  expect(r.kind).toBe('latin');
  expect(r.width).toBeCloseTo((Array.from(run).length * size) / 2, 6);
  expect(Math.abs(gapAfter(unit(line, before), r))).toBeLessThanOrEqual(0.01);
  expect(Math.abs(gapAfter(r, unit(line, after)))).toBeLessThanOrEqual(0.01);
}

describe.each(['document', 'letter'] as const)('solid setting in %s format', (format) => {
  const layout = lay([HEADER, NUMBER, TITLE, paragraph('根据并发〔2018〕2号规定。'), SIGNATURE, IMPRINT], { seal: SEAL_42 }, undefined, format);
  const lines = layout.pages.flatMap((p) => p.lines);
  const items = layout.pages.flatMap((p) => p.items.filter((i): i is TextItem => i.kind === 'text'));
  const find = (text: string) => lines.find((l) => lineText(l) === text)!;

  it('leaves no gap between 〕 and 1 nor between 1 and 号 in the 发文字号', () => {
    const number = find('并人才奖〔2026〕1号');
    expectSolid(number, '〕', '1', '号', BODY_SIZE);
    expectSolid(number, '〔', '2026', '〕', BODY_SIZE);
    const one = items.find((t) => t.text === '1')!;
    expect(one.x).toBeCloseTo(unit(number, '1').x, 6);
  });

  it('sets the digits of the 成文日期 at their natural width, still ending 4 cells in', () => {
    const date = find('2026年4月5日');
    expectSolid(date, '年', '4', '月', BODY_SIZE);
    expectSolid(date, '月', '5', '日', BODY_SIZE);
    const end = date.units.at(-1)!;
    expect(end.x + end.width).toBeCloseTo(R - 4 * CELL, 6);
  });

  it('sets the digits of the title at their natural width', () => {
    const title = lines.find((l) => l.role === 'title' && lineText(l).includes('1批'))!;
    expectSolid(title, '第', '1', '批', 22);
  });

  it('sets a digit run at its natural width on body lines too, with no gap around a single digit', () => {
    const body = find('根据并发〔2018〕2号规定。');
    expectSolid(body, '〕', '2', '号', BODY_SIZE);
    expectSolid(body, '〔', '2018', '〕', BODY_SIZE);
  });
});

describe('solid setting in the 版记 and tables', () => {
  it('sets the 印发日期 solid, 1 字 in from the right', () => {
    const layout = lay([paragraph('正文。'), IMPRINT]);
    const date = layout.pages[0]!.lines.find((l) => lineText(l) === '2026年4月15日印发')!;
    expectSolid(date, '年', '4', '月', 14);
    expectSolid(date, '月', '15', '日', 14);
    expect(date.units.at(-1)!.x + date.units.at(-1)!.width).toBeCloseTo(R - 14, 6);
  });

  it('sets table cells solid', () => {
    const table: Block = {
      kind: 'table',
      widths: [20, 8],
      rows: [
        {
          header: false,
          cells: [
            { text: '补贴（每月3,000元，共3年）', align: 'left' },
            { text: '¥9,000.00', align: 'right' },
          ],
        },
      ],
    };
    const cell = lay([paragraph('正文。'), table]).pages[0]!.lines.find((l) => lineText(l).startsWith('补贴'))!;
    expectSolid(cell, '月', '3,000', '元', BODY_SIZE);
    expectSolid(cell, '共', '3', '年', BODY_SIZE);
  });
});
