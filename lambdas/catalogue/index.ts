// The policy catalogue: document types, case schemas and policy rules, and the helpers for
// money, resident ID numbers and credit codes that every stage shares.
export { CASE_SCHEMAS, CaseInvalidError, CaseSchema, parseCase, safeParseCase } from './case.js';
export type { Case, CaseIssue, CaseOf, CaseParse } from './case.js';
export { DOC_TYPES, NUMBER_PREFIX, docTypeOf } from './doc-types.js';
export type { DocFamily, DocTypeInfo } from './doc-types.js';
export { DOC_TYPE_IDS, isDocTypeId } from './envelope.js';
export type { DocTypeId } from './envelope.js';
export { EXAMPLE_CASES, exampleCase } from './examples.js';
export type { CaseInput } from './examples.js';
export { checkIdNumber, idBirthDate, idCheckCharacter, makeIdNumber, maskIdNumber, maskIdNumbers, normaliseIdNumber } from './id-number.js';
export { CREDIT_CODE_CHARSET, checkCreditCode, creditCodeCheckCharacter, makeCreditCode, normaliseCreditCode } from './credit-code.js';
export { MAX_FEN, fenToYuan, formatYuan, uppercaseYuan, yuanToFen } from './money.js';
export { gbDate } from './dates.js';
export { normaliseText, toHalfWidth } from './text.js';
export { POLICY_NUMBER, POLICY_TITLE } from './policy.js';
