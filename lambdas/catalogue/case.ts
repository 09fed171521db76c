// The case: one discriminated union over every document type, and the one way to parse it.
// CASE_SCHEMAS is the registry of document types: the id list, DocTypeId and the Case union are
// derived from it, and every other table keyed by type (doc-types.ts, examples.ts) is a
// Record<DocTypeId, …> that TypeScript checks against it (docs/architecture.md, "Adding a document type").
import * as z from 'zod';
import { NoticeError } from '../errors.js';
import { TalentApartmentAllocation } from './allocations.js';
import { GreenCard } from './cards.js';
import {
  AcademicianWorkstation,
  AdvancedTeamSubsidy,
  HrParkRentFree,
  PlatformSubsidy,
  PostdocStation,
  SkillMasterStudio,
  StaffingPoolApproval,
} from './approvals.js';
import { CityTalentTitle, NationalTechnicalExpert, SkillGrandAward, TalentScoutAward } from './awards.js';
import { DOC_TYPES } from './doc-types.js';
import { fieldLabel } from './field-labels.js';
import { issueZh, kindZh } from './issue-messages.js';
import {
  AcademicianPackage,
  ExpertPackage,
  FlexibleAllowance,
  GraduateHousingSubsidy,
  GraduateLivingSubsidy,
  GraduateResearchFund,
  VillageGraduateSettling,
} from './subsidies.js';

/** Checks that each schema's `docType` literal is its own key, so an id cannot name another type's schema. */
function registry<const R extends { [K in keyof R]: { shape: { docType: z.ZodLiteral<K & string> } } }>(schemas: R): R {
  return schemas;
}

/** Each document type's schema, by id: the registry everything else is derived from or checked against. */
export const CASE_SCHEMAS = registry({
  'talent-scout-award': TalentScoutAward,
  'skill-grand-award': SkillGrandAward,
  'national-technical-expert': NationalTechnicalExpert,
  'city-talent-title': CityTalentTitle,
  'academician-package': AcademicianPackage,
  'expert-package': ExpertPackage,
  'flexible-allowance': FlexibleAllowance,
  'graduate-living-subsidy': GraduateLivingSubsidy,
  'graduate-housing-subsidy': GraduateHousingSubsidy,
  'graduate-research-fund': GraduateResearchFund,
  'village-graduate-settling': VillageGraduateSettling,
  'platform-subsidy': PlatformSubsidy,
  'academician-workstation': AcademicianWorkstation,
  'postdoc-station': PostdocStation,
  'skill-master-studio': SkillMasterStudio,
  'staffing-pool-approval': StaffingPoolApproval,
  'hr-park-rent-free': HrParkRentFree,
  'advanced-team-subsidy': AdvancedTeamSubsidy,
  'talent-apartment-allocation': TalentApartmentAllocation,
  'talent-green-card': GreenCard,
});

export type DocTypeId = keyof typeof CASE_SCHEMAS;
type AnyCaseSchema = (typeof CASE_SCHEMAS)[DocTypeId];

/** The document type ids in the registry's order (a non-empty list, as z.enum wants). */
export const DOC_TYPE_IDS = Object.keys(CASE_SCHEMAS) as [DocTypeId, ...DocTypeId[]];

export function isDocTypeId(s: string): s is DocTypeId {
  return Object.hasOwn(CASE_SCHEMAS, s);
}

const CaseSchema = z.discriminatedUnion('docType', Object.values(CASE_SCHEMAS) as [AnyCaseSchema, ...AnyCaseSchema[]]);

export type Case = z.output<AnyCaseSchema>;
export interface CaseIssue {
  /** Where in the case, e.g. `amounts.award`, `details.posts[3].count`. */
  path: string;
  /** The technical wording, with the rule (for logs and scripts). */
  message: string;
  /** The same for a clerk, in Chinese, without the field's name (the label says it). */
  messageZh?: string;
  /** The field as a clerk calls it (field-labels.ts); the path's label when absent. */
  label?: string;
}

/**
 * A case that a document cannot be issued from. The message is what a clerk reads — on the case,
 * in the console, in the CLI's exit message: one line in Chinese, one problem per field, each
 * named by its Chinese label (“获奖人姓名（名称）：不能为空”). `detail` keeps the technical
 * wording with the field paths for logs; the code stays CASE_INVALID.
 */
export class CaseInvalidError extends NoticeError {
  readonly code = 'CASE_INVALID';
  readonly detail: string;
  constructor(
    readonly issues: readonly CaseIssue[],
    caseId?: string,
  ) {
    const seen = new Set<string>();
    const shown = issues.filter((i) => !seen.has(i.path) && seen.add(i.path));
    super(`案件 ${caseId ?? '（无案件编号）'} 的数据有误：${shown.map((i) => `${i.label ?? fieldLabel(i.path)}：${i.messageZh ?? i.message}`).join('；')}`);
    this.detail = `case ${caseId ?? '(no caseId)'} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(case)';
}

/** What was given instead, with its value unless it may be an ID number (never shown whole). */
function typeName(v: unknown, path: readonly PropertyKey[]): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  const kind = typeof v === 'string' ? 'text' : typeof v;
  return path.at(-1) === 'idNumber' ? kind : `${kind} ${JSON.stringify(v)}`;
}

function docTypeIn(input: unknown): unknown {
  return typeof input === 'object' && input !== null && 'docType' in input ? input.docType : input;
}

/** Zod's own wording for structural problems, rephrased for a clerk; policy rules write their own. */
function messageOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `is missing (expected ${issue.expected})` : `is ${typeName(issue.input, issue.path)}, expected ${issue.expected}`;
    case 'invalid_value':
      if (issue.path.at(-1) === 'kind') {
        return `${JSON.stringify(issue.input)} cannot receive this document; it addresses a ${issue.values.map(String).join(' or ')}`;
      }
      return `${JSON.stringify(issue.input)} is not one of ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `has unknown field(s) ${issue.keys.map((k) => `“${k}”`).join(', ')}; check the spelling`;
    case 'too_small':
      return issue.origin === 'array' ? `must list at least ${String(issue.minimum)} item(s)` : `${String(issue.input)} is less than ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array' ? `must list at most ${String(issue.maximum)} item(s)` : `${String(issue.input)} is more than ${String(issue.maximum)}`;
    case 'invalid_union':
      if (issue.path.length === 0 || issue.path.at(-1) === 'docType') {
        return `${JSON.stringify(docTypeIn(issue.input))} is not a document type; use one of ${DOC_TYPE_IDS.join(', ')}`;
      }
      if (issue.path.at(-1) === 'recipient') return 'must be {kind: "person", name, idNumber} or {kind: "organisation", name, creditCode}';
      if (issue.inclusive !== false && issue.discriminator !== undefined && issue.options) return `is not one of ${issue.options.map(String).join(', ')}`;
      return issue.message;
    default:
      return issue.message;
  }
}

/** The clerk's sentence for a problem: the case's own wording where a field needs it, else issue-messages.ts. */
function messageZhOf(issue: z.core.$ZodIssue): string {
  const field = issue.path.at(-1);
  if (issue.code === 'invalid_union' && (issue.path.length === 0 || field === 'docType')) {
    const given = docTypeIn(issue.input);
    return typeof given !== 'string' || given === '' ? '不能为空' : `“${given}”不是已知的文书类型，请从文书类型列表中选择`;
  }
  if (issue.code === 'invalid_union' && field === 'recipient') return '应为个人（姓名、公民身份号码）或单位（名称、统一社会信用代码）';
  if (issue.code === 'invalid_union' && field === 'kind' && issue.discriminator !== undefined) {
    const given = typeof issue.input === 'object' && issue.input !== null && 'kind' in issue.input ? issue.input.kind : undefined;
    return given === undefined || given === '' ? '不能为空' : `“${String(given)}”不是可选的类别：应为个人（person）或单位（organisation）`;
  }
  if (issue.code === 'invalid_value' && field === 'kind') return `该文书的受文者应为${issue.values.map((v) => kindZh(String(v))).join('或')}`;
  if (issue.code === 'invalid_format' && field === 'caseId')
    return `“${String(issue.input)}”不是案件编号：应为 3–40 位大写字母、数字和连字符，如 TY-2026-000123`;
  return issueZh(issue);
}

function issuesOf(error: z.ZodError, docType: unknown): CaseIssue[] {
  const family = typeof docType === 'string' && isDocTypeId(docType) ? DOC_TYPES[docType].family : undefined;
  return error.issues.map((i) => {
    const path = pathOf(i.path);
    return { path, message: messageOf(i), messageZh: messageZhOf(i), label: i.path.length === 0 ? '案件' : fieldLabel(path, family) };
  });
}

export type CaseParse = { success: true; data: Case } | { success: false; error: CaseInvalidError };

/** Validates a case against its document type's schema and the policy rules. */
export function safeParseCase(input: unknown): CaseParse {
  const r = CaseSchema.safeParse(input, { reportInput: true });
  if (r.success) return { success: true, data: r.data };
  const caseId = typeof input === 'object' && input !== null && 'caseId' in input ? String(input.caseId) : undefined;
  return { success: false, error: new CaseInvalidError(issuesOf(r.error, docTypeIn(input)), caseId) };
}

/** Like safeParseCase, but throws CaseInvalidError (code CASE_INVALID). */
export function parseCase(input: unknown): Case {
  const r = safeParseCase(input);
  if (!r.success) throw r.error;
  return r.data;
}
