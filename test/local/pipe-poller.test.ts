import { inject } from 'vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerLogger } from '../../lambdas/handlers/logger.js';
import { createRenderBatchHandler } from '../../lambdas/handlers/render-batch.js';
import { createLocalStreamsClient } from '../../local/emulator-clients.js';
import { waitUntilDrained } from '../../local/drain.js';
import { startPipePoller } from '../../local/pipe-poller.js';
import { startSqsTrigger } from '../../local/sqs-trigger.js';
import type { PipelineOutcome } from '../../lambdas/pipeline/outcome.js';
import { pipelineFixture } from '../pipeline/fixture.js';

const fx = await pipelineFixture();
const streams = createLocalStreamsClient(inject('localStack').dynamodb);
const errors: unknown[] = [];
const outcomes: PipelineOutcome[] = [];
const poller = startPipePoller({
  streams,
  streamArn: fx.resources.tableStreamArn,
  sqs: fx.clients.sqs,
  queueUrl: fx.resources.renderQueueUrl,
  idleDelayMs: 50,
  onError: (e) => errors.push(e),
});
const trigger = startSqsTrigger({
  sqs: fx.clients.sqs,
  queueUrl: fx.resources.renderQueueUrl,
  queueArn: fx.resources.renderQueueArn,
  waitTimeSeconds: 1,
  handler: createRenderBatchHandler(fx.deps, { logger: createWorkerLogger({ logLevel: 'SILENT' }), observe: (o) => outcomes.push(o) }),
  onError: (e) => errors.push(e),
});
afterAll(async () => {
  await Promise.all([poller.stop(), trigger.stop()]);
  streams.destroy();
});

const drained = () => waitUntilDrained({ sqs: fx.clients.sqs, queueUrl: fx.resources.renderQueueUrl, trigger, poller, timeoutMs: 30_000 });

describe('the local Pipe', () => {
  it('issues a case written as APPROVED once, although writing its number and status modifies the item twice more', async () => {
    await fx.seedCase('talent-scout-award', 'T-PIPE-1');
    expect(await drained()).toBe(true);
    const caseItem = await fx.deps.cases.getCase('T-PIPE-1');
    expect(caseItem).toMatchObject({ status: 'ISSUED', documentNumber: expect.stringMatching(/^并人才奖〔2026〕\d+号$/) });
    expect(await fx.deps.versions.listVersions('T-PIPE-1')).toHaveLength(1);
    // INSERT (sent), MODIFY with the number (dropped), MODIFY to ISSUED (dropped), plus the version,
    // request and audit items (dropped): one message.
    expect(poller.stats().sent).toBe(1);
    expect(outcomes.filter((o) => o.kind === 'recorded' && o.caseId === 'T-PIPE-1')).toHaveLength(1);
  });

  it('issues a case that becomes APPROVED later, and not one written in another status', async () => {
    await fx.seedCase('postdoc-station', 'T-PIPE-2', { status: 'DRAFT' });
    expect(await drained()).toBe(true);
    expect((await fx.deps.cases.getCase('T-PIPE-2'))?.status).toBe('DRAFT');
    await fx.deps.cases.putCase({ ...((await fx.deps.cases.getCase('T-PIPE-2'))!.data as { caseId: string }), status: 'APPROVED' });
    expect(await drained()).toBe(true);
    expect((await fx.deps.cases.getCase('T-PIPE-2'))?.status).toBe('ISSUED');
    expect(poller.stats().sent).toBe(2);
    expect(errors).toEqual([]);
  });
});
