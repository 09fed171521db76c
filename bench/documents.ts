// The documents the bench renders: the one-page award notice and five-page approval letter.
// Warm loops render a different recipient each time (name, ID number or credit code), as a
// worker does in production: a cache keyed by whole strings cannot make a repeated document look
// fast, and the figures stay comparable to renders of the example case itself (variant 0).
import { formatDocumentNumber } from '../lambdas/catalogue/document-number.js';
import { DOC_TYPES, exampleCase, makeCreditCode, makeIdNumber, type DocTypeId } from '../lambdas/catalogue/index.js';

export const BENCH_DOCUMENTS = {
  'award-notice': { docType: 'skill-grand-award', label: 'award notice (中华技能大奖)' },
  'approval-letter': { docType: 'staffing-pool-approval', label: 'approval letter (周转编制批复)' },
} as const satisfies Record<string, { docType: DocTypeId; label: string }>;

export type BenchDocumentId = keyof typeof BENCH_DOCUMENTS;

export const BENCH_DOCUMENT_IDS = Object.keys(BENCH_DOCUMENTS) as BenchDocumentId[];

export function isBenchDocumentId(s: string): s is BenchDocumentId {
  return Object.hasOwn(BENCH_DOCUMENTS, s);
}

const PEOPLE = ['王建国', '李秀英', '张伟', '刘洋', '陈静', '杨帆', '赵敏', '黄晓明', '周杰', '吴桂芳', '徐志强', '孙丽娟', '马骏', '朱海燕', '胡斌', '郭晓东'];
const EMPLOYERS = ['太原重型机械集团有限公司', '太原钢铁（集团）有限公司', '山西焦煤集团有限责任公司', '中国铁路太原局集团有限公司'];
const INSTITUTES = ['太原市产业技术研究院', '太原市新材料产业研究院', '太原市智能制造研究院', '太原市能源革命研究院'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * The example case of the document's type with recipient number `i` (0 = the example as is).
 * Every variant is a valid case: check characters are computed, names come from the font's range.
 */
export function benchCase(id: BenchDocumentId, i: number): unknown {
  const base = exampleCase(BENCH_DOCUMENTS[id].docType) as unknown as Record<string, unknown> & { recipient: Record<string, unknown> };
  if (i === 0) return base;
  const recipient = { ...base.recipient };
  if (recipient.kind === 'person') {
    recipient.name = PEOPLE[i % PEOPLE.length];
    recipient.idNumber = makeIdNumber(`14010619851203${pad(i % 1000, 3)}`);
    recipient.employer = EMPLOYERS[i % EMPLOYERS.length];
  } else {
    recipient.name = INSTITUTES[i % INSTITUTES.length];
    recipient.creditCode = makeCreditCode(`12140100MB00${pad(i % 100000, 5)}`);
  }
  return { ...base, caseId: `TY-BENCH-${pad(i, 6)}`, recipient };
}

/** The 发文字号 every bench render uses: the CLI's placeholder (prefix, year of approval, 1), so the CLI renders the same bytes. */
export function benchNumber(id: BenchDocumentId): string {
  const type = BENCH_DOCUMENTS[id].docType;
  return formatDocumentNumber(DOC_TYPES[type].numberPrefix, Number(exampleCase(type).approvedOn.slice(0, 4)), 1, DOC_TYPES[type].numberDigits);
}
