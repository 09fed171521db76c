// Errors of the AWS adapters. Each names the table, bucket or queue, the key and the rule.
import type * as z from 'zod';
import { NoticeError } from '../errors.js';
import { describeIssues } from '../zod-issues.js';

/** The case a message or request names is not in the table. */
export class CaseNotFoundError extends NoticeError {
  readonly code = 'CASE_NOT_FOUND';
  constructor(
    readonly caseId: string,
    tableName: string,
  ) {
    super(`case ${caseId}: no item CASE#${caseId} in table ${tableName}; check the case id or whether the case system has written it`);
  }
}

/** Input to a store that breaks its rules (an id with “#”, a negative byte count). */
export class StoreInputError extends NoticeError {
  readonly code = 'STORE_INPUT_INVALID';
}

/** An item read back from the table that does not have the shape this code wrote. */
export class StoredItemInvalidError extends NoticeError {
  readonly code = 'STORED_ITEM_INVALID';
}

/** The item as `schema` reads it; else a StoredItemInvalidError naming it (`what`), the table and what is wrong. */
export function parseStored<T>(schema: z.ZodType<T>, item: unknown, what: string, tableName: string): T {
  const parsed = schema.safeParse(item);
  if (!parsed.success) throw new StoredItemInvalidError(`${what} in table ${tableName}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

/** Another document already sits under this S3 key: a document is never overwritten. */
export class DocumentConflictError extends NoticeError {
  readonly code = 'DOCUMENT_EXISTS';
  constructor(
    readonly key: string,
    bucket: string,
    existingSha256: string | undefined,
    newSha256: string,
  ) {
    super(
      `s3://${bucket}/${key} already holds a document with sha256 ${existingSha256 ?? '(none recorded)'}, ` +
        `not ${newSha256}; documents are never overwritten: issue a new version under a new key`,
    );
  }
}

/** Too many concurrent writers on one counter or one case: worth retrying later. */
export class WriteContentionError extends NoticeError {
  readonly code = 'WRITE_CONTENTION';
  override readonly permanent = false;
}

/** SQS refused some messages of a send. */
export class QueueSendError extends NoticeError {
  readonly code = 'QUEUE_SEND_FAILED';
  override readonly permanent = false;
}
