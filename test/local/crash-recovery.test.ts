// `npm start -- --data DIR` killed with SIGKILL — the whole process group, emulators included —
// at several points of a run, then started again on the same DIR: nothing is lost. Every case,
// version, number, object and queued message is there once the restarted stack has drained, and
// every recorded version's object has the recorded sha256 (the worker puts the object before it
// records the version, and the local stack answers a write only once it is stored).
//
// The run: 120 approved cases issued (killed twice on the way), then a bulk regeneration of their
// document type, started as the console starts one (killed once mid-run, and twice more while the
// stack is still starting). The bulk run must end finished, every request with its outcome.
import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { bulkProgress } from '../../lambdas/api/bulk-progress.js';
import { createBulkDeps, planBulkRegeneration, startBulkRegeneration } from '../../lambdas/api/bulk-regeneration.js';
import { exampleCase } from '../../lambdas/catalogue/index.js';
import { queueDepth } from '../../local/drain.js';
import { issueRequestId } from '../../lambdas/pipeline/messages.js';
import { bulkRequestId } from '../../lambdas/stores/bulk-jobs-table.js';
import type { VersionRecord } from '../../lambdas/stores/versions-table.js';
import { spawnStack, startStack, waitFor } from './stack-process.js';
import type { RunningStack, SpawnedStack } from './stack-process.js';
import { tempDir } from '../support/temp-dirs.js';

const PREFIX = 'T-CRASH-';
const CASES = Array.from({ length: 120 }, (_, i) => `${PREFIX}${String(i).padStart(3, '0')}`);
const DOC_TYPE = 'talent-scout-award';

const dataDir = tempDir('notice-crash-data-');
const workDir = tempDir('notice-crash-work-');
const running = new Set<SpawnedStack>();
afterAll(async () => {
  for (const stack of running) await stack.kill();
});

async function start(): Promise<RunningStack> {
  const stack = await startStack({ dataDir, workDir });
  running.add(stack);
  return stack;
}

async function killWhen(stack: SpawnedStack, what: string, condition: () => boolean): Promise<void> {
  await waitFor(what, condition, 180_000, () => stack.lines.slice(-40));
  await stack.kill();
  running.delete(stack);
}

/** Every case item in the table (sk CASE), by id. */
async function caseIds(stack: RunningStack): Promise<string[]> {
  const ids: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await stack.clients.documents.send(
      new ScanCommand({ TableName: stack.ops.tableName, FilterExpression: 'sk = :case', ExpressionAttributeValues: { ':case': 'CASE' }, ExclusiveStartKey }),
    );
    for (const item of page.Items ?? []) ids.push(String(item.caseId));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return ids.sort();
}

async function versionsOf(stack: RunningStack, ids: readonly string[]): Promise<Map<string, VersionRecord[]>> {
  const all = await Promise.all(ids.map(async (id) => [id, (await stack.deps.versions.listVersions(id)).sort((a, b) => a.version - b.version)] as const));
  return new Map(all);
}

describe('the local stack with a data folder, killed with SIGKILL and started again', () => {
  it('loses no case, version, number, object, message or bulk run, and every version has its object with the recorded sha256', {
    timeout: 1_500_000,
  }, async () => {
    // 1. Approve 120 cases; kill once a few are issued.
    let stack = await start();
    for (const caseId of CASES) {
      await stack.deps.cases.putCase({ ...structuredClone(exampleCase(DOC_TYPE)), caseId, status: 'APPROVED' });
    }
    const first = stack;
    await killWhen(first, 'the first issued documents', () => first.recorded(PREFIX) >= 6);
    expect(first.recorded(PREFIX), 'killed part-way').toBeLessThan(CASES.length);

    // 2. Start again; kill once a few more are issued (the rest: in the queue, in flight, or
    //    approved with the stream record not yet forwarded).
    stack = await start();
    const second = stack;
    // (On a fast machine the first run may have left fewer than that: then kill it once drained.)
    const drained = (line: string) => /^documents \(download links valid|^no documents issued yet/.test(line);
    await killWhen(second, 'more issued documents', () => second.recorded(PREFIX) >= 6 || second.lines.some(drained));

    // 3. Start again; let every case be issued, then start a bulk regeneration of their document
    //    type as the console and the CLI do (dry run, then start with its count and fingerprint),
    //    and kill part-way through it.
    stack = await start();
    const third = stack;
    await waitFor('every case issued', async () => [...(await versionsOf(third, CASES)).values()].every((versions) => versions.length >= 1));
    const before = third.recorded(PREFIX);
    let last = third; // the running stack the bulk run's parts talk to
    const bulk = () =>
      createBulkDeps(
        last.clients.documents,
        last.clients.sqs,
        { tableName: last.ops.tableName, renderQueueUrl: last.ops.renderQueueUrl },
        { info: () => {}, warn: () => {}, error: () => {} },
      );
    const plan = await planBulkRegeneration(bulk(), { docType: DOC_TYPE });
    expect(plan.count, 'our cases and the seeded example of the type').toBe(CASES.length + 1);
    const { bulkId } = await startBulkRegeneration(
      bulk(),
      { filters: { docType: DOC_TYPE }, reason: '批量重新生成（崩溃测试）', expectedCount: plan.count, fingerprint: plan.fingerprint },
      'crash-test',
      'cli',
    );
    await killWhen(third, 'the first regenerated documents', () => third.recorded(PREFIX) >= before + 8);
    expect(third.recorded(PREFIX) - before, 'killed part-way').toBeLessThan(CASES.length);

    // 4. Kill it twice while it is starting: as the emulators open the kept data, and as the
    //    worker begins taking the kept messages.
    for (const moment of [/^starting the local stack/, /^local Pipe reads the table's stream/]) {
      const starting = spawnStack({ dataDir, workDir });
      running.add(starting);
      await starting.waitForLine(moment);
      await starting.kill();
      running.delete(starting);
    }

    // 5. Start again and let it drain.
    last = await start();
    await waitFor('every regeneration recorded and the queues empty', async () => {
      const versions = await versionsOf(last, CASES);
      if (![...versions.values()].every((v) => v.length >= 2)) return false;
      return (await queueDepth(last.clients.sqs, last.ops.renderQueueUrl)) === 0;
    });

    // Each of our cases: issued once, regenerated once, by the requests that were sent.
    const ours = await versionsOf(last, CASES);
    for (const caseId of CASES) {
      const versions = ours.get(caseId) ?? [];
      expect(
        versions.map((v) => ({ version: v.version, status: v.status, requestId: v.requestId })),
        caseId,
      ).toEqual([
        { version: 1, status: 'SUPERSEDED', requestId: issueRequestId(caseId) },
        { version: 2, status: 'CURRENT', requestId: bulkRequestId(bulkId, caseId) },
      ]);
      expect(versions[1]!.documentNumber, `${caseId} keeps its 文号`).toBe(versions[0]!.documentNumber);
      expect((await last.deps.cases.getCase(caseId))?.status, caseId).toBe('ISSUED');
    }

    // Every case in the table (ours and the examples `npm start` seeds): each version's object is
    // in the bucket with the recorded sha256, and no two cases share a 文号.
    const everything = await versionsOf(last, await caseIds(last));
    expect([...everything.keys()].filter((id) => id.startsWith(PREFIX))).toEqual(CASES);
    const numbers = new Map<string, string>();
    for (const [caseId, versions] of everything) {
      expect(versions.length, `${caseId} has a version`).toBeGreaterThan(0);
      for (const version of versions) {
        const stored = await last.deps.bucket.getDocument(version.s3Key);
        const actual = stored ? createHash('sha256').update(stored.bytes).digest('hex') : 'missing';
        expect({ object: actual, metadata: stored?.sha256 }, `${caseId} v${version.version}`).toEqual({ object: version.sha256, metadata: version.sha256 });
        const holder = numbers.get(version.documentNumber) ?? caseId;
        expect(holder, `文号 ${version.documentNumber}`).toBe(caseId);
        numbers.set(version.documentNumber, caseId);
      }
    }
    // The bulk run is finished, every request done.
    expect(await bulkProgress(bulk(), bulkId)).toMatchObject({ total: CASES.length + 1, done: CASES.length + 1, failed: 0, waiting: 0, finished: true });
    // Nothing dead-lettered on the way: every message was processed.
    expect(await queueDepth(last.clients.sqs, last.ops.deadLetterQueueUrl)).toBe(0);
  });
});
