// What the API shows of a stored case: its type, status, number, recipient (a person's name
// masked where lists and public pages show it) and the last failure. Read leniently — a case that
// no longer passes the catalogue's rules must still be listable, so staff can see and fix it —
// and never with the ID number or credit code, which no response carries.
import * as z from 'zod';
import { DOC_TYPE_IDS, DOC_TYPES } from '../catalogue/index.js';
import type { DocTypeId } from '../catalogue/index.js';
import type { StoredCase } from '../stores/cases-table.js';
import { maskIdNumbers } from '../catalogue/id-number.js';
import { normaliseName, normaliseText } from '../catalogue/text.js';
import { maskPersonName } from './mask-name.js';

const CaseFields = z.looseObject({
  docType: z.enum(DOC_TYPE_IDS),
  approvedOn: z.string().optional(),
  recipient: z.looseObject({ kind: z.enum(['person', 'organisation']), name: z.string() }).optional(),
  failure: z.object({ code: z.string(), reason: z.string(), at: z.string() }).optional(),
  updatedAt: z.string().optional(),
});

export interface CaseSummary {
  caseId: string;
  status: string;
  docType: DocTypeId | null;
  typeName: string;
  approvedOn: string | null;
  documentNumber: string | null;
  recipientKind: 'person' | 'organisation' | null;
  /** 张*明 for a person; an organisation's name in full (it is not personal information). */
  recipientMasked: string;
  failure: { code: string; reason: string; at: string } | null;
}

export interface CaseDetail extends CaseSummary {
  /** The full name, for staff checking a correction; never on public pages or in lists. */
  recipientName: string;
}

/** The recipient as the document prints it (normalised like the case field), masked where it is a person. */
function maskRecipient(kind: 'person' | 'organisation' | undefined, name: string): string {
  return kind === 'organisation' ? normaliseText(name) : maskPersonName(normaliseName(name));
}

export function caseDetail(stored: StoredCase): CaseDetail {
  const parsed = CaseFields.safeParse(stored.data);
  const f = parsed.success ? parsed.data : undefined;
  const name = f?.recipient?.name ?? '';
  return {
    caseId: stored.caseId,
    status: stored.status,
    docType: f?.docType ?? null,
    typeName: f ? DOC_TYPES[f.docType].nameZh : '（无法识别的文书类型）',
    approvedOn: f?.approvedOn ?? null,
    documentNumber: stored.documentNumber ?? null,
    recipientKind: f?.recipient?.kind ?? null,
    recipientMasked: name ? maskRecipient(f?.recipient?.kind, name) : '',
    recipientName: name,
    failure: f?.failure ? { ...f.failure, reason: maskIdNumbers(f.failure.reason) } : null,
  };
}

export function caseSummary(stored: StoredCase): CaseSummary {
  const { recipientName: _name, ...summary } = caseDetail(stored);
  return summary;
}
