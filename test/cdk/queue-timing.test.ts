import { describe, expect, it } from 'vitest';
import { renderQueueTiming } from '../../cdk/queue-timing.js';

describe('renderQueueTiming', () => {
  it('hides a received message for six worker timeouts plus the batching window', () => {
    expect(renderQueueTiming({ workerTimeoutSeconds: 30, batchingWindowSeconds: 1 })).toEqual({ visibilityTimeoutSeconds: 181 });
  });

  it('refuses a worker timeout whose visibility timeout SQS cannot hold', () => {
    expect(() => renderQueueTiming({ workerTimeoutSeconds: 900, batchingWindowSeconds: 300 })).not.toThrow();
    expect(() => renderQueueTiming({ workerTimeoutSeconds: 7300, batchingWindowSeconds: 0 })).toThrow(
      /43800 s, above SQS's 43200 s; lower workerTimeoutSeconds/,
    );
  });
});
