// Render-queue messages, versioned: every body carries `v`, so a later shape can be added beside
// this one and old messages in flight stay readable.
//  - issue: a case became APPROVED (from the stream pipe, or `notice issue`). Its request id is
//    derived from the case, so every delivery of "issue case X" is one request: the pipe's
//    repeats, a redelivery and an operator's `notice issue` all dedupe to one version.
//  - regenerate: staff ask for a new version of a case's document, saying why and who asks.
import * as z from 'zod';
import { DOC_TYPE_IDS } from '../catalogue/index.js';
import { describeIssues } from '../zod-issues.js';
import { KeyPart } from '../stores/keys.js';

export const IssueMessage = z.strictObject({
  v: z.literal(1),
  kind: z.literal('issue'),
  caseId: KeyPart,
  requestId: KeyPart,
});
export type IssueMessage = z.infer<typeof IssueMessage>;

export const RegenerateMessage = z.strictObject({
  v: z.literal(1),
  kind: z.literal('regenerate'),
  caseId: KeyPart,
  /** When given, the case's document type must be this one (bulk regeneration names it). */
  docType: z.enum(DOC_TYPE_IDS).optional(),
  requestId: KeyPart,
  reason: z.string().trim().min(1, 'say why the document is regenerated').max(1000),
  requestedBy: z.string().trim().min(1, 'say who asked for it').max(200),
});
export type RegenerateMessage = z.infer<typeof RegenerateMessage>;

export const RenderMessage = z.discriminatedUnion('kind', [IssueMessage, RegenerateMessage]);
export type RenderMessage = z.infer<typeof RenderMessage>;

/** The one request id of "issue case X"; the pipe's input template builds the same string. */
export function issueRequestId(caseId: string): string {
  return `issue-${caseId}`;
}

export function issueMessage(caseId: string): IssueMessage {
  return { v: 1, kind: 'issue', caseId, requestId: issueRequestId(caseId) };
}

export type MessageParse = { ok: true; message: RenderMessage } | { ok: false; reason: string };

/** Reads a queue body: JSON, then the schema. A failure says what is wrong, field by field. */
export function parseRenderMessage(body: string): MessageParse {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return { ok: false, reason: `the body is not JSON (${(error as Error).message})` };
  }
  const version = typeof json === 'object' && json !== null && 'v' in json ? json.v : undefined;
  if (version !== 1) {
    return { ok: false, reason: `v: ${JSON.stringify(version) ?? 'missing'} is not a message version this worker reads (it reads v 1)` };
  }
  const parsed = RenderMessage.safeParse(json);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error.issues) };
  return { ok: true, message: parsed.data };
}
