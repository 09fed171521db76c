// The fields every case has, whatever its document type. Type-specific data goes under
// `details`, approved money under `amounts` (yuan; every amounts object carries its `total`).
import * as z from 'zod';
import { isoDate, rule, text } from './fields.js';
import { POLICY_YEAR } from './policy.js';

const envelope = {
  caseId: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{3,40}$/, { error: (i) => `“${String(i.input)}” is not a case id: 3–40 capital letters, digits and hyphens, e.g. TY-2026-000123` }),
  /** 成文日期: the document's date, fixed by the case so that rendering is deterministic. */
  approvedOn: isoDate.check(
    rule(
      (d) => d >= `${POLICY_YEAR}-01-01`,
      (d) => `${d} is before ${POLICY_YEAR}, when 并发〔2018〕2号 was issued`,
      (d) => `${d} 早于并发〔2018〕2号发布的 ${POLICY_YEAR} 年`,
    ),
  ),
  /** 抄送机关, in the order printed. */
  copyTo: z.array(text(40)).min(1).max(20).optional(),
};

/**
 * One document type's case schema. The top level strips keys it does not know (storage
 * attributes such as pk, sk, status travel with a stored case); nested objects are strict, so a
 * misspelt detail is reported rather than dropped.
 */
export function caseSchema<const T extends string, S extends z.core.$ZodLooseShape>(docType: T, shape: S) {
  return z.object({ docType: z.literal(docType), ...envelope, ...shape });
}
