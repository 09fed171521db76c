// notice revoke | photo put — the card's operations for people (第十二条 人才服务“绿卡”), beside
// ops.ts: revoke a card with a reason (the same use case as the console's button), and store a
// holder's photo in the documents bucket under a key the case then names.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { revokeCard, RevokeBody } from '../lambdas/api/card-revocation.js';
import { beijingMinute } from '../lambdas/beijing-time.js';
import { describeIssues } from '../lambdas/zod-issues.js';
import type { PipelineClients } from '../lambdas/pipeline/pipeline-clients.js';
import type { OpsConfig } from '../lambdas/pipeline/config.js';
import { checkPhoto } from '../lambdas/pipeline/photo.js';
import { CardRevocations } from '../lambdas/stores/card-revocations.js';
import { CasesTable } from '../lambdas/stores/cases-table.js';
import { DocumentsBucket } from '../lambdas/stores/documents-bucket.js';
import { DocumentVersionsTable } from '../lambdas/stores/versions-table.js';
import { NoticeError } from '../lambdas/errors.js';

/** Wrong or missing arguments, or a refusal a person fixes: exit 2 with the reason. */
class CardOpsError extends NoticeError {
  readonly code = 'USAGE';
}

export interface CardOpsContext {
  config: OpsConfig;
  clients: PipelineClients;
  out: (line: string) => void;
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** `notice revoke <caseId> --reason "…"`: revokes once; a second time says when and why it was revoked. */
export async function revokeCommand(ctx: CardOpsContext, caseId: string, reason: string | undefined, by: string): Promise<void> {
  const body = RevokeBody.safeParse({ reason: reason ?? '' });
  if (!body.success) throw new CardOpsError(`revoke needs --reason "…": ${describeIssues(body.error.issues)}`);
  const deps = {
    cases: new CasesTable(ctx.clients.documents, ctx.config.tableName),
    versions: new DocumentVersionsTable(ctx.clients.documents, ctx.config.tableName),
    revocations: new CardRevocations(ctx.clients.documents, ctx.config.tableName),
    publicBaseUrl: ctx.config.verifyBaseUrl ?? '',
    now: () => new Date(),
    log: quiet,
  };
  try {
    const answer = await revokeCard(deps, caseId, body.data, by);
    const when = beijingMinute(answer.revokedAt ?? '');
    ctx.out(
      answer.revokedNow
        ? `revoked: ${answer.documentNumber} (case ${caseId}, version ${answer.version}) at ${when} (北京时间) by ${answer.revokedBy}; its verification page now says 已注销`
        : `already revoked at ${when} (北京时间) by ${answer.revokedBy}, reason “${answer.revokedReason}”; nothing changed (the first revocation stands)`,
    );
    if (ctx.config.verifyBaseUrl) ctx.out(`verification page: ${answer.verifyUrl}`);
  } catch (error) {
    // The API's refusals (no such case, not a card, not issued) are the person's to fix.
    if (error instanceof NoticeError && 'status' in error) throw new CardOpsError(error.message);
    throw error;
  }
}

/**
 * `notice photo put <caseId> <file>`: checks the photo as the worker will, stores it write-once
 * under photos/<caseId>-<first 12 hex of its sha256>.<png|jpg> (the same file again is a no-op)
 * and prints the key for the case's details.photoKey.
 */
export async function photoPutCommand(ctx: CardOpsContext, caseId: string, file: string): Promise<void> {
  if (!ctx.config.bucketName) throw new CardOpsError('photo put needs NOTICE_BUCKET_NAME (the documents bucket)');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CardOpsError(`${file}: cannot be read (${(error as Error).message})`);
  }
  let info;
  try {
    info = checkPhoto(bytes, file);
  } catch (error) {
    throw new CardOpsError((error as Error).message);
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  const key = `photos/${caseId}-${sha.slice(0, 12)}.${info.format === 'png' ? 'png' : 'jpg'}`;
  const bucket = new DocumentsBucket(ctx.clients.s3, ctx.config.bucketName);
  const put = await bucket.putPhoto(key, bytes, info.format === 'png' ? 'image/png' : 'image/jpeg');
  ctx.out(`${put.created ? 'stored' : 'already stored'}: ${key} (${info.format.toUpperCase()}, ${info.width}×${info.height} px, ${bytes.length} bytes)`);
  ctx.out(`set the case's details.photoKey to "${key}", then issue it (or regenerate it) to print the photo on the card`);
}
