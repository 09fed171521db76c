import { describe, expect, it } from 'vitest';
import { BLOCK_CENTRE_X, BLOCK_LEFT, BLOCK_WIDTH } from '../../../lambdas/render/layout/geometry.js';
import { setTitle, titleLineTexts, titleNameViolations, titleShapeViolations } from '../../../lambdas/render/layout/title.js';
import type { Line } from '../../../lambdas/render/layout/types.js';
import { testMeasure } from './fixtures.js';

const title = (...given: string[]) => setTitle(given, testMeasure);
const text = (lines: ReturnType<typeof title>) => lines.map((l) => l.placed.map((p) => p.unit.text).join(''));
const lengths = (lines: ReturnType<typeof title>) => lines.map((l) => l.placed.reduce((w, p) => w + p.width, 0));
const centre = (l: ReturnType<typeof title>[number]) => BLOCK_LEFT + (l.placed[0]!.x + l.placed.at(-1)!.x + l.placed.at(-1)!.width) / 2;
const asLines = (set: ReturnType<typeof title>): Line[] =>
  set.map((l) => ({
    block: 0,
    role: 'title',
    size: l.size,
    top: 0,
    baseline: 0,
    units: l.placed.map((p) => ({ text: p.unit.text, kind: p.unit.kind, x: p.x, width: p.width })),
    first: l.first,
    last: l.last,
    adjusted: false,
    ragged: false,
  }));

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

  it('keeps a legal form with the name before it, taking a long line over a short one when every upright choice leaves a stub (TITLE-2, TITLE-5)', () => {
    expect(text(title('关于授予山西智创新材料科技有限公司引才伯乐奖的通知'))).toEqual(['关于授予山西智创新材料科技有限公司', '引才伯乐奖的通知']);
  });

  it('breaks a long organisation after one of its units, not the opening alone over a stub (TITLE-3, TITLE-5)', () => {
    expect(text(title('关于授予中国电子科技集团公司第三十三研究所引才伯乐奖的通知'))).toEqual([
      '关于授予中国电子科技集团公司',
      '第三十三研究所引才伯乐奖的通知',
    ]);
  });

  it('sets the opening alone rather than break a name whole on the line below it (TITLE-1 after TITLE-5)', () => {
    expect(text(title('关于同意给予太原重型机械集团有限公司院士工作站建站补助的批复'))).toEqual([
      '关于同意给予',
      '太原重型机械集团有限公司',
      '院士工作站建站补助的批复',
    ]);
  });

  it('breaks a long organisation after its place name, never inside a word or a legal form (TITLE-5)', () => {
    expect(text(title('关于同意山西省并州半导体集团有限公司入驻太原人力资源服务产业园并享受免租金政策的批复'))).toEqual([
      '关于同意山西省',
      '并州半导体集团有限公司',
      '入驻太原人力资源服务产业园',
      '并享受免租金政策的批复',
    ]);
  });

  it('never leaves the opening verbs alone on a line: breaks after the person that follows them', () => {
    expect(text(title('关于同意给予张建军焊接技能大师工作室补助的批复'))).toEqual(['关于同意给予张建军', '焊接技能大师工作室补助的批复']);
  });

  it('keeps the lines a template chose', () => {
    expect(text(title('关于授予张三', '奖励的通知'))).toEqual(['关于授予张三', '奖励的通知']);
  });

  it('starts the second line with the addressee rather than set a long line over a short one (TITLE-2)', () => {
    expect(text(title('关于核准“万人计划”专家赵一鸣同志科研经费、安家费和津贴的通知'))).toEqual([
      '关于核准“万人计划”专家',
      '赵一鸣同志科研经费、安家费和津贴的通知',
    ]);
  });

  it('keeps a short name with `·` whole, setting the opening alone for an upright shape (TITLE-2, TITLE-5)', () => {
    expect(text(title('关于给予买买提·艾力同志全国技术能手奖励的通知'))).toEqual(['关于给予', '买买提·艾力同志', '全国技术能手奖励的通知']);
  });

  it('breaks a long minority name after a `·`, never inside a part of it, rather than leave a stub (TITLE-5)', () => {
    const lines = text(title('关于给予穆罕默德·阿不都克力木·迪丽热巴同志全国技术能手奖励的通知'));
    expect(lines).toEqual(['关于给予穆罕默德·阿不都克力木·', '迪丽热巴同志全国技术能手奖励的通知']);
  });

  it('treats 关于向 as an opening: the addressee starts the next line', () => {
    expect(text(title('关于向热依拉·买买提同志分配人才公寓的通知'))).toEqual(['关于向', '热依拉·买买提同志', '分配人才公寓的通知']);
  });

  it('keeps a long line over a short one only when every other choice splits a word or leaves a stub (TITLE-2)', () => {
    expect(text(title('关于授予“山西智创新材料科技有限公司”引才伯乐奖的通知'))).toEqual(['关于授予“山西智创新材料科技有限公司”', '引才伯乐奖的通知']);
  });

  it('prefers 18/13/11 to a stub in 18/19/5 when the organisation has no finer point (TITLE-3)', () => {
    expect(text(title('关于同意山西才聚人力资源服务有限公司入驻太原人力资源服务产业园并享受免租金政策的批复'))).toEqual([
      '关于同意山西才聚人力资源服务有限公司',
      '入驻太原人力资源服务产业园',
      '并享受免租金政策的批复',
    ]);
  });

  describe('on generated titles', () => {
    const surnames = ['王', '欧阳', '司马', '上官', '诸葛', '慕容', '张'];
    const given = ['华', '振华', '文静', '一鸣', '建军'];
    const longPeople = ['阿不都克力木·热依拉', '穆罕默德·阿不都克力木·迪丽热巴'];
    const people = [...surnames.flatMap((s) => given.map((g) => s + g)), '买买提·艾力', '阿依古丽·吐尔逊', '扎西多吉', ...longPeople];
    const organisations = [
      '太原重工股份有限公司',
      '山西智创新材料科技有限公司',
      '太原市第二人民医院',
      '中国电子科技集团公司第三十三研究所',
      '山西才聚人力资源服务有限公司',
    ];
    /** TITLE-5: the only places a long name may break (a prefix of it ends a line). */
    const finer: Record<string, string[]> = {
      阿不都克力木·热依拉: ['阿不都克力木·'],
      穆罕默德·阿不都克力木·迪丽热巴: ['穆罕默德·', '穆罕默德·阿不都克力木·'],
      中国电子科技集团公司第三十三研究所: ['中国电子科技集团公司'],
    };
    const titles = [
      ...people.flatMap((p) => [
        `关于核准${p}同志两院院士科研经费、安家费和津贴的通知`,
        `关于给予${p}同志中华技能大奖奖励的通知`,
        `关于核准“万人计划”专家${p}同志科研经费、安家费和津贴的通知`,
      ]),
      // Without 同志 a name is known only by ICU's cut of it (TITLE-1): names it cuts into single characters.
      ...['张建军', '王华', '买买提·艾力'].map((p) => `关于同意给予${p}焊接技能大师工作室补助的批复`),
      ...organisations.flatMap((o) => [
        `关于同意给予${o}院士工作站建站补助的批复`,
        `关于授予${o}引才伯乐奖的通知`,
        `关于同意${o}使用人才引进专用周转编制的批复`,
      ]),
    ];
    it.each(titles)(
      '%s: no stub, upright unless a legal form keeps a name whole, no name split but a long one at its finer points, as titleShapeViolations agrees',
      (t) => {
        const set = title(t);
        const lines = text(set);
        expect(lines.join('')).toBe(t);
        for (const name of [...people, ...organisations]) {
          if (!t.includes(name) || lines.some((l) => l.includes(name))) continue;
          // Broken across lines: only at one of its finer points.
          const i = lines.findIndex((l, k) => k + 1 < lines.length && (l + lines[k + 1]).includes(name));
          const head = (finer[name] ?? []).find((h) => lines[i]!.endsWith(h) && lines[i + 1]!.startsWith(name.slice(h.length)));
          expect(head, `${name} broken in ${lines.join(' / ')}`).toBeDefined();
        }
        // Upright, but where a long organisation with no finer point keeps its legal form (TITLE-5).
        const whole = organisations.some((o) => /有限公司$/u.test(o) && lines.some((l) => l.endsWith(o)));
        expect(goodShape(lengths(set)) || whole).toBe(true);
        const ls = lengths(set);
        expect(Math.min(...ls)).toBeGreaterThanOrEqual(Math.max(...ls) / 3 - 1e-6);
        for (const w of ls) expect(w).toBeLessThanOrEqual(BLOCK_WIDTH + 1e-6);
        expect(titleShapeViolations(asLines(set), testMeasure)).toEqual([]);
      },
    );
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
      expect(titleShapeViolations([line(9), line(18)], testMeasure)).toEqual([]);
      expect(titleShapeViolations([line(12), line(18), line(11)], testMeasure)).toEqual([]);
      expect(titleShapeViolations([line(12)], testMeasure)).toEqual([]);
    });

    it('reports an inverted shape or a stub when another choice does better, naming it', () => {
      expect(titleShapeViolations([line(17), line(14)], testMeasure)).toEqual([expect.stringMatching(/^TITLE-2 inverted/)]);
      expect(titleShapeViolations(asLines(title('关于给予阿不都克力木·热依拉同志', '中华技能大奖奖励的通知')), testMeasure)).toEqual([
        'TITLE-2 inverted shape: 关于给予阿不都克力木·热依拉同志 / 中华技能大奖奖励的通知 (the rule asks for 关于给予 / 阿不都克力木·热依拉同志 / 中华技能大奖奖励的通知)',
      ]);
      const stub = asLines(title('关于同意', '中国电子科技集团公司第三十三研究所', '入驻太原人力资源服务产业园', '并享受免租金政策的批复'));
      expect(titleShapeViolations(stub, testMeasure)).toEqual([expect.stringMatching(/^TITLE-3 .*关于同意 \/ 中国电子科技集团公司第三十三研究所/)]);
    });

    it('accepts an inverted shape when every other choice splits a word or leaves a stub', () => {
      expect(titleShapeViolations(asLines(title('关于授予“山西智创新材料科技有限公司”', '引才伯乐奖的通知')), testMeasure)).toEqual([]);
      const three = asLines(title('关于同意山西才聚人力资源服务有限公司', '入驻太原人力资源服务产业园', '并享受免租金政策的批复'));
      expect(titleShapeViolations(three, testMeasure)).toEqual([]);
    });
  });
});

describe('titleLineTexts', () => {
  const TITLE = '关于核准穆罕默德·阿依古丽同志安家补贴的通知';

  it('gives the lines setTitle sets', () => {
    expect(titleLineTexts([TITLE], testMeasure)).toEqual(text(title(TITLE)));
    expect(titleLineTexts([TITLE], testMeasure)).toEqual(['关于核准', '穆罕默德·阿依古丽同志', '安家补贴的通知']);
  });

  it('with fewest, gives the best choice in the fewest lines (TITLE-6), which lays out unchanged as given lines', () => {
    const fewest = titleLineTexts([TITLE], testMeasure, true);
    expect(fewest).toEqual(['关于核准穆罕默德·', '阿依古丽同志安家补贴的通知']);
    expect(text(title(...fewest))).toEqual(fewest);
  });

  it('with fewest, keeps the chosen lines when every choice in fewer lines splits a word (汾河清 / 洁能源)', () => {
    const given = '关于同意给予山西转型综合改革示范区汾河清洁能源有限责任公司“智能制造”事业部检测实验室（CNAS）党群工作部支持资金的批复';
    const chosen = titleLineTexts([given], testMeasure);
    expect(chosen).toHaveLength(4);
    expect(titleLineTexts([given], testMeasure, true)).toEqual(chosen);
  });

  it('with fewest, leaves a title whose best choice is already in its fewest lines as it is', () => {
    const given = '关于授予张三“并州英才”称号并给予奖励的通知';
    expect(titleLineTexts([given], testMeasure, true)).toEqual(titleLineTexts([given], testMeasure));
  });
});

describe('terms ICU cuts', () => {
  it("keeps the policy's terms and an organisation's units whole (博士后科研流动站, 国家级, 实验室)", () => {
    const cases = [
      ['关于同意给予“太原重型”机械集团（有限公司）博士后科研流动站建站补助的批复', '博士后科研流动站'],
      ['关于同意给予Université Paris-Saclay国家级企业技术中心补助的批复', '国家级企业技术中心'],
      ['关于同意给予太原市晋阳智能装备制造（集团）有限公司博士后科研工作站检测实验室（CNAS）党群工作部省级实验室补助的批复', '检测实验室'],
    ];
    for (const [given, term] of cases) {
      const lines = text(title(given!));
      expect(lines.length, lines.join(' / ')).toBeGreaterThan(1);
      expect(
        lines.some((l) => l.includes(term!)),
        lines.join(' / '),
      ).toBe(true);
    }
  });
});

describe('a team named after the opening', () => {
  it("keeps the team's name whole, as an organisation's (氢能装备创新团队, never 氢能 / 装备创新团队)", () => {
    expect(text(title('关于同意给予氢能装备创新团队支持资金的批复'))).toEqual(['关于同意给予', '氢能装备创新团队支持资金的批复']);
    expect(text(title('关于同意给予超薄精密不锈钢带材创新团队支持资金的批复'))).toEqual(['关于同意给予', '超薄精密不锈钢带材创新团队', '支持资金的批复']);
  });
});

describe('names the case gives (<name> in the title)', () => {
  const named = (t: string, ...names: string[]) => titleLineTexts([t], testMeasure, false, undefined, names);

  it('keeps a name with brackets whole, its legal form with it (太原钢铁（集团）有限公司, never …（集团） / 有限公司)', () => {
    const t = '关于同意给予太原钢铁（集团）有限公司博士后科研工作站建站补助的批复';
    expect(titleLineTexts([t], testMeasure)).toEqual(['关于同意给予太原钢铁（集团）', '有限公司博士后科研工作站建站补助的批复']);
    expect(named(t, '太原钢铁（集团）有限公司')).toEqual(['关于同意给予', '太原钢铁（集团）有限公司', '博士后科研工作站建站补助的批复']);
  });

  it("keeps an institute's name whole where the dictionary cuts it (中国科学院山西煤炭化学研究所)", () => {
    expect(named('关于同意给予中国科学院山西煤炭化学研究所博士后科研工作站建站补助的批复', '中国科学院山西煤炭化学研究所')).toEqual([
      '关于同意给予',
      '中国科学院山西煤炭化学研究所',
      '博士后科研工作站建站补助的批复',
    ]);
  });

  it("keeps a person's name whole with no 同志 after it (扎西多吉, never 扎西 / 多吉)", () => {
    const t = '关于同意给予扎西多吉技能大师工作室补助的批复';
    expect(titleLineTexts([t], testMeasure)).toEqual(['关于同意给予扎西', '多吉技能大师工作室补助的批复']);
    expect(named(t, '扎西多吉技能大师工作室')).toEqual(['关于同意给予', '扎西多吉技能大师工作室补助的批复']);
  });

  it('keeps a Latin name whole when it fits a line, and breaks one wider than a line only at its spaces', () => {
    expect(named('关于同意Microsoft Research Asia入驻太原人力资源服务产业园并享受免租金政策的批复', 'Microsoft Research Asia')[0]).toBe(
      '关于同意Microsoft Research Asia',
    );
    const long = 'International Business Machines Corporation Research Laboratory Beijing';
    const lines = named(`关于同意${long}入驻太原人力资源服务产业园并享受免租金政策的批复`, long);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/ $|[^A-Za-z]$/u);
  });

  it("breaks a studio's name after the master's name that starts it, as between words (张建军 / 焊接技能大师工作室)", () => {
    expect(named('关于同意给予张建军焊接技能大师工作室补助的批复', '张建军焊接技能大师工作室')).toEqual(['关于同意给予张建军', '焊接技能大师工作室补助的批复']);
  });

  it("breaks a long organisation after a unit's bracketed qualifier, never inside it (检测实验室（CNAS） / 第一研究室)", () => {
    const n = '太原学府园区晋阳生物医药研究院检测实验室（CNAS）第一研究室';
    expect(named(`关于同意给予${n}院士工作站建站补助的批复`, n)).toEqual([
      '关于同意给予',
      '太原学府园区晋阳生物医药研究院',
      '检测实验室（CNAS）第一研究室',
      '院士工作站建站补助的批复',
    ]);
  });

  it('still breaks a long ·-name after a `·` and a long organisation after its units (TITLE-5)', () => {
    expect(named('关于核准阿不都热合曼·穆罕默德同志柔性引进津贴的通知', '阿不都热合曼·穆罕默德')).toEqual([
      '关于核准阿不都热合曼·',
      '穆罕默德同志柔性引进津贴的通知',
    ]);
    expect(named('关于同意中国电子科技集团公司第三十三研究所入驻太原人力资源服务产业园并享受免租金政策的批复', '中国电子科技集团公司第三十三研究所')[0]).toBe(
      '关于同意中国电子科技集团公司',
    );
  });

  it('reports a laid-out break inside a name the case gives, but not one at its TITLE-5 points', () => {
    const laid = asLines(title('关于同意给予太原钢铁（集团）有限公司博士后科研工作站建站补助的批复'));
    expect(titleNameViolations(laid, testMeasure, ['太原钢铁（集团）有限公司'])).toEqual([
      'TITLE-1 a break inside the name “太原钢铁（集团）有限公司”: 关于同意给予太原钢铁（集团） / 有限公司博士后科研工作站建站补助的批复',
    ]);
    const names = ['阿不都热合曼·穆罕默德'];
    const at = asLines(setTitle(['关于核准阿不都热合曼·穆罕默德同志柔性引进津贴的通知'], testMeasure, undefined, names));
    expect(titleNameViolations(at, testMeasure, names)).toEqual([]);
  });
});
