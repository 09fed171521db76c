// The registry of document types: what each is called, the clause it rests on, which family of
// document it is, its 机关代字 and its template.
import type { DocTypeId } from './case.js';

/** `card` is not a 公文: an ID-1 card laid out by its own module (render/card/), numbered by its own counter. */
export type DocFamily = 'award-notice' | 'subsidy-notice' | 'approval-letter' | 'allocation-notice' | 'card';

export interface DocTypeInfo {
  id: DocTypeId;
  /** What is granted, as the document names it, e.g. 中华技能大奖奖励. */
  nameZh: string;
  /** The clause of 并发〔2018〕2号 the document cites. */
  clause: string;
  family: DocFamily;
  /** 机关代字 of the 发文字号: 并人才奖〔2026〕17号. */
  numberPrefix: string;
  /** Digits the sequence is padded to (0: none). */
  numberDigits: number;
  /** File name in templates/. */
  template: string;
  /** Whom a case of this type may address. */
  recipientKinds: readonly ('person' | 'organisation')[];
}

/** One 机关代字 per family, so each family is numbered in its own sequence. */
const NUMBER_PREFIX: Record<DocFamily, string> = {
  'award-notice': '并人才奖',
  'subsidy-notice': '并人才补',
  'approval-letter': '并人才批',
  'allocation-notice': '并人才寓',
  card: '并人才卡',
};

/** Card numbers are zero-padded to six digits (并人才卡〔2026〕000123号); 发文字号 carry none (GB/T 9704 7.2.4). */
const NUMBER_DIGITS: Record<DocFamily, number> = {
  'award-notice': 0,
  'subsidy-notice': 0,
  'approval-letter': 0,
  'allocation-notice': 0,
  card: 6,
};

function entry(id: DocTypeId, nameZh: string, clause: string, family: DocFamily, recipientKinds: DocTypeInfo['recipientKinds']): DocTypeInfo {
  return { id, nameZh, clause, family, numberPrefix: NUMBER_PREFIX[family], numberDigits: NUMBER_DIGITS[family], template: `${id}.hbs`, recipientKinds };
}

const PERSON = ['person'] as const;
const ORGANISATION = ['organisation'] as const;

export const DOC_TYPES: Readonly<Record<DocTypeId, DocTypeInfo>> = Object.freeze({
  'talent-scout-award': entry('talent-scout-award', '引才伯乐奖', '第十条', 'award-notice', ['person', 'organisation']),
  'skill-grand-award': entry('skill-grand-award', '中华技能大奖奖励', '第十九条', 'award-notice', PERSON),
  'national-technical-expert': entry('national-technical-expert', '全国技术能手奖励', '第十九条', 'award-notice', PERSON),
  'city-talent-title': entry('city-talent-title', '市级优秀人才科研经费和生活补贴', '第十九条', 'award-notice', PERSON),
  'academician-package': entry('academician-package', '两院院士科研经费、安家费和津贴', '第十九条', 'subsidy-notice', PERSON),
  'expert-package': entry('expert-package', '“千人计划”“万人计划”专家科研经费、安家费和津贴', '第十九条', 'subsidy-notice', PERSON),
  'flexible-allowance': entry('flexible-allowance', '柔性引进高层次人才津贴', '第十九条', 'subsidy-notice', PERSON),
  'graduate-living-subsidy': entry('graduate-living-subsidy', '优秀毕业生生活补助', '第二十条', 'subsidy-notice', PERSON),
  'graduate-housing-subsidy': entry('graduate-housing-subsidy', '优秀毕业生购房补贴', '第二十条', 'subsidy-notice', PERSON),
  'graduate-research-fund': entry('graduate-research-fund', '优秀毕业生科研项目经费', '第二十条', 'subsidy-notice', PERSON),
  'village-graduate-settling': entry('village-graduate-settling', '回贫困村就业大学生安家补贴', '第十六条', 'subsidy-notice', PERSON),
  'platform-subsidy': entry('platform-subsidy', '公共科技创新平台补助', '第十八条', 'approval-letter', ORGANISATION),
  'academician-workstation': entry('academician-workstation', '院士工作站建站补助', '第十八条', 'approval-letter', ORGANISATION),
  'postdoc-station': entry('postdoc-station', '博士后科研流动（工作）站建站补助', '第十八条', 'approval-letter', ORGANISATION),
  'skill-master-studio': entry('skill-master-studio', '技能大师工作室补助', '第十八条', 'approval-letter', ORGANISATION),
  'staffing-pool-approval': entry('staffing-pool-approval', '人才引进专用周转编制', '第四条', 'approval-letter', ORGANISATION),
  'hr-park-rent-free': entry('hr-park-rent-free', '人力资源服务产业园入园免租', '第三条', 'approval-letter', ORGANISATION),
  'advanced-team-subsidy': entry('advanced-team-subsidy', '创新转型、深化改革先进团队支持资金', '第十八条', 'approval-letter', ORGANISATION),
  'talent-apartment-allocation': entry('talent-apartment-allocation', '人才公寓租住', '第二十四条', 'allocation-notice', PERSON),
  'talent-green-card': entry('talent-green-card', '人才服务“绿卡”', '第十二条', 'card', PERSON),
});

export function docTypeOf(id: DocTypeId): DocTypeInfo {
  return DOC_TYPES[id];
}

/** The Chinese name of a document type; `unknown` (the id itself by default) for an id the catalogue lacks, e.g. from an older stored record. */
export function docTypeName(id: string, unknown = id): string {
  return Object.hasOwn(DOC_TYPES, id) ? DOC_TYPES[id as DocTypeId].nameZh : unknown;
}
