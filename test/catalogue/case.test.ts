import { describe, expect, it } from 'vitest';
import {
  CaseInvalidError,
  exampleCase,
  makeCreditCode,
  makeIdNumber,
  parseCase,
  safeParseCase,
  type CaseInput,
  type DocTypeId,
} from '../../lambdas/catalogue/index.js';

/** The example of a type with one change, parsed: the issues as `path: message` lines ([] when valid). */
function problems<T extends DocTypeId>(docType: T, change: (c: CaseInput<T>) => void): string[] {
  const c = exampleCase(docType);
  change(c);
  const r = safeParseCase(c);
  return r.success ? [] : r.error.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('parseCase', () => {
  it('throws CaseInvalidError with code CASE_INVALID, the case id and every issue', () => {
    const c = exampleCase('skill-grand-award');
    c.amounts.award = 400_000;
    c.details.occupation = '';
    try {
      parseCase(c);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CaseInvalidError);
      const err = e as CaseInvalidError;
      expect(err.code).toBe('CASE_INVALID');
      // What a clerk reads: Chinese, each field by its Chinese label, on one line.
      expect(err.message).toBe(
        '案件 TY-2026-000102 的数据有误：职业（工种）：不能为空；奖励金额：400000 元与第十九条规定的中华技能大奖 500000 元不符；合计金额：500000 元不等于各项金额之和 400000 元',
      );
      // Policy rules still run when a field fails a refinement, so the clerk sees everything at once.
      expect(err.issues.map((i) => i.path)).toEqual(['details.occupation', 'amounts.award', 'amounts.total']);
      expect(err.message).not.toContain('\n');
      // The technical wording with the field paths stays for logs and scripts.
      expect(err.detail).toContain('case TY-2026-000102 is invalid');
      expect(err.detail).toContain('amounts.award: 400000 is not the 500000 that 第十九条 sets for 中华技能大奖');
    }
  });

  it('names an unknown document type and lists the known ones', () => {
    const r = safeParseCase({ ...exampleCase('skill-grand-award'), docType: 'skill-award' });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues[0]?.path).toBe('docType');
      expect(r.error.issues[0]?.message).toContain('"skill-award" is not a document type; use one of talent-scout-award');
    }
  });

  it('rejects a misspelt nested field instead of dropping it', () => {
    expect(problems('skill-grand-award', (c) => Object.assign(c.details, { occupaton: '车工' }))).toEqual([
      'details: has unknown field(s) “occupaton”; check the spelling',
    ]);
  });

  it('ignores storage attributes at the top level (pk, sk, status)', () => {
    const stored = { ...exampleCase('skill-grand-award'), pk: 'CASE#TY-2026-000102', sk: 'CASE', status: 'APPROVED' };
    const c = parseCase(stored);
    expect(c).not.toHaveProperty('pk');
    expect(c.caseId).toBe('TY-2026-000102');
  });

  it('rejects a case id with lower-case letters and a date that does not exist', () => {
    expect(problems('skill-grand-award', (c) => (c.caseId = 'ty-1'))[0]).toMatch(/^caseId: “ty-1” is not a case id/);
    expect(problems('skill-grand-award', (c) => (c.approvedOn = '2026-02-29'))[0]).toMatch(/^approvedOn: “2026-02-29” is not a date/);
  });

  it('rejects an approval date before the policy was issued', () => {
    expect(problems('skill-grand-award', (c) => (c.approvedOn = '2017-12-31'))).toContain(
      'approvedOn: 2017-12-31 is before 2018, when 并发〔2018〕2号 was issued',
    );
  });

  it('never shows a whole ID number in a message', () => {
    const p = problems('skill-grand-award', (c) => {
      if (c.recipient.kind === 'person') c.recipient.idNumber = '140106198512030003';
    });
    expect(p).toHaveLength(1);
    expect(p[0]).toContain('recipient.idNumber: 140106********0003');
    expect(p.join()).not.toContain('140106198512030003');
    const asNumber = problems('skill-grand-award', (c) => Object.assign(c.recipient, { idNumber: 140106198512030000 }));
    expect(asNumber.join()).not.toContain('1401061985');
  });

  it('normalises a lower-case x, full-width digits and full-width letters on input', () => {
    const c = exampleCase('expert-package');
    if (c.recipient.kind === 'person') c.recipient.idNumber = '14010619720830000x';
    c.details.discipline = 'ＡＩ与先进材料２０２６';
    const parsed = parseCase(c);
    expect(parsed.recipient.kind === 'person' && parsed.recipient.idNumber).toBe('14010619720830000X');
    expect(parsed.docType === 'expert-package' && parsed.details.discipline).toBe('AI与先进材料2026');
  });

  it('rejects an organisation where the type addresses a person', () => {
    const p = problems('skill-grand-award', (c) =>
      Object.assign(c, { recipient: { kind: 'organisation', name: '某公司', creditCode: makeCreditCode('91140100MA0000002') } }),
    );
    expect(p[0]).toBe('recipient.kind: "organisation" cannot receive this document; it addresses a person');
  });

  it('rejects a line break in free text', () => {
    expect(problems('skill-grand-award', (c) => (c.details.occupation = '数控\n车工'))[0]).toContain('details.occupation: contains a line break');
  });

  it('rejects an amount with three decimals', () => {
    expect(problems('skill-grand-award', (c) => (c.amounts.total = 500_000.001))).toContain(
      'amounts.total: 500000.001 is not an amount in yuan with at most two decimals (e.g. 500000 or 1409.5)',
    );
  });
});

describe('award notices', () => {
  it('keeps 引才伯乐奖 within 50000–100000 (第十条)', () => {
    expect(problems('talent-scout-award', (c) => ((c.amounts.award = 120_000), (c.amounts.total = 120_000)))).toEqual([
      'amounts.award: 120000 is outside the 50000–100000 that 第十条 sets for 引才伯乐奖',
    ]);
    expect(problems('talent-scout-award', (c) => ((c.amounts.award = 50_000), (c.amounts.total = 50_000)))).toEqual([]);
  });

  it('lets 引才伯乐奖 go to a person as well as an organisation', () => {
    const person = { kind: 'person' as const, name: '刘建国', idNumber: makeIdNumber('14010719941125000') };
    expect(problems('talent-scout-award', (c) => (c.recipient = person))).toEqual([]);
  });

  it('pays 中华技能大奖 exactly 500000 (第十九条)', () => {
    expect(problems('skill-grand-award', (c) => ((c.amounts.award = 400_000), (c.amounts.total = 400_000)))).toEqual([
      'amounts.award: 400000 is not the 500000 that 第十九条 sets for 中华技能大奖',
    ]);
  });

  it('pays 全国技术能手 exactly 300000 (第十九条)', () => {
    expect(problems('national-technical-expert', (c) => ((c.amounts.award = 500_000), (c.amounts.total = 500_000)))).toEqual([
      'amounts.award: 500000 is not the 300000 that 第十九条 sets for 全国技术能手',
    ]);
  });

  it('checks that the total is the sum of the items', () => {
    expect(problems('skill-grand-award', (c) => (c.amounts.total = 50_000))).toEqual(['amounts.total: 50000 is not amounts.award = 500000']);
  });

  it('rewards only awards won since the policy and not after the approval', () => {
    expect(problems('skill-grand-award', (c) => (c.details.awardYear = 2016))[0]).toBe('details.awardYear: 2016 is less than 2018');
    expect(problems('skill-grand-award', (c) => (c.details.awardYear = 2027))).toEqual(['details.awardYear: 2027 is after the year of approvedOn 2026-11-24']);
  });

  it('keeps city-title amounts in range and the living allowance = per year × years', () => {
    expect(problems('city-talent-title', (c) => ((c.amounts.research = 120_000), (c.amounts.total = 240_000)))).toEqual([
      'amounts.research: 120000 is outside the 50000–100000 that 第十九条 sets for “龙城之星”科研经费',
    ]);
    expect(problems('city-talent-title', (c) => ((c.amounts.livingAllowance = 80_000), (c.amounts.total = 160_000)))).toEqual([
      'amounts.livingAllowance: 80000 is not 40000 × 3 years (details.managementPeriod.years) = 120000 (第十九条)',
    ]);
    expect(problems('city-talent-title', (c) => (c.amounts.livingAllowancePerYear = 60_000))[0]).toBe(
      'amounts.livingAllowancePerYear: 60000 is outside the 30000–50000 that 第十九条 sets for “龙城之星”每年生活补贴',
    );
  });

  it('checks that a period of whole years ends the day before its anniversary', () => {
    expect(problems('city-talent-title', (c) => (c.details.managementPeriod.to = '2029-01-01'))).toEqual([
      'details.managementPeriod.to: 2029-01-01 does not end 3 whole year(s) from 2026-01-01; expected 2028-12-31',
    ]);
  });
});

describe('subsidy notices', () => {
  it('pays an academician the fixed 12000000 + 2400000 and 1000000 a year', () => {
    expect(problems('academician-package', (c) => ((c.amounts.settling = 1_200_000), (c.amounts.total = 16_200_000)))).toEqual([
      'amounts.settling: 1200000 is not the 2400000 that 第十九条 sets for 两院院士安家费',
    ]);
    expect(problems('academician-package', (c) => ((c.amounts.allowance = 2_000_000), (c.amounts.total = 16_400_000)))).toEqual([
      'amounts.allowance: 2000000 is not 1000000 × 3 years (details.allowancePeriod.years) = 3000000 (第十九条)',
    ]);
  });

  it('starts an academician allowance no earlier than full-time work', () => {
    const p = problems('academician-package', (c) => (c.details.allowancePeriod = { from: '2026-01-01', to: '2028-12-31', years: 3 }));
    expect(p).toEqual([
      'details.allowancePeriod.from: 2026-01-01 is before details.fullTimeSince 2026-03-01: 第十九条 pays the allowance for full-time work in Taiyuan',
    ]);
  });

  it('pays newly elected academicians only when elected since 2018', () => {
    expect(problems('academician-package', (c) => ((c.details.route = '新当选'), (c.details.electedYear = 2017)))).toEqual([
      'details.electedYear: 2017 is before 2018: 第十九条 pays newly elected academicians only',
    ]);
  });

  it('pays a 千人计划/万人计划 expert 6000000 + 1200000 and 500000 a year', () => {
    expect(problems('expert-package', (c) => ((c.amounts.research = 12_000_000), (c.amounts.total = 14_200_000)))).toEqual([
      'amounts.research: 12000000 is not the 6000000 that 第十九条 sets for “万人计划”专家科研经费',
    ]);
  });

  it('pays the flexible allowance per month actually worked, at the rate of the category', () => {
    expect(problems('flexible-allowance', (c) => ((c.details.monthsWorked = 8), (c.amounts.allowance = 96_000), (c.amounts.total = 96_000)))).toEqual([]);
    expect(problems('flexible-allowance', (c) => (c.details.category = '院士'))).toEqual([
      'amounts.allowancePerMonth: 12000 is not the 25000 that 第十九条 sets for 柔性引进的院士每月津贴',
    ]);
    expect(problems('flexible-allowance', (c) => ((c.amounts.allowance = 120_000), (c.amounts.total = 120_000)))).toEqual([
      'amounts.allowance: 120000 is not 12000 × 7 months actually worked (details.monthsWorked) = 84000 (第十九条)',
    ]);
    expect(problems('flexible-allowance', (c) => (c.details.monthsWorked = 11))[0]).toBe(
      'details.monthsWorked: 11 is more than the 10 months of details.period',
    );
  });

  it('checks that a month period counts its calendar months', () => {
    expect(problems('flexible-allowance', (c) => (c.details.period.months = 9))).toEqual([
      'details.period.months: 9 is not the 10 calendar months from 2026-01 to 2026-10',
    ]);
  });

  it('requires a service contract of at least 5 years for graduate subsidies', () => {
    for (const id of ['graduate-living-subsidy', 'graduate-research-fund'] as const) {
      expect(problems(id, (c) => (c.details.contract.years = 4))).toEqual([
        'details.contract.years: 4 is less than the 5 years of service contract that 第二十条 requires',
      ]);
    }
  });

  it('lets a bachelor qualify only in a shortage discipline', () => {
    expect(problems('graduate-research-fund', (c) => (c.details.graduate.shortageDiscipline = false))).toEqual([
      'details.graduate.shortageDiscipline: false: 第二十条 covers a 本科生 only in a shortage discipline (紧缺专业); 集成电路设计 is not marked as one',
    ]);
    const bachelor = problems('graduate-living-subsidy', (c) => {
      c.details.graduate.degree = '本科生';
      c.details.graduate.shortageDiscipline = true;
      c.amounts = { subsidyPerMonth: 1_500, subsidy: 18_000, total: 18_000 };
    });
    expect(bachelor).toEqual([]);
  });

  it('pays the living subsidy at the rate of the degree times the months', () => {
    expect(problems('graduate-living-subsidy', (c) => (c.details.graduate.degree = '博士研究生'))).toEqual([
      'amounts.subsidyPerMonth: 3000 is not the 5000 that 第二十条 sets for 博士研究生每月生活补助',
    ]);
    expect(problems('graduate-living-subsidy', (c) => ((c.amounts.subsidy = 30_000), (c.amounts.total = 30_000)))).toEqual([
      'amounts.subsidy: 30000 is not 3000 × 12 months (details.period.months) = 36000 (第二十条)',
    ]);
  });

  it('covers full-time graduates only', () => {
    expect(problems('graduate-living-subsidy', (c) => (c.details.graduate.fullTime = false))).toEqual([
      'details.graduate.fullTime: false: 第二十条 covers full-time (全日制) graduates only',
    ]);
  });

  it('pays the housing subsidy by degree, for a first home in Taiyuan, after the service period', () => {
    expect(problems('graduate-housing-subsidy', (c) => (c.details.graduate.degree = '硕士研究生'))).toEqual([
      'amounts.housing: 200000 is not the 100000 that 第二十条 sets for 硕士研究生购房补贴',
    ]);
    expect(problems('graduate-housing-subsidy', (c) => (c.details.serviceCompletedOn = '2025-07-31'))[0]).toContain(
      'details.serviceCompletedOn: 2025-07-31 is before the 5-year service contract signed 2020-08-01 ends (2025-08-01)',
    );
    expect(problems('graduate-housing-subsidy', (c) => (c.details.home.firstHome = false))).toEqual([
      'details.home.firstHome: false: 第二十条 subsidises the first home (首套住房) only',
    ]);
    expect(problems('graduate-housing-subsidy', (c) => (c.details.home.address = '晋中市榆次区某小区1号楼'))[0]).toContain('is not in 太原市');
  });

  it('keeps the graduate research fund within 50000–200000', () => {
    expect(problems('graduate-research-fund', (c) => ((c.amounts.research = 30_000), (c.amounts.total = 30_000)))).toEqual([
      'amounts.research: 30000 is outside the 50000–200000 that 第二十条 sets for 优秀毕业生科研项目经费',
    ]);
  });

  it('pays the village settling-in subsidy of 20000 only for a poor village (第十六条)', () => {
    expect(problems('village-graduate-settling', (c) => ((c.amounts.settling = 30_000), (c.amounts.total = 30_000)))).toEqual([
      'amounts.settling: 30000 is not the 20000 that 第十六条 sets for 回贫困村大学生安家补贴',
    ]);
    expect(problems('village-graduate-settling', (c) => (c.details.povertyVillage = false))[0]).toContain('details.povertyVillage: false: 第十六条');
  });
});

describe('approval letters', () => {
  it('pays a platform 5000000 (national) or 3000000 (provincial)', () => {
    expect(problems('platform-subsidy', (c) => (c.details.level = '省级'))).toEqual([
      'amounts.subsidy: 5000000 is not the 3000000 that 第十八条 sets for 省级企业技术中心',
    ]);
  });

  it('pays an academician workstation 1000000 and a postdoc station 500000', () => {
    expect(problems('academician-workstation', (c) => ((c.amounts.subsidy = 500_000), (c.amounts.total = 500_000)))).toEqual([
      'amounts.subsidy: 500000 is not the 1000000 that 第十八条 sets for 院士工作站建站补助',
    ]);
    expect(problems('postdoc-station', (c) => ((c.amounts.subsidy = 1_000_000), (c.amounts.total = 1_000_000)))).toEqual([
      'amounts.subsidy: 1000000 is not the 500000 that 第十八条 sets for 博士后科研工作站',
    ]);
  });

  it('pays a skill master studio by level: 300000, 200000, 100000', () => {
    expect(problems('skill-master-studio', (c) => (c.details.level = '省级'))).toEqual([
      'amounts.subsidy: 100000 is not the 200000 that 第十八条 sets for 省级技能大师工作室',
    ]);
  });

  it('answers no request dated after the approval', () => {
    expect(problems('platform-subsidy', (c) => (c.details.request.date = '2026-06-01'))).toEqual([
      'details.request.date: 2026-06-01 is after approvedOn 2026-05-11',
    ]);
  });

  it('grants staffing-pool posts that add up, only to a public institution without vacant posts', () => {
    expect(problems('staffing-pool-approval', (c) => (c.details.totalPosts = 50))).toEqual([
      'details.totalPosts: 50 is not the sum of details.posts[].count = 37',
    ]);
    expect(problems('staffing-pool-approval', (c) => (c.details.vacantPosts = 3))[0]).toContain('details.vacantPosts: 3: 第四条 requires');
    expect(problems('staffing-pool-approval', (c) => Object.assign(c.recipient, { creditCode: makeCreditCode('91140100MA0000002') }))[0]).toContain(
      "recipient.creditCode: 91140100MA00000029 is not a public institution's code",
    );
  });

  it('never grants more than the 200 pooled posts', () => {
    const p = problems('staffing-pool-approval', (c) => {
      c.details.posts = [{ title: '研究员', count: 201, education: '博士研究生', discipline: '材料' }];
      c.details.totalPosts = 201;
    });
    expect(p).toEqual(['details.posts[0].count: 201 is more than 200', 'details.totalPosts: 201 is more than 200']);
  });

  it('grants the HR park exactly 3 years rent-free (第三条)', () => {
    expect(problems('hr-park-rent-free', (c) => (c.details.rentFreePeriod = { from: '2026-04-01', to: '2028-03-31', years: 2 }))).toEqual([
      'details.rentFreePeriod.years: 2 is not the 3 years rent-free that 第三条 grants',
    ]);
  });

  it('supports an advanced team with at most 10,000,000 a year, for consecutive years from the approval year (第十八条)', () => {
    expect(problems('advanced-team-subsidy', () => {})).toEqual([]);
    expect(problems('advanced-team-subsidy', (c) => ((c.amounts.years[0]!.amount = 12_000_000), (c.amounts.total = 26_000_000)))).toEqual([
      'amounts.years[0].amount: 12000000 is outside the 0.01–10000000 that 第十八条 sets for 创新转型、深化改革先进团队 support in one year',
    ]);
    expect(problems('advanced-team-subsidy', (c) => (c.amounts.years[2]!.year = 2030))).toEqual([
      'amounts.years[2].year: 2030 does not follow 2027; list consecutive years in order',
    ]);
    expect(problems('advanced-team-subsidy', (c) => (c.amounts.years = [{ year: 2025, amount: 1_000_000 }]))).toEqual([
      'amounts.years[0].year: 2025 is before the approval year 2026; support is granted for this year or later',
      'amounts.total: 24000000 is not amounts.years[0].amount = 1000000',
    ]);
  });

  it('grants the advanced-team support for at most five years in one letter', () => {
    const p = problems('advanced-team-subsidy', (c) => {
      c.amounts.years = [2026, 2027, 2028, 2029, 2030, 2031].map((year) => ({ year, amount: 1_000_000 }));
      c.amounts.total = 6_000_000;
    });
    expect(p).toEqual(['amounts.years: must list at most 5 item(s)']);
  });

  it('lets a talent apartment only to the talents 第二十四条 names, for a bounded lease, at a stated rent', () => {
    expect(problems('talent-apartment-allocation', () => {})).toEqual([]);
    expect(problems('talent-apartment-allocation', (c) => Object.assign(c.details, { category: '本科生' }))[0]).toContain(
      'details.category: "本科生" is not one of 海外人才, 两院院士, 千人计划专家, 万人计划专家, 在站博士后, 短期来并工作的高层次人才',
    );
    expect(problems('talent-apartment-allocation', (c) => (c.details.lease = { from: '2026-09-01', to: '2032-08-31', years: 6 }))).toEqual([
      'details.lease.years: 6 years is longer than the 5 a talent-apartment lease may run (第二十四条: 长期周转使用); renew instead',
    ]);
    expect(problems('talent-apartment-allocation', (c) => (c.details.monthlyRent = 0))).toEqual([
      'details.monthlyRent: 0 is not a rent; the apartment is let (只租不售), so state the monthly rent',
    ]);
    expect(problems('talent-apartment-allocation', (c) => (c.details.checkIn.by = '2026-09-15'))).toEqual([
      'details.checkIn.by: 2026-09-15 is after details.lease.from 2026-09-01',
    ]);
  });
});
