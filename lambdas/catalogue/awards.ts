// Award notices (奖励通知): 第十条 引才伯乐奖 and the 第十九条 awards and city talent titles.
import * as z from 'zod';
import { caseSchema } from './envelope.js';
import { count, isoDate, organisationRecipient, personName, personRecipient, text, yearPeriod, yuan } from './fields.js';
import { CITY_TALENT, CITY_TALENT_TITLES, NATIONAL_TECHNICAL_EXPERT, POLICY_YEAR, SKILL_GRAND_AWARD, TALENT_SCOUT_AWARD } from './policy.js';
import { expectFixed, expectNotAfter, expectProduct, expectRange, expectTotal, fail } from './rules.js';

const singleAmount = z.strictObject({ award: yuan, total: yuan });

export const TalentScoutAward = caseSchema('talent-scout-award', {
  /** 第十条 rewards a department, unit or individual. */
  recipient: z.discriminatedUnion('kind', [personRecipient, organisationRecipient]),
  details: z.strictObject({
    /** The urgently needed high-level talent who was recruited. */
    talent: z.strictObject({ name: personName, position: text(60), field: text(40) }),
    recruitedOn: isoDate,
  }),
  amounts: singleAmount,
}).superRefine((c, ctx) => {
  expectRange(ctx, ['amounts', 'award'], c.amounts.award, TALENT_SCOUT_AWARD, '第十条', '引才伯乐奖');
  expectTotal(ctx, c.amounts.total, { award: c.amounts.award });
  expectNotAfter(ctx, ['details', 'recruitedOn'], c.details.recruitedOn, c.approvedOn, 'approvedOn');
});

/** 中华技能大奖 and 全国技术能手 share one shape: who won what, when, in which occupation. */
const skillAwardDetails = z.strictObject({
  awardYear: count(POLICY_YEAR, 2100),
  /** 届次, e.g. 第十六届. */
  session: text(10),
  /** 职业（工种）. */
  occupation: text(40),
});

function skillAward<const T extends 'skill-grand-award' | 'national-technical-expert'>(docType: T, amount: number, what: string) {
  return caseSchema(docType, {
    recipient: personRecipient,
    details: skillAwardDetails,
    amounts: singleAmount,
  }).superRefine((c, ctx) => {
    expectFixed(ctx, ['amounts', 'award'], c.amounts.award, amount, '第十九条', what);
    expectTotal(ctx, c.amounts.total, { award: c.amounts.award });
    if (c.details.awardYear > Number(c.approvedOn.slice(0, 4))) {
      fail(
        ctx,
        ['details', 'awardYear'],
        `${c.details.awardYear} is after the year of approvedOn ${c.approvedOn}`,
        `${c.details.awardYear} 晚于成文日期 ${c.approvedOn} 所在的年份`,
      );
    }
  });
}

export const SkillGrandAward = skillAward('skill-grand-award', SKILL_GRAND_AWARD, '中华技能大奖');
export const NationalTechnicalExpert = skillAward('national-technical-expert', NATIONAL_TECHNICAL_EXPERT, '全国技术能手');

export const CityTalentTitle = caseSchema('city-talent-title', {
  recipient: personRecipient,
  details: z.strictObject({
    title: z.enum(CITY_TALENT_TITLES),
    selectionYear: count(POLICY_YEAR, 2100),
    /** 领域, e.g. 新材料. */
    field: text(40),
    /** 管理期: the living allowance is paid per year of it. */
    managementPeriod: yearPeriod,
  }),
  amounts: z.strictObject({ research: yuan, livingAllowancePerYear: yuan, livingAllowance: yuan, total: yuan }),
}).superRefine((c, ctx) => {
  const { amounts: a, details: d } = c;
  const what = `“${d.title}”`;
  expectRange(ctx, ['amounts', 'research'], a.research, CITY_TALENT.research, '第十九条', `${what}科研经费`);
  expectRange(ctx, ['amounts', 'livingAllowancePerYear'], a.livingAllowancePerYear, CITY_TALENT.livingAllowancePerYear, '第十九条', `${what}每年生活补贴`);
  expectProduct(
    ctx,
    ['amounts', 'livingAllowance'],
    a.livingAllowance,
    a.livingAllowancePerYear,
    d.managementPeriod.years,
    'years (details.managementPeriod.years)',
    '第十九条',
  );
  expectTotal(ctx, a.total, { research: a.research, livingAllowance: a.livingAllowance });
});
