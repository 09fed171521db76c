// Approval letters (批复): 第十八条 platform, studio and advanced-team subsidies, 第四条 staffing
// pool, 第三条 HR park.
// Every letter answers a request (来文) from an organisation.
import * as z from 'zod';
import { caseSchema } from './envelope.js';
import { academy, count, isoDate, organisationRecipient, personName, request, text, yearPeriod, yuan } from './fields.js';
import {
  ACADEMICIAN_WORKSTATION,
  ADVANCED_TEAM_MAX_YEARS,
  ADVANCED_TEAM_PER_YEAR_MAX,
  HR_PARK_RENT_FREE_YEARS,
  PLATFORM_KINDS,
  POLICY_YEAR,
  PLATFORM_SUBSIDY,
  POSTDOC_STATION,
  SKILL_MASTER_STUDIO,
  STAFFING_POOL_POSTS,
} from './policy.js';
import { expectFixed, expectNotAfter, expectRange, expectTotal, fail } from './rules.js';

type Ctx = z.core.$RefinementCtx<unknown>;

const subsidyAmounts = z.strictObject({ subsidy: yuan, total: yuan });

function checkRequest(ctx: Ctx, r: z.infer<typeof request>, approvedOn: string): void {
  expectNotAfter(ctx, ['details', 'request', 'date'], r.date, approvedOn, 'approvedOn');
}

/**
 * A 第十八条 one-off subsidy: it answers a request made by the approval date, is the fixed sum
 * the policy sets and the whole total, and is for something recognised or established by then.
 */
function checkFixedSubsidy(
  ctx: Ctx,
  c: { approvedOn: string; details: { request: z.infer<typeof request> }; amounts: z.infer<typeof subsidyAmounts> },
  fixed: number,
  what: string,
  since: 'recognisedOn' | 'establishedOn',
  sinceDate: string,
): void {
  checkRequest(ctx, c.details.request, c.approvedOn);
  expectFixed(ctx, ['amounts', 'subsidy'], c.amounts.subsidy, fixed, '第十八条', what);
  expectTotal(ctx, c.amounts.total, { subsidy: c.amounts.subsidy });
  expectNotAfter(ctx, ['details', since], sinceDate, c.approvedOn, 'approvedOn');
}

export const PlatformSubsidy = caseSchema('platform-subsidy', {
  recipient: organisationRecipient,
  details: z.strictObject({
    request,
    platformKind: z.enum(PLATFORM_KINDS),
    level: z.enum(['国家级', '省级']),
    platformName: text(60),
    /** 认定部门, e.g. 科学技术部. */
    recognisedBy: text(40),
    recognisedOn: isoDate,
  }),
  amounts: subsidyAmounts,
}).superRefine((c, ctx) => {
  const d = c.details;
  checkFixedSubsidy(ctx, c, PLATFORM_SUBSIDY[d.level], `${d.level}${d.platformKind}`, 'recognisedOn', d.recognisedOn);
});

export const AcademicianWorkstation = caseSchema('academician-workstation', {
  recipient: organisationRecipient,
  details: z.strictObject({
    request,
    workstationName: text(60),
    /** The academicians who enter the workstation. */
    academicians: z
      .array(z.strictObject({ name: personName, academy }))
      .min(1)
      .max(10),
    field: text(40),
    establishedOn: isoDate,
  }),
  amounts: subsidyAmounts,
}).superRefine((c, ctx) => {
  checkFixedSubsidy(ctx, c, ACADEMICIAN_WORKSTATION, '院士工作站建站补助', 'establishedOn', c.details.establishedOn);
});

export const PostdocStation = caseSchema('postdoc-station', {
  recipient: organisationRecipient,
  details: z.strictObject({
    request,
    stationKind: z.enum(['博士后科研流动站', '博士后科研工作站']),
    discipline: text(40),
    /** 批准设站的部门, e.g. 人力资源社会保障部、全国博士后管委会. */
    approvedBy: text(60),
    establishedOn: isoDate,
  }),
  amounts: subsidyAmounts,
}).superRefine((c, ctx) => {
  checkFixedSubsidy(ctx, c, POSTDOC_STATION, c.details.stationKind, 'establishedOn', c.details.establishedOn);
});

export const SkillMasterStudio = caseSchema('skill-master-studio', {
  recipient: organisationRecipient,
  details: z.strictObject({
    request,
    level: z.enum(['国家级', '省级', '市级']),
    studioName: text(60),
    master: z.strictObject({ name: personName, occupation: text(40) }),
    recognisedOn: isoDate,
  }),
  amounts: subsidyAmounts,
}).superRefine((c, ctx) => {
  checkFixedSubsidy(ctx, c, SKILL_MASTER_STUDIO[c.details.level], `${c.details.level}技能大师工作室`, 'recognisedOn', c.details.recognisedOn);
});

export const StaffingPoolApproval = caseSchema('staffing-pool-approval', {
  /** A public institution (事业单位): its credit code starts with 12. */
  recipient: organisationRecipient,
  details: z.strictObject({
    request,
    /** 空编: 第四条 lets a unit use the pool only when it has none left. */
    vacantPosts: count(0, 10_000),
    posts: z
      .array(
        z.strictObject({
          title: text(30),
          count: count(1, STAFFING_POOL_POSTS),
          /** 学历学位要求. */
          education: text(20),
          /** 专业方向. */
          discipline: text(30),
        }),
      )
      .min(1)
      .max(STAFFING_POOL_POSTS),
    totalPosts: count(1, STAFFING_POOL_POSTS),
    /** 周转编制使用期限, in years. */
    termYears: count(1, 10),
    /** Conditions specific to this unit, added after the standard ones. */
    conditions: z.array(text(300)).max(20).optional(),
  }),
}).superRefine((c, ctx) => {
  const d = c.details;
  checkRequest(ctx, d.request, c.approvedOn);
  if (!c.recipient.creditCode.startsWith('12')) {
    fail(
      ctx,
      ['recipient', 'creditCode'],
      `${c.recipient.creditCode} is not a public institution's code (事业单位 codes start with 12): 第四条 pools 事业编制 for public institutions`,
      `${c.recipient.creditCode} 不是事业单位的代码（事业单位以 12 开头）；第四条的周转编制只用于事业单位`,
    );
  }
  if (d.vacantPosts > 0) {
    fail(
      ctx,
      ['details', 'vacantPosts'],
      `${d.vacantPosts}: 第四条 requires a unit with vacant established posts (空编) to use them first; the pool is only for units with none`,
      `${d.vacantPosts}：第四条要求有空编的单位先使用空编，周转编制只用于没有空编的单位`,
    );
  }
  const sum = d.posts.reduce((s, p) => s + p.count, 0);
  if (sum !== d.totalPosts) {
    fail(ctx, ['details', 'totalPosts'], `${d.totalPosts} is not the sum of details.posts[].count = ${sum}`, `${d.totalPosts} 不等于各岗位人数之和 ${sum}`);
  }
});

export const HrParkRentFree = caseSchema('hr-park-rent-free', {
  /** An HR service organisation entering the park. */
  recipient: organisationRecipient,
  details: z.strictObject({
    request,
    businessScope: text(60),
    premises: z.strictObject({
      building: text(40),
      room: text(20),
      /** 面积, m². */
      area: z.number().positive().max(100_000),
    }),
    rentFreePeriod: yearPeriod,
  }),
}).superRefine((c, ctx) => {
  checkRequest(ctx, c.details.request, c.approvedOn);
  const years = c.details.rentFreePeriod.years;
  if (years !== HR_PARK_RENT_FREE_YEARS) {
    fail(
      ctx,
      ['details', 'rentFreePeriod', 'years'],
      `${years} is not the ${HR_PARK_RENT_FREE_YEARS} years rent-free that 第三条 grants`,
      `${years} 年与第三条规定的免租 ${HR_PARK_RENT_FREE_YEARS} 年不符`,
    );
  }
});

export const AdvancedTeamSubsidy = caseSchema('advanced-team-subsidy', {
  /** The team's lead unit (牵头单位), which receives and manages the money. */
  recipient: organisationRecipient,
  details: z.strictObject({
    request,
    teamName: text(60),
    /** 团队负责人. */
    leader: personName,
    /** 研究或改革方向. */
    field: text(40),
    /** How the team was recognised, e.g. 2025年度太原市创新转型先进团队. */
    honour: text(60),
    honouredOn: isoDate,
  }),
  amounts: z.strictObject({
    /** Support for each calendar year, consecutive and in order. */
    years: z
      .array(z.strictObject({ year: count(POLICY_YEAR, 2100), amount: yuan }))
      .min(1)
      .max(ADVANCED_TEAM_MAX_YEARS),
    total: yuan,
  }),
}).superRefine((c, ctx) => {
  const { details: d, amounts: a } = c;
  checkRequest(ctx, d.request, c.approvedOn);
  expectNotAfter(ctx, ['details', 'honouredOn'], d.honouredOn, c.approvedOn, 'approvedOn');
  const approvedYear = Number(c.approvedOn.slice(0, 4));
  a.years.forEach((y, i) => {
    expectRange(
      ctx,
      ['amounts', 'years', i, 'amount'],
      y.amount,
      { min: 0.01, max: ADVANCED_TEAM_PER_YEAR_MAX },
      '第十八条',
      '创新转型、深化改革先进团队 support in one year',
    );
    const expected = i === 0 ? undefined : a.years[i - 1]!.year + 1;
    if (i === 0 && y.year < approvedYear) {
      fail(
        ctx,
        ['amounts', 'years', 0, 'year'],
        `${y.year} is before the approval year ${approvedYear}; support is granted for this year or later`,
        `${y.year} 早于批准年度 ${approvedYear}；支持资金自批准当年起安排`,
      );
    }
    if (expected !== undefined && y.year !== expected) {
      fail(
        ctx,
        ['amounts', 'years', i, 'year'],
        `${y.year} does not follow ${expected - 1}; list consecutive years in order`,
        `${y.year} 不是 ${expected - 1} 的下一年；请按顺序列出连续的年度`,
      );
    }
  });
  expectTotal(ctx, a.total, Object.fromEntries(a.years.map((y, i) => [`years[${i}].amount`, y.amount])));
});
