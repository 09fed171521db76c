// The policy catalogue: document types, case schemas and policy rules, and the helpers for
// money, resident ID numbers and credit codes that every stage shares.
export { CASE_SCHEMAS, CaseInvalidError, DOC_TYPE_IDS, isDocTypeId, parseCase, safeParseCase } from './case.js';
export type { Case, DocTypeId } from './case.js';
export { DOC_TYPES, docTypeName, docTypeOf } from './doc-types.js';
export type { DocTypeInfo } from './doc-types.js';
export { EXAMPLE_CASES, exampleCase } from './examples.js';
export type { CaseInput } from './examples.js';
export { checkIdNumber, makeIdNumber, maskIdNumber } from './id-number.js';
export { checkCreditCode, makeCreditCode } from './credit-code.js';
export { formatYuan, uppercaseYuan, yuanToFen } from './money.js';
export { gbDate } from './dates.js';
export { POLICY_NUMBER } from './policy.js';
