// The documents the bench renders: the one-page award notice and five-page approval letter.
// Warm loops render a different recipient every time (name, ID number or credit code), as a
// worker does in production: no recipient comes back within a run, so no cache on either side of
// a comparison (ours, or Typst's memoisation) can make a repeated document look fast, and the
// figures stay comparable to renders of the example case itself (variant 0).
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

// Names are made from parts, so variants 1 … 41,472 each name a different person and 1 … 2,048 a different institute.
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '韩',
  '冯',
  '邓',
  '曹',
  '欧阳',
  '司马',
  '上官',
];
const GIVEN = [...'伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰萍红鹏飞建国志晓海燕斌东'];
const EMPLOYERS = ['太原重型机械集团有限公司', '太原钢铁（集团）有限公司', '山西焦煤集团有限责任公司', '中国铁路太原局集团有限公司'];
const DISTRICTS = ['太原市', '小店区', '迎泽区', '杏花岭区', '尖草坪区', '万柏林区', '晋源区', '清徐县'];
const FIELDS = [
  '产业技术',
  '新材料产业',
  '智能制造',
  '能源革命',
  '生物医药',
  '数字经济',
  '轨道交通',
  '节能环保',
  '现代农业',
  '信息安全',
  '精细化工',
  '高端装备',
  '文化旅游',
  '氢能',
  '半导体',
  '煤基新材料',
];
const KINDS = ['研究院', '研究所', '技术中心', '创新中心'];
const FOCUS = ['', '应用', '工程', '协同'];

/** The i-th of the names the parts make (i ≥ 1): surname first, then one given character, then two. */
function personName(i: number): string {
  const n = i - 1;
  const s = SURNAMES[n % SURNAMES.length]!;
  const first = GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]!;
  const second = Math.floor(n / (SURNAMES.length * GIVEN.length));
  return second === 0 ? s + first : s + first + GIVEN[(second - 1) % GIVEN.length]!;
}

function instituteName(i: number): string {
  const n = i - 1;
  const field = FIELDS[n % FIELDS.length]!;
  const district = DISTRICTS[Math.floor(n / FIELDS.length) % DISTRICTS.length]!;
  const kind = KINDS[Math.floor(n / (FIELDS.length * DISTRICTS.length)) % KINDS.length]!;
  const focus = FOCUS[Math.floor(n / (FIELDS.length * DISTRICTS.length * KINDS.length)) % FOCUS.length]!;
  return district + field + focus + kind;
}

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
    recipient.name = personName(i);
    // The birth date's day and the sequence number: a different ID number for each of the first 28,000 variants.
    recipient.idNumber = makeIdNumber(`140106198512${pad((Math.floor(i / 1000) % 28) + 1, 2)}${pad(i % 1000, 3)}`);
    recipient.employer = EMPLOYERS[i % EMPLOYERS.length];
  } else {
    recipient.name = instituteName(i);
    recipient.creditCode = makeCreditCode(`12140100MB00${pad(i % 100000, 5)}`);
  }
  return { ...base, caseId: `TY-BENCH-${pad(i, 6)}`, recipient };
}

/** The 发文字号 every bench render uses: the CLI's placeholder (prefix, year of approval, 1), so the CLI renders the same bytes. */
export function benchNumber(id: BenchDocumentId): string {
  const type = BENCH_DOCUMENTS[id].docType;
  return formatDocumentNumber(DOC_TYPES[type].numberPrefix, Number(exampleCase(type).approvedOn.slice(0, 4)), 1, DOC_TYPES[type].numberDigits);
}
