// DynamoDB dies under a running worker: the messages it was handling fail, come back after the
// visibility timeout, and after maxReceiveCount receives SQS moves them to the dead-letter queue
// — nothing is lost or half-done. Once DynamoDB answers again, `notice redrive` puts them back
// and every case ends with exactly one version.
//
// The worker reaches DynamoDB through a TCP relay that this test takes down and brings back on
// the same port: to the worker that is a dead server (connections refused), whichever emulator
// stands behind it.
import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runOpsCommand } from '../../cli/ops.js';
import { exampleCase } from '../../lambdas/catalogue/index.js';
import { createWorkerLogger } from '../../lambdas/handlers/logger.js';
import { createRenderBatchHandler } from '../../lambdas/handlers/render-batch.js';
import { queueDepth } from '../../local/drain.js';
import { localPipelineEnv } from '../../local/pipeline-env.js';
import { startSqsTrigger } from '../../local/sqs-trigger.js';
import { createPipelineClients, destroyPipelineClients } from '../../lambdas/pipeline/pipeline-clients.js';
import { workerConfig } from '../../lambdas/pipeline/config.js';
import { createPipelineDeps } from '../../lambdas/pipeline/deps.js';
import { IssueMessage, issueMessage, issueRequestId } from '../../lambdas/pipeline/messages.js';
import type { PipelineOutcome } from '../../lambdas/pipeline/outcome.js';
import { RenderQueue } from '../../lambdas/stores/render-queue.js';
import { freshResources } from './fixture.js';
import { waitFor } from './stack-process.js';

/** A TCP relay to `target` that can be taken down (refusing connections) and brought back on its port. */
class Relay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: URL) {}

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(Number(this.target.port), this.target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

const CASES = Array.from({ length: 30 }, (_, i) => `T-DEADDB-${String(i).padStart(2, '0')}`);
const endpoints = inject('localStack');
const relay = new Relay(new URL(endpoints.dynamodb));
await relay.up();
// Two receives, one second apart, before a message is dead: the test does not wait long.
const { clients, resources } = await freshResources({ maxReceiveCount: 2, visibilityTimeoutSeconds: 1 });
const env = localPipelineEnv({ ...endpoints, dynamodb: `http://127.0.0.1:${relay.port}` }, resources, { verifyBaseUrl: 'https://verify.example.test' });
const workerClients = createPipelineClients(workerConfig(env).aws);
const deps = createPipelineDeps(workerConfig(env), workerClients);
const outcomes: PipelineOutcome[] = [];
const trigger = startSqsTrigger({
  sqs: workerClients.sqs,
  queueUrl: resources.renderQueueUrl,
  queueArn: resources.renderQueueArn,
  waitTimeSeconds: 1,
  handler: createRenderBatchHandler(deps, {
    logger: createWorkerLogger({ logLevel: 'CRITICAL' }),
    observe: (o) => {
      outcomes.push(o);
      // Mid-run, whatever the machine's speed: DynamoDB goes as the second document is recorded.
      if (o.kind === 'recorded' && outcomes.filter((x) => x.kind === 'recorded').length === 2) void relay.down();
    },
  }),
  onError: () => {}, // receive errors while nothing answers are expected here
});
afterAll(async () => {
  await trigger.stop();
  destroyPipelineClients(workerClients);
  await relay.down();
});

describe('a dead DynamoDB under the running worker', () => {
  it('leaves every unfinished message in the dead-letter queue, and notice redrive then finishes each exactly once', { timeout: 300_000 }, async () => {
    for (const caseId of CASES) await deps.cases.putCase({ ...structuredClone(exampleCase('talent-scout-award')), caseId, status: 'APPROVED' });
    await new RenderQueue(clients.sqs, resources.renderQueueUrl, IssueMessage).sendBatch(CASES.map(issueMessage));
    const fresh = () => outcomes.flatMap((o) => (o.kind === 'recorded' && o.fresh ? [o.caseId] : []));
    // A write that DynamoDB committed but whose answer was cut off is recorded without a fresh
    // outcome: its message fails, and after the redrive the worker finds the version (not fresh).
    const recorded = () => new Set(outcomes.flatMap((o) => (o.kind === 'recorded' ? [o.caseId] : [])));
    // Each message is done or dead (one whose version was recorded just as the server went may be both).
    let dead = 0;
    await waitFor(
      'every unfinished message dead-lettered',
      async () => {
        dead = await queueDepth(clients.sqs, resources.deadLetterQueueUrl);
        const waiting = await queueDepth(clients.sqs, resources.renderQueueUrl);
        return waiting === 0 && trigger.stats().inFlight === 0 && dead + recorded().size >= CASES.length;
      },
      240_000,
    );
    expect(dead).toBeGreaterThan(0);

    await relay.up(); // DynamoDB is back
    const out: string[] = [];
    await runOpsCommand('redrive', {}, { out: (line) => out.push(line), progress: () => {}, env: { ...env, USER: 'ops.crash-test' } });
    expect(out.join('\n')).toContain(`moved ${dead} message(s)`);

    const state = async () => ({
      outcomes: outcomes.map(
        (o) => `${o.kind}${o.kind === 'recorded' ? (o.fresh ? '' : ' (again)') : o.kind === 'skipped' ? '' : ` ${o.code}`} ${o.caseId ?? ''}`,
      ),
      trigger: trigger.stats(),
      waiting: await queueDepth(clients.sqs, resources.renderQueueUrl),
      dead: await queueDepth(clients.sqs, resources.deadLetterQueueUrl),
    });
    await waitFor('every case issued', () => recorded().size === CASES.length, 120_000, state);
    await waitFor('the queue drained', async () => (await queueDepth(clients.sqs, resources.renderQueueUrl)) === 0, 60_000);
    // Exactly once: no case recorded fresh twice, and each has one version.
    expect(new Set(fresh()).size).toBe(fresh().length);
    for (const caseId of CASES) {
      const versions = await deps.versions.listVersions(caseId);
      expect(
        versions.map((v) => ({ version: v.version, requestId: v.requestId, status: v.status })),
        caseId,
      ).toEqual([{ version: 1, requestId: issueRequestId(caseId), status: 'CURRENT' }]);
      expect((await deps.cases.getCase(caseId))?.status, caseId).toBe('ISSUED');
    }
    expect(await queueDepth(clients.sqs, resources.deadLetterQueueUrl)).toBe(0);
  });
});
