// The render queue's visibility timeout, derived from the worker's as AWS advises: at least six
// times the function timeout, plus the event source's batching window, so Lambda can retry a
// throttled batch before the messages reappear
// (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html).

export interface WorkerTiming {
  workerTimeoutSeconds: number;
  batchingWindowSeconds: number;
}

/** SQS's ceiling for a visibility timeout: 12 hours. */
const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;

export function renderQueueTiming({ workerTimeoutSeconds, batchingWindowSeconds }: WorkerTiming): { visibilityTimeoutSeconds: number } {
  const visibilityTimeoutSeconds = 6 * workerTimeoutSeconds + batchingWindowSeconds;
  if (visibilityTimeoutSeconds > MAX_VISIBILITY_TIMEOUT_SECONDS) {
    throw new RangeError(
      `a worker timeout of ${workerTimeoutSeconds} s needs a visibility timeout of ${visibilityTimeoutSeconds} s, above SQS's ${MAX_VISIBILITY_TIMEOUT_SECONDS} s; lower workerTimeoutSeconds`,
    );
  }
  return { visibilityTimeoutSeconds };
}
