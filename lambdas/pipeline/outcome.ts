// What handling one render message came to. Every outcome here is final for its message (the
// queue deletes it); a fault worth retrying is thrown instead, never returned.
// Plain data only, so an outcome can cross a worker-thread boundary and go into a log line.

export interface StepTimings {
  /** Reading the case and, for redeliveries and regenerations, the request marker / current version. */
  loadMs: number;
  numberMs: number;
  renderMs: number;
  /** PutObject, including the sha256 comparison of a redelivered put. */
  storeMs: number;
  /** The version transaction, the ISSUED status and the notification. */
  recordMs: number;
  totalMs: number;
}

export interface RecordedOutcome {
  kind: 'recorded';
  /** False when an earlier delivery of this request had already recorded the version. */
  fresh: boolean;
  caseId: string;
  docType: string;
  docId: string;
  version: number;
  documentNumber: string;
  s3Key: string;
  sha256: string;
  bytes: number;
  pages: number;
  requestId: string;
  timings: StepTimings;
  /** Set when telling subscribers failed; the version stands. */
  notifyError?: string;
}

/** Nothing to do: the case already has its document (say why). */
interface SkippedOutcome {
  kind: 'skipped';
  caseId: string;
  reason: string;
}

/** The case cannot have its document as it stands: marked FAILED with this reason, no document. */
export interface FailedOutcome {
  kind: 'failed';
  caseId: string;
  code: string;
  reason: string;
}

/** The message cannot be acted on (bad body, no such case, a request the case cannot take): recorded as rejected. */
export interface RejectedOutcome {
  kind: 'rejected';
  caseId?: string;
  code: string;
  reason: string;
}

export type PipelineOutcome = RecordedOutcome | SkippedOutcome | FailedOutcome | RejectedOutcome;
