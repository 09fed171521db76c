// The case: one discriminated union over every document type, and the one way to parse it.
import { z } from 'zod';
import { NoticeError } from '../errors.js';
import { TalentApartmentAllocation } from './allocations.js';
import { GreenCard } from './cards.js';
import { AcademicianWorkstation, AdvancedTeamSubsidy, HrParkRentFree, PlatformSubsidy, PostdocStation, SkillMasterStudio, StaffingPoolApproval } from './approvals.js';
import { CityTalentTitle, NationalTechnicalExpert, SkillGrandAward, TalentScoutAward } from './awards.js';
import { DOC_TYPE_IDS, type DocTypeId } from './envelope.js';
import {
  AcademicianPackage,
  ExpertPackage,
  FlexibleAllowance,
  GraduateHousingSubsidy,
  GraduateLivingSubsidy,
  GraduateResearchFund,
  VillageGraduateSettling,
} from './subsidies.js';

/** Each document type's schema, by id (the template test walks these). */
export const CASE_SCHEMAS = {
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
} as const satisfies Record<DocTypeId, z.ZodType>;

const CaseSchema = z.discriminatedUnion('docType', [
  TalentScoutAward,
  SkillGrandAward,
  NationalTechnicalExpert,
  CityTalentTitle,
  AcademicianPackage,
  ExpertPackage,
  FlexibleAllowance,
  GraduateLivingSubsidy,
  GraduateHousingSubsidy,
  GraduateResearchFund,
  VillageGraduateSettling,
  PlatformSubsidy,
  AcademicianWorkstation,
  PostdocStation,
  SkillMasterStudio,
  StaffingPoolApproval,
  HrParkRentFree,
  AdvancedTeamSubsidy,
  TalentApartmentAllocation,
  GreenCard,
]);

export type Case = z.output<typeof CaseSchema>;
export interface CaseIssue {
  /** Where in the case, e.g. `amounts.award`, `details.posts[3].count`. */
  path: string;
  message: string;
}

/** A case that a document cannot be issued from; the message lists every problem. */
export class CaseInvalidError extends NoticeError {
  readonly code = 'CASE_INVALID';
  constructor(
    readonly issues: readonly CaseIssue[],
    caseId?: string,
  ) {
    // One line: it is what a clerk reads in a log, on the case and in the CLI's exit message.
    super(`case ${caseId ?? '(no caseId)'} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
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
      return issue.message;
    default:
      return issue.message;
  }
}

function issuesOf(error: z.ZodError): CaseIssue[] {
  return error.issues.map((i) => ({ path: pathOf(i.path), message: messageOf(i) }));
}

export type CaseParse = { success: true; data: Case } | { success: false; error: CaseInvalidError };

/** Validates a case against its document type's schema and the policy rules. */
export function safeParseCase(input: unknown): CaseParse {
  const r = CaseSchema.safeParse(input, { reportInput: true });
  if (r.success) return { success: true, data: r.data };
  const caseId = typeof input === 'object' && input !== null && 'caseId' in input ? String(input.caseId) : undefined;
  return { success: false, error: new CaseInvalidError(issuesOf(r.error), caseId) };
}

/** Like safeParseCase, but throws CaseInvalidError (code CASE_INVALID). */
export function parseCase(input: unknown): Case {
  const r = safeParseCase(input);
  if (!r.success) throw r.error;
  return r.data;
}
