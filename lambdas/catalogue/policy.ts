// What 并发〔2018〕2号 pays, in yuan, clause by clause, as the policy text sets them.
// The schemas check cases against these numbers; nothing else may restate them.

export const POLICY_NUMBER = '并发〔2018〕2号';
/** The policy was issued in 2018: nothing can be approved under it, or be “newly” won for it, earlier. */
export const POLICY_YEAR = 2018;

export const TALENT_SCOUT_AWARD = { min: 50_000, max: 100_000 } as const;

export const SKILL_GRAND_AWARD = 500_000;
export const NATIONAL_TECHNICAL_EXPERT = 300_000;

export const CITY_TALENT_TITLES = ['并州英才', '龙城之星', '晋阳工匠'] as const;
export const CITY_TALENT = {
  research: { min: 50_000, max: 100_000 },
  livingAllowancePerYear: { min: 30_000, max: 50_000 },
} as const;

export const ACADEMICIAN_PACKAGE = { research: 12_000_000, settling: 2_400_000, allowancePerYear: 1_000_000 } as const;
export const EXPERT_PACKAGE = { research: 6_000_000, settling: 1_200_000, allowancePerYear: 500_000 } as const;

export const FLEXIBLE_CATEGORIES = ['院士', '千人计划专家', '万人计划专家'] as const;
export const FLEXIBLE_PER_MONTH: Record<(typeof FLEXIBLE_CATEGORIES)[number], number> = {
  院士: 25_000,
  千人计划专家: 12_000,
  万人计划专家: 12_000,
};

export const DEGREES = ['博士研究生', '硕士研究生', '本科生'] as const;
export type Degree = (typeof DEGREES)[number];
/** 第二十条: a service contract of at least this many years. */
export const MIN_SERVICE_YEARS = 5;
export const GRADUATE_LIVING_PER_MONTH: Record<Degree, number> = { 博士研究生: 5_000, 硕士研究生: 3_000, 本科生: 1_500 };
export const GRADUATE_HOUSING: Record<Degree, number> = { 博士研究生: 200_000, 硕士研究生: 100_000, 本科生: 50_000 };
export const GRADUATE_RESEARCH = { min: 50_000, max: 200_000 } as const;

export const VILLAGE_GRADUATE_SETTLING = 20_000;

export const PLATFORM_KINDS = ['实验室', '工程（技术）研究中心', '企业技术中心'] as const;
export const PLATFORM_SUBSIDY: Record<'国家级' | '省级', number> = { 国家级: 5_000_000, 省级: 3_000_000 };
export const ACADEMICIAN_WORKSTATION = 1_000_000;
export const POSTDOC_STATION = 500_000;
export const SKILL_MASTER_STUDIO: Record<'国家级' | '省级' | '市级', number> = { 国家级: 300_000, 省级: 200_000, 市级: 100_000 };

/** 第四条: posts pooled city-wide for recruiting urgently needed talent. */
export const STAFFING_POOL_POSTS = 200;
/** 第十二条: what a 人才服务“绿卡” lets its holder do first. */
export const GREEN_CARD_SERVICES = ['落户', '社保缴纳', '子女入学', '住房保障'] as const;
/** A card is issued for at most this many years, then renewed. */
export const GREEN_CARD_MAX_YEARS = 5;

/** 第十八条: 创新转型、深化改革先进团队, at most this much support a year. */
export const ADVANCED_TEAM_PER_YEAR_MAX = 10_000_000;
/** How many consecutive years one approval letter may grant the team support for. */
export const ADVANCED_TEAM_MAX_YEARS = 5;

/** 第二十四条: who may rent a 人才公寓. */
export const APARTMENT_TENANT_CATEGORIES = ['海外人才', '两院院士', '千人计划专家', '万人计划专家', '在站博士后', '短期来并工作的高层次人才'] as const;

/** 第三条: years rent-free in the HR service industrial park. */
export const HR_PARK_RENT_FREE_YEARS = 3;
