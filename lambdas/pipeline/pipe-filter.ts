// The EventBridge Pipe from the table's stream to the render queue: which stream records become
// `issue` messages, and how a record is shaped into one. ONE definition: the CDK stack's CfnPipe
// uses it (FilterCriteria, InputTemplate), and so does the local Pipe (local/pipe-poller.ts)
// through a small evaluator of exactly these pattern features (lambdas/pipeline/event-pattern.ts).
//
// A record passes when a case item (sk = CASE) *becomes* APPROVED:
//  - INSERT with status APPROVED;
//  - MODIFY whose new image is APPROVED and whose old image was not (or had no status).
// Writing the 发文字号 onto an APPROVED case is a MODIFY that still says APPROVED in both images:
// it must not issue the case a second time. REMOVE never passes.
// Values are DynamoDB JSON in the stream record ({"S": "APPROVED"}), hence the `.S` levels.

const CASE_ITEM = { sk: { S: ['CASE'] } };
const NOW_APPROVED = { status: { S: ['APPROVED'] } };

export const RENDER_PIPE_FILTER_PATTERN = {
  $or: [
    { eventName: ['INSERT'], dynamodb: { Keys: CASE_ITEM, NewImage: NOW_APPROVED } },
    {
      eventName: ['MODIFY'],
      dynamodb: { Keys: CASE_ITEM, NewImage: NOW_APPROVED, OldImage: { status: { S: [{ 'anything-but': ['APPROVED'] }] } } },
    },
    // `exists` works on leaves only, so "no status before" is asked of status.S.
    { eventName: ['MODIFY'], dynamodb: { Keys: CASE_ITEM, NewImage: NOW_APPROVED, OldImage: { status: { S: [{ exists: false }] } } } },
  ],
} as const;

/** CfnPipe SourceParameters.FilterCriteria. */
export const RENDER_PIPE_FILTER_CRITERIA = { filters: [{ pattern: JSON.stringify(RENDER_PIPE_FILTER_PATTERN) }] };

/**
 * CfnPipe TargetParameters.InputTemplate: an `issue` message (lambdas/pipeline/messages.ts). The
 * request id is derived from the case (`issue-<caseId>`, as issueRequestId builds it), so every
 * delivery of one approval — and an operator's `notice issue` — is one request.
 */
export const RENDER_PIPE_INPUT_TEMPLATE =
  '{"v": 1, "kind": "issue", "caseId": "<$.dynamodb.NewImage.caseId.S>", "requestId": "issue-<$.dynamodb.NewImage.caseId.S>"}';
