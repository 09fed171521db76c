import { describe, expect, it } from 'vitest';
import { BLOCK_CENTRE_X, BLOCK_LEFT, BLOCK_WIDTH } from '../../../lambdas/render/layout/geometry.js';
import { setTitle, titleShapeViolations } from '../../../lambdas/render/layout/title.js';
import type { Line } from '../../../lambdas/render/layout/types.js';
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

  it('starts the second line with the addressee rather than set a long line over a short one (TITLE-2)', () => {
    expect(text(title('关于核准“万人计划”专家赵一鸣同志科研经费、安家费和津贴的通知'))).toEqual(['关于核准“万人计划”专家', '赵一鸣同志科研经费、安家费和津贴的通知']);
  });

  it('keeps a name with `·` and its 同志 whole, even at the cost of an inverted shape (TITLE-1)', () => {
    expect(text(title('关于给予买买提·艾力同志全国技术能手奖励的通知'))).toEqual(['关于给予买买提·艾力同志', '全国技术能手奖励的通知']);
  });

  it('prefers phrase breaks to a stub line: 18/13/11 rather than 18/19/5 (TITLE-3)', () => {
    expect(text(title('关于同意山西才聚人力资源服务有限公司入驻太原人力资源服务产业园并享受免租金政策的批复'))).toEqual([
      '关于同意山西才聚人力资源服务有限公司',
      '入驻太原人力资源服务产业园',
      '并享受免租金政策的批复',
    ]);
  });

  describe('on generated titles', () => {
    const surnames = ['王', '欧阳', '司马', '上官', '诸葛', '慕容', '张'];
    const given = ['华', '振华', '文静', '一鸣', '建军'];
    const people = [...surnames.flatMap((s) => given.map((g) => s + g)), '买买提·艾力', '阿依古丽·吐尔逊', '扎西多吉'];
    const organisations = ['太原重工股份有限公司', '山西智创新材料科技有限公司', '太原市第二人民医院', '中国电子科技集团公司第三十三研究所', '山西才聚人力资源服务有限公司'];
    const titles = [
      ...people.flatMap((p) => [
        `关于核准${p}同志两院院士科研经费、安家费和津贴的通知`,
        `关于给予${p}同志中华技能大奖奖励的通知`,
        `关于核准“万人计划”专家${p}同志科研经费、安家费和津贴的通知`,
      ]),
      // Without 同志 a name is known only by ICU's cut of it (TITLE-1): names it cuts into single characters.
      ...['张建军', '王华', '买买提·艾力'].map((p) => `关于同意给予${p}焊接技能大师工作室补助的批复`),
      ...organisations.flatMap((o) => [`关于同意给予${o}院士工作站建站补助的批复`, `关于授予${o}引才伯乐奖的通知`, `关于同意${o}使用人才引进专用周转编制的批复`]),
    ];

    it.each(titles)('%s: none splits the name, none is only 关于 and its verbs unless the name cannot join them, none is shorter than a third of the longest', (t) => {
      const lines = text(title(t));
      expect(lines.join('')).toBe(t);
      lines.forEach((l, i) => {
        if (!/^关于(?:同意|核准|给予|授予)*$/u.test(l)) return;
        const name = organisations.find((o) => lines[i + 1]!.startsWith(o));
        expect(name && (l.length + name.length) * 22 > BLOCK_WIDTH).toBeTruthy();
      });
      for (const name of [...people, ...organisations]) {
        if (!t.includes(name)) continue;
        // The name (with its 同志) on one line.
        expect(lines.some((l) => l.includes(name))).toBe(true);
      }
      // An opening forced onto a line of its own may be short; any other line is not.
      const ls = lengths(title(t)).filter((_, i) => !/^关于(?:同意|核准|给予|授予)*$/u.test(lines[i]!));
      expect(Math.min(...ls)).toBeGreaterThanOrEqual(Math.max(...ls) / 3 - 1e-6);
      for (const w of ls) expect(w).toBeLessThanOrEqual(BLOCK_WIDTH + 1e-6);
    });
  });

  describe('titleShapeViolations', () => {
    const line = (width: number): Line => ({
      block: 0,
      role: 'title',
      size: 22,
      top: 0,
      baseline: 0,
      units: [{ text: '关'.repeat(width), kind: 'han', x: 0, width: width * 22 }],
      first: false,
      last: false,
      adjusted: false,
      ragged: false,
    });

    it('accepts a trapezoid and a diamond', () => {
      expect(titleShapeViolations([line(9), line(18)])).toEqual([]);
      expect(titleShapeViolations([line(12), line(18), line(11)])).toEqual([]);
      expect(titleShapeViolations([line(12)])).toEqual([]);
    });

    it('reports an inverted shape and a line shorter than a third of the longest', () => {
      expect(titleShapeViolations([line(17), line(14)])).toEqual([expect.stringMatching(/^TITLE-2 inverted/)]);
      expect(titleShapeViolations([line(18), line(19), line(5)])).toEqual([expect.stringMatching(/^TITLE-3/)]);
    });
  });
});
