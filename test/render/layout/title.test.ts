import { describe, expect, it } from 'vitest';
import { BLOCK_CENTRE_X, BLOCK_LEFT, BLOCK_WIDTH } from '../../../lambdas/render/layout/geometry.js';
import { setTitle } from '../../../lambdas/render/layout/title.js';
import { testMeasure } from './fixtures.js';

const title = (...given: string[]) => setTitle(given, testMeasure);
const text = (lines: ReturnType<typeof title>) => lines.map((l) => l.placed.map((p) => p.unit.text).join(''));
const lengths = (lines: ReturnType<typeof title>) => lines.map((l) => l.placed.reduce((w, p) => w + p.width, 0));
const centre = (l: ReturnType<typeof title>[number]) => BLOCK_LEFT + (l.placed[0]!.x + l.placed.at(-1)!.x + l.placed.at(-1)!.width) / 2;

/** Lengths never shrink (trapezoid), or grow and then shrink (diamond). */
function goodShape(ls: number[]): boolean {
  let i = 1;
  while (i < ls.length && ls[i]! >= ls[i - 1]! - 1e-6) i++;
  if (i === ls.length) return true;
  if (i === 1) return false;
  while (i < ls.length && ls[i]! <= ls[i - 1]! + 1e-6) i++;
  return i === ls.length;
}

describe('setTitle', () => {
  it('centres a short title on one line in 二号', () => {
    const lines = title('关于张三的批复');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.size).toBe(22);
    expect(lines[0]!.role).toBe('title');
    expect(centre(lines[0]!)).toBeCloseTo(BLOCK_CENTRE_X, 6);
  });

  it('breaks a long title between words into a trapezoid, each line centred', () => {
    const lines = title('关于授予张三“并州英才”称号并给予奖励的通知');
    expect(text(lines)).toEqual(['关于授予张三', '“并州英才”称号并给予奖励的通知']);
    expect(goodShape(lengths(lines))).toBe(true);
    for (const l of lines) expect(centre(l)).toBeCloseTo(BLOCK_CENTRE_X, 6);
  });

  it('breaks a title with a 书名号 and a year without splitting the year or the book title', () => {
    const lines = title('关于印发《太原市2026年度高层次人才认定和服务保障实施办法》的通知');
    const t = text(lines);
    expect(t.join('')).toBe('关于印发《太原市2026年度高层次人才认定和服务保障实施办法》的通知');
    expect(t.some((l) => l.includes('2026'))).toBe(true);
    expect(goodShape(lengths(lines))).toBe(true);
    for (const w of lengths(lines)) expect(w).toBeLessThanOrEqual(BLOCK_WIDTH);
  });

  it('prefers a break before the document kind or after 关于 over one inside a phrase', () => {
    const lines = title('关于深化人才发展体制机制改革加快推进创新驱动转型升级的实施意见');
    expect(lines.length).toBe(2);
    expect(goodShape(lengths(lines))).toBe(true);
    for (const l of text(lines)) expect(Array.from(l).length).toBeGreaterThanOrEqual(4);
  });

  it('breaks after the addressee rather than leave 关于 alone on a line', () => {
    expect(text(title('关于核准韩博文同志优秀毕业生购房补贴的通知'))).toEqual(['关于核准韩博文同志', '优秀毕业生购房补贴的通知']);
  });

  it('keeps an organisation name whole, taking an inverted trapezoid if it must', () => {
    expect(text(title('关于授予山西智创新材料科技有限公司引才伯乐奖的通知'))).toEqual(['关于授予山西智创新材料科技有限公司', '引才伯乐奖的通知']);
  });

  it('never leaves the opening verbs alone on a line: breaks after the person that follows them', () => {
    expect(text(title('关于同意给予张建军焊接技能大师工作室补助的批复'))).toEqual(['关于同意给予张建军', '焊接技能大师工作室补助的批复']);
  });

  it('keeps the lines a template chose', () => {
    expect(text(title('关于授予张三', '奖励的通知'))).toEqual(['关于授予张三', '奖励的通知']);
  });
});
