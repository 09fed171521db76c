// Subsidy approval notices (核准通知): 第十九条 packages and allowances, 第二十条 graduate
// subsidies, 第十六条 village graduates.
import * as z from 'zod';
import { addYears } from './dates.js';
import { caseSchema } from './envelope.js';
import { academy, count, employedPersonRecipient, isoDate, monthPeriod, personRecipient, text, yearPeriod, yuan } from './fields.js';
import {
  ACADEMICIAN_PACKAGE,
  DEGREES,
  EXPERT_PACKAGE,
  FLEXIBLE_CATEGORIES,
  FLEXIBLE_PER_MONTH,
  GRADUATE_HOUSING,
  GRADUATE_LIVING_PER_MONTH,
  GRADUATE_RESEARCH,
  MIN_SERVICE_YEARS,
  POLICY_YEAR,
  VILLAGE_GRADUATE_SETTLING,
} from './policy.js';
import { expectFixed, expectNotAfter, expectProduct, expectRange, expectTotal, fail } from './rules.js';

type Ctx = z.core.$RefinementCtx<unknown>;

/** 第十九条 full-time packages: research funds and settling-in once, the allowance per year. */
const packageAmounts = z.strictObject({
  research: yuan,
  settling: yuan,
  allowancePerYear: yuan,
  allowance: yuan,
  total: yuan,
});

function checkPackage(
  ctx: Ctx,
  a: z.infer<typeof packageAmounts>,
  years: number,
  policy: { research: number; settling: number; allowancePerYear: number },
  who: string,
): void {
  expectFixed(ctx, ['amounts', 'research'], a.research, policy.research, '第十九条', `${who}科研经费`);
  expectFixed(ctx, ['amounts', 'settling'], a.settling, policy.settling, '第十九条', `${who}安家费`);
  expectFixed(ctx, ['amounts', 'allowancePerYear'], a.allowancePerYear, policy.allowancePerYear, '第十九条', `${who}每年津贴`);
  expectProduct(ctx, ['amounts', 'allowance'], a.allowance, a.allowancePerYear, years, 'years (details.allowancePeriod.years)', '第十九条');
  expectTotal(ctx, a.total, { research: a.research, settling: a.settling, allowance: a.allowance });
}

/** A talent 第十九条 pays for being newly elected or selected must have been so since the policy. */
function checkNamedSincePolicy(ctx: Ctx, field: string, year: number, who: { en: string; zh: string }): void {
  if (year < POLICY_YEAR) {
    fail(ctx, ['details', field], `${year} is before ${POLICY_YEAR}: 第十九条 pays ${who.en} only`, `${year} 早于 ${POLICY_YEAR} 年；第十九条只支持${who.zh}`);
  }
}

function checkFullTime(ctx: Ctx, fullTimeSince: string, allowanceFrom: string, approvedOn: string): void {
  expectNotAfter(ctx, ['details', 'fullTimeSince'], fullTimeSince, approvedOn, 'approvedOn');
  if (allowanceFrom < fullTimeSince) {
    fail(
      ctx,
      ['details', 'allowancePeriod', 'from'],
      `${allowanceFrom} is before details.fullTimeSince ${fullTimeSince}: 第十九条 pays the allowance for full-time work in Taiyuan`,
      `${allowanceFrom} 早于全职到岗日期 ${fullTimeSince}；第十九条的津贴只发放全职在并工作期间`,
    );
  }
}

export const AcademicianPackage = caseSchema('academician-package', {
  recipient: employedPersonRecipient,
  details: z.strictObject({
    academy,
    /** 新引进 (recruited to Taiyuan) or 新当选 (elected while working here). */
    route: z.enum(['新引进', '新当选']),
    electedYear: count(1955, 2100),
    discipline: text(40),
    fullTimeSince: isoDate,
    allowancePeriod: yearPeriod,
  }),
  amounts: packageAmounts,
}).superRefine((c, ctx) => {
  checkPackage(ctx, c.amounts, c.details.allowancePeriod.years, ACADEMICIAN_PACKAGE, '两院院士');
  checkFullTime(ctx, c.details.fullTimeSince, c.details.allowancePeriod.from, c.approvedOn);
  if (c.details.route === '新当选') checkNamedSincePolicy(ctx, 'electedYear', c.details.electedYear, { en: 'newly elected academicians', zh: '新当选的院士' });
});

export const ExpertPackage = caseSchema('expert-package', {
  recipient: employedPersonRecipient,
  details: z.strictObject({
    programme: z.enum(['千人计划', '万人计划']),
    route: z.enum(['新引进', '新入选']),
    selectedYear: count(2008, 2100),
    discipline: text(40),
    fullTimeSince: isoDate,
    allowancePeriod: yearPeriod,
  }),
  amounts: packageAmounts,
}).superRefine((c, ctx) => {
  checkPackage(ctx, c.amounts, c.details.allowancePeriod.years, EXPERT_PACKAGE, `“${c.details.programme}”专家`);
  checkFullTime(ctx, c.details.fullTimeSince, c.details.allowancePeriod.from, c.approvedOn);
  if (c.details.route === '新入选') checkNamedSincePolicy(ctx, 'selectedYear', c.details.selectedYear, { en: 'newly selected experts', zh: '新入选的专家' });
});

export const FlexibleAllowance = caseSchema('flexible-allowance', {
  /** employer: the expert's own institution, which the flexible recruitment leaves unchanged. */
  recipient: personRecipient,
  details: z.strictObject({
    category: z.enum(FLEXIBLE_CATEGORIES),
    /** 用人单位 in Taiyuan. */
    host: text(60),
    period: monthPeriod,
    /** 在并实际工作月数. */
    monthsWorked: count(1, 240),
  }),
  amounts: z.strictObject({ allowancePerMonth: yuan, allowance: yuan, total: yuan }),
}).superRefine((c, ctx) => {
  const { details: d, amounts: a } = c;
  if (d.monthsWorked > d.period.months) {
    fail(
      ctx,
      ['details', 'monthsWorked'],
      `${d.monthsWorked} is more than the ${d.period.months} months of details.period`,
      `${d.monthsWorked} 超过补助期限的 ${d.period.months} 个月`,
    );
  }
  expectFixed(ctx, ['amounts', 'allowancePerMonth'], a.allowancePerMonth, FLEXIBLE_PER_MONTH[d.category], '第十九条', `柔性引进的${d.category}每月津贴`);
  expectProduct(ctx, ['amounts', 'allowance'], a.allowance, a.allowancePerMonth, d.monthsWorked, 'months actually worked (details.monthsWorked)', '第十九条');
  expectTotal(ctx, a.total, { allowance: a.allowance });
  if (`${d.period.to}-01` > c.approvedOn) {
    fail(
      ctx,
      ['details', 'period', 'to'],
      `${d.period.to} is after approvedOn ${c.approvedOn}: only months already worked are paid`,
      `${d.period.to} 晚于成文日期 ${c.approvedOn}；只发放已工作的月份`,
    );
  }
});

/** 第二十条's graduates: full-time, from a top-200 world university abroad or a “双一流” university. */
const graduate = z.strictObject({
  degree: z.enum(DEGREES),
  university: text(60),
  universityCategory: z.enum(['双一流', '世界前200']),
  fullTime: z.boolean(),
  major: text(40),
  /** 紧缺专业: a bachelor qualifies only in one. */
  shortageDiscipline: z.boolean(),
  graduatedOn: isoDate,
});

/** 服务合同: 第二十条 demands at least five years. */
const contract = z.strictObject({ signedOn: isoDate, years: count(1, 30) });

const graduateDetails = { graduate, contract };

function checkGraduate(ctx: Ctx, g: z.infer<typeof graduate>, k: z.infer<typeof contract>, approvedOn: string): void {
  if (!g.fullTime) fail(ctx, ['details', 'graduate', 'fullTime'], 'false: 第二十条 covers full-time (全日制) graduates only', '第二十条只适用于全日制毕业生');
  if (g.degree === '本科生' && !g.shortageDiscipline) {
    fail(
      ctx,
      ['details', 'graduate', 'shortageDiscipline'],
      `false: 第二十条 covers a 本科生 only in a shortage discipline (紧缺专业); ${g.major} is not marked as one`,
      `第二十条只支持紧缺专业的本科生；${g.major} 未标为紧缺专业`,
    );
  }
  if (k.years < MIN_SERVICE_YEARS) {
    fail(
      ctx,
      ['details', 'contract', 'years'],
      `${k.years} is less than the ${MIN_SERVICE_YEARS} years of service contract that 第二十条 requires`,
      `${k.years} 年少于第二十条要求的 ${MIN_SERVICE_YEARS} 年服务期`,
    );
  }
  expectNotAfter(ctx, ['details', 'contract', 'signedOn'], k.signedOn, approvedOn, 'approvedOn');
  expectNotAfter(ctx, ['details', 'graduate', 'graduatedOn'], g.graduatedOn, approvedOn, 'approvedOn');
}

export const GraduateLivingSubsidy = caseSchema('graduate-living-subsidy', {
  recipient: employedPersonRecipient,
  details: z.strictObject({ ...graduateDetails, period: monthPeriod }),
  amounts: z.strictObject({ subsidyPerMonth: yuan, subsidy: yuan, total: yuan }),
}).superRefine((c, ctx) => {
  const { details: d, amounts: a } = c;
  checkGraduate(ctx, d.graduate, d.contract, c.approvedOn);
  expectFixed(
    ctx,
    ['amounts', 'subsidyPerMonth'],
    a.subsidyPerMonth,
    GRADUATE_LIVING_PER_MONTH[d.graduate.degree],
    '第二十条',
    `${d.graduate.degree}每月生活补助`,
  );
  expectProduct(ctx, ['amounts', 'subsidy'], a.subsidy, a.subsidyPerMonth, d.period.months, 'months (details.period.months)', '第二十条');
  expectTotal(ctx, a.total, { subsidy: a.subsidy });
  if (d.period.from < d.contract.signedOn.slice(0, 7)) {
    fail(
      ctx,
      ['details', 'period', 'from'],
      `${d.period.from} is before the service contract was signed (${d.contract.signedOn})`,
      `${d.period.from} 早于服务合同签订日期 ${d.contract.signedOn}`,
    );
  }
  const contractEnd = addYears(d.contract.signedOn, d.contract.years).slice(0, 7);
  if (d.period.to > contractEnd) {
    fail(
      ctx,
      ['details', 'period', 'to'],
      `${d.period.to} is after the ${d.contract.years}-year service contract ends (${contractEnd})`,
      `${d.period.to} 晚于 ${d.contract.years} 年服务合同的期满日 ${contractEnd}`,
    );
  }
});

export const GraduateHousingSubsidy = caseSchema('graduate-housing-subsidy', {
  recipient: employedPersonRecipient,
  details: z.strictObject({
    ...graduateDetails,
    /** 服务期满: the subsidy is paid once the contracted service is complete. */
    serviceCompletedOn: isoDate,
    home: z.strictObject({ address: text(80), purchasedOn: isoDate, firstHome: z.boolean() }),
  }),
  amounts: z.strictObject({ housing: yuan, total: yuan }),
}).superRefine((c, ctx) => {
  const { details: d, amounts: a } = c;
  checkGraduate(ctx, d.graduate, d.contract, c.approvedOn);
  expectFixed(ctx, ['amounts', 'housing'], a.housing, GRADUATE_HOUSING[d.graduate.degree], '第二十条', `${d.graduate.degree}购房补贴`);
  expectTotal(ctx, a.total, { housing: a.housing });
  const serviceEnds = addYears(d.contract.signedOn, d.contract.years);
  if (d.serviceCompletedOn < serviceEnds) {
    fail(
      ctx,
      ['details', 'serviceCompletedOn'],
      `${d.serviceCompletedOn} is before the ${d.contract.years}-year service contract signed ${d.contract.signedOn} ends (${serviceEnds}); 第二十条 pays when the service period is complete`,
      `${d.serviceCompletedOn} 早于 ${d.contract.signedOn} 签订的 ${d.contract.years} 年服务合同期满日 ${serviceEnds}；第二十条在服务期满后发放`,
    );
  }
  expectNotAfter(ctx, ['details', 'serviceCompletedOn'], d.serviceCompletedOn, c.approvedOn, 'approvedOn');
  if (!d.home.firstHome) fail(ctx, ['details', 'home', 'firstHome'], 'false: 第二十条 subsidises the first home (首套住房) only', '第二十条只补贴首套住房');
  if (!d.home.address.includes('太原市')) {
    fail(
      ctx,
      ['details', 'home', 'address'],
      `“${d.home.address}” is not in 太原市: 第二十条 subsidises a home bought in Taiyuan`,
      `“${d.home.address}”不在太原市；第二十条只补贴在太原购买的住房`,
    );
  }
});

export const GraduateResearchFund = caseSchema('graduate-research-fund', {
  recipient: employedPersonRecipient,
  details: z.strictObject({
    ...graduateDetails,
    project: z.strictObject({ name: text(60), kind: z.enum(['项目研发', '技术革新']), startedOn: isoDate }),
  }),
  amounts: z.strictObject({ research: yuan, total: yuan }),
}).superRefine((c, ctx) => {
  const { details: d, amounts: a } = c;
  checkGraduate(ctx, d.graduate, d.contract, c.approvedOn);
  expectRange(ctx, ['amounts', 'research'], a.research, GRADUATE_RESEARCH, '第二十条', '优秀毕业生科研项目经费');
  expectTotal(ctx, a.total, { research: a.research });
});

export const VillageGraduateSettling = caseSchema('village-graduate-settling', {
  recipient: personRecipient,
  details: z.strictObject({
    school: z.strictObject({ university: text(60), major: text(40), graduatedOn: isoDate }),
    village: z.strictObject({ county: text(20), township: text(20), name: text(20) }),
    /** 贫困村: 第十六条 pays graduates returning to a poor village only. */
    povertyVillage: z.boolean(),
    /** 特设岗位 or other post taken up in the village. */
    post: text(40),
    returnedOn: isoDate,
  }),
  amounts: z.strictObject({ settling: yuan, total: yuan }),
}).superRefine((c, ctx) => {
  const { details: d, amounts: a } = c;
  expectFixed(ctx, ['amounts', 'settling'], a.settling, VILLAGE_GRADUATE_SETTLING, '第十六条', '回贫困村大学生安家补贴');
  expectTotal(ctx, a.total, { settling: a.settling });
  if (!d.povertyVillage)
    fail(
      ctx,
      ['details', 'povertyVillage'],
      `false: 第十六条 pays graduates who return to a poor village (贫困村); ${d.village.name} is not marked as one`,
      `第十六条只支持回贫困村就业的大学生；${d.village.name} 未标为贫困村`,
    );
  expectNotAfter(ctx, ['details', 'returnedOn'], d.returnedOn, c.approvedOn, 'approvedOn');
  if (d.returnedOn < d.school.graduatedOn)
    fail(
      ctx,
      ['details', 'returnedOn'],
      `${d.returnedOn} is before the graduation date ${d.school.graduatedOn}`,
      `${d.returnedOn} 早于毕业日期 ${d.school.graduatedOn}`,
    );
});
