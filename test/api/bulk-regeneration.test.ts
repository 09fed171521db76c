// Bulk regeneration through the API, against the local stack: the dry run, a start that must
// carry the dry run's count and fingerprint, the job list, progress that counts only outcomes,
// the CSV failure report, cancel and resume, and the sweeper that finishes a run whose sender died.
import { PurgeQueueCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { planBulkRegeneration, startBulkRegeneration, sweepBulkRuns } from '../../lambdas/api/bulk-regeneration.js';
import type { BulkDeps } from '../../lambdas/api/bulk-regeneration.js';
import { queueDepth } from '../../local/drain.js';
import { RegenerateMessage } from '../../lambdas/pipeline/messages.js';
import { BulkJobsTable } from '../../lambdas/stores/bulk-jobs-table.js';
import { RejectionsTable } from '../../lambdas/stores/rejections-table.js';
import { apiFixture, gatewayEvent, jsonOf, STAFF_CLAIMS, textOf } from './fixture.js';

const fx = await apiFixture();
const TYPE = 'talent-scout-award';
for (const id of ['TY-BULK-0001', 'TY-BULK-0002', 'TY-BULK-0003']) await fx.issue(TYPE, id);
await fx.issue('platform-subsidy', 'TY-BULK-OTHER');

/** The run in which TY-BULK-0002 failed (later fixed). */
let failedRun = '';
const depth = () => queueDepth(fx.clients.sqs, fx.apiConfig.renderQueueUrl);
const staff = (input: Parameters<typeof gatewayEvent>[0]) => fx.call(gatewayEvent({ claims: STAFF_CLAIMS, ...input }));
const post = (path: string, body?: unknown) =>
  staff({ method: 'POST', path, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });

interface Plan {
  count: number;
  fingerprint: string;
  typeName: string;
  earliest: string;
  latest: string;
  examples: { caseId: string }[];
}
interface Progress {
  bulkId: string;
  total: number;
  done: number;
  failed: number;
  waiting: number;
  cancelled: number;
  finished: boolean;
  cancelledBy: string | null;
  failures: { caseId: string; code: string; reason: string }[];
}

async function dryRun(body: Record<string, unknown> = { docType: TYPE }): Promise<Plan> {
  const res = await post('/regenerations/dry-run', body);
  expect(res.statusCode).toBe(200);
  return jsonOf(res) as unknown as Plan;
}
const progress = async (bulkId: string) => jsonOf(await staff({ method: 'GET', path: `/regenerations/${bulkId}` })) as unknown as Progress;
async function start(reason: string): Promise<string> {
  const plan = await dryRun();
  const res = await post('/regenerations', { docType: TYPE, reason, expectedCount: plan.count, fingerprint: plan.fingerprint });
  expect(res.statusCode).toBe(202);
  return String(jsonOf(res).bulkId);
}

describe('a bulk regeneration', () => {
  it('starts with a dry run that counts the documents, gives their dates and examples, and queues nothing', async () => {
    const plan = await dryRun();
    expect(plan).toMatchObject({ count: 3, typeName: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(plan.earliest <= plan.latest).toBe(true);
    expect(plan.examples.map((e) => e.caseId)).toEqual(['TY-BULK-0001', 'TY-BULK-0002', 'TY-BULK-0003']);
    expect(plan.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect((await dryRun({ docType: TYPE, approvedFrom: '2000-01-01', approvedTo: '2000-12-31' })).count).toBe(0);
    expect(await depth()).toBe(0);
  });

  it('refuses a start without the dry run’s count and fingerprint, or with a count that no longer matches', async () => {
    const plan = await dryRun();
    expect((await post('/regenerations', { docType: TYPE, reason: '模板更正' })).statusCode).toBe(400);
    const wrongCount = await post('/regenerations', { docType: TYPE, reason: '模板更正', expectedCount: 2, fingerprint: plan.fingerprint });
    expect(wrongCount.statusCode).toBe(409);
    expect(jsonOf(wrongCount).code).toBe('PLAN_CHANGED');
    const stale = await post('/regenerations', { docType: TYPE, reason: '模板更正', expectedCount: 3, fingerprint: 'a'.repeat(64) });
    expect(jsonOf(stale).code).toBe('PLAN_CHANGED');
    const none = await post('/regenerations', { docType: 'postdoc-station', reason: '模板更正', expectedCount: 1, fingerprint: 'b'.repeat(64) });
    expect(none.statusCode).toBe(409);
    expect(await depth()).toBe(0);
  });

  it('queues one request per document when confirmed; confirming the same plan again starts nothing', async () => {
    const plan = await dryRun();
    const body = { docType: TYPE, reason: '模板更正', expectedCount: plan.count, fingerprint: plan.fingerprint };
    const first = await post('/regenerations', body);
    expect(first.statusCode).toBe(202);
    expect(jsonOf(first)).toMatchObject({ enqueued: 3, started: true });
    const again = await post('/regenerations', body);
    expect(again.statusCode).toBe(200);
    expect(jsonOf(again)).toMatchObject({ bulkId: jsonOf(first).bulkId, enqueued: 0, started: false });
    expect(await depth()).toBe(3);

    const bulkId = String(jsonOf(first).bulkId);
    expect(await progress(bulkId)).toMatchObject({ total: 3, done: 0, waiting: 3, finished: false });
    await fx.runWorker();
    expect(await progress(bulkId)).toMatchObject({ total: 3, done: 3, failed: 0, waiting: 0, finished: true });
    // After the run the cases changed: the old confirmation answers with the run it started, never a second one.
    expect(jsonOf(await post('/regenerations', body))).toMatchObject({ bulkId, started: false });
    expect(await depth()).toBe(0);
  });

  it('lists runs newest first with who, when, why and progress', async () => {
    const res = await staff({ method: 'GET', path: '/regenerations' });
    expect(res.statusCode).toBe(200);
    const { runs } = jsonOf(res) as { runs: (Progress & { reason: string; requestedBy: string; source: string; createdAt: string })[] };
    expect(runs[0]).toMatchObject({ reason: '模板更正', requestedBy: 'clerk@example.test', source: 'api', total: 3, done: 3, finished: true });
  });

  it('reports a case that fails in the run, with its reason, in the progress and in a CSV Excel can open', async () => {
    // TY-BULK-0002 now has an ID number that fails its check digit: its regeneration fails.
    const stored = await fx.deps.cases.getCase('TY-BULK-0002');
    const data = structuredClone(stored!.data) as { recipient: { idNumber: string } };
    data.recipient.idNumber = '110105199001011230';
    await fx.deps.cases.putCase({ ...data, caseId: 'TY-BULK-0002', status: stored!.status });
    const bulkId = await start('再次更正');
    failedRun = bulkId;
    await fx.runWorker();
    const p = await progress(bulkId);
    expect(p).toMatchObject({ total: 3, done: 2, failed: 1, waiting: 0, finished: true });
    expect(p.failures).toEqual([{ caseId: 'TY-BULK-0002', code: 'CASE_INVALID', reason: expect.any(String) }]);
    expect(p.failures[0]!.reason).not.toContain('110105199001011230');

    const csv = await staff({ method: 'GET', path: `/regenerations/${bulkId}/failures.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers?.['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(csv.headers?.['content-disposition'])).toContain('attachment');
    const text = textOf(csv);
    expect(text.startsWith('\uFEFF案件编号,错误代码,原因\r\n')).toBe(true);
    expect(text).toContain('TY-BULK-0002,CASE_INVALID,');
    // Put the case right again for the next tests.
    await fx.deps.cases.putCase({ ...(stored!.data as object), caseId: 'TY-BULK-0002', status: 'ISSUED' });
  });

  it('cancels a run: the worker leaves its requests undone; a resume sends them again and finishes it', async () => {
    const bulkId = await start('取消测试');
    const cancelled = await post(`/regenerations/${bulkId}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(jsonOf(cancelled)).toMatchObject({ cancelledBy: 'clerk@example.test', cancelled: 3, waiting: 0, finished: true });
    const before = await fx.deps.versions.currentVersion('TY-BULK-0001', TYPE);
    expect((await fx.runWorker()).map((o) => o.kind)).toEqual(['skipped', 'skipped', 'skipped']);
    expect((await fx.deps.versions.currentVersion('TY-BULK-0001', TYPE))?.version).toBe(before?.version);

    const resumed = await post(`/regenerations/${bulkId}/resume`);
    expect(jsonOf(resumed)).toMatchObject({ cancelledAt: null, waiting: 3, finished: false });
    await fx.runWorker();
    expect(await progress(bulkId)).toMatchObject({ done: 3, finished: true });
    const finished = await post(`/regenerations/${bulkId}/cancel`);
    expect(finished.statusCode).toBe(409);
    expect(jsonOf(finished).code).toBe('BULK_FINISHED');
  });

  it('is finished by the sweeper when its sender died after recording it: resent requests make no second version', async () => {
    const bulkId = await start('发送方崩溃');
    // The sender "dies": its messages never reach the worker.
    await fx.clients.sqs.send(new PurgeQueueCommand({ QueueUrl: fx.apiConfig.renderQueueUrl }));
    expect(await depth()).toBe(0);
    expect(await progress(bulkId)).toMatchObject({ waiting: 3, finished: false });

    const versionsBefore = (await fx.deps.versions.listVersions('TY-BULK-0001')).length;
    expect((await sweepBulkRuns(fx.apiDeps, 60_000)).resent).toEqual({}); // too early: nothing is resent
    // The earlier run's failed case was fixed since: its request is sent again too.
    expect((await sweepBulkRuns(fx.apiDeps, 0)).resent).toEqual({ [bulkId]: 3, [failedRun]: 1 });
    const bodies = (await fx.queuedBodies()).map((b) => RegenerateMessage.parse(JSON.parse(b)));
    expect(bodies.map((b) => b.requestId).sort()).toEqual(
      [`bulk-${failedRun}-TY-BULK-0002`, ...['TY-BULK-0001', 'TY-BULK-0002', 'TY-BULK-0003'].map((id) => `bulk-${bulkId}-${id}`)].sort(),
    );
    // A second sweep before the worker ran: the same requests twice in the queue.
    await sweepBulkRuns(fx.apiDeps, 0);
    await fx.runWorker();
    expect(await progress(bulkId)).toMatchObject({ total: 3, done: 3, waiting: 0, finished: true });
    expect(await progress(failedRun)).toMatchObject({ total: 3, done: 3, failed: 0, finished: true });
    expect((await fx.deps.versions.listVersions('TY-BULK-0001')).length).toBe(versionsBefore + 1);
    expect((await sweepBulkRuns(fx.apiDeps, 0)).resent).toEqual({});
  });

  it('answers 404 for an unknown run and 400 for an id that cannot be one', async () => {
    const unknown = await staff({ method: 'GET', path: `/regenerations/${'0'.repeat(32)}` });
    expect(unknown.statusCode).toBe(404);
    expect(jsonOf(unknown).code).toBe('BULK_NOT_FOUND');
    expect((await staff({ method: 'GET', path: '/regenerations/not-an-id' })).statusCode).toBe(400);
    expect((await post(`/regenerations/${'0'.repeat(32)}/resume`)).statusCode).toBe(404);
  });

  it('selects by 成文日期 range through the index: only the cases dated within it', async () => {
    const all = await dryRun();
    const onDay = await dryRun({ docType: TYPE, approvedFrom: all.earliest, approvedTo: all.earliest });
    expect(onDay.count).toBeGreaterThanOrEqual(1);
    expect(onDay.latest).toBe(all.earliest);
    expect((await dryRun({ docType: TYPE, approvedFrom: all.earliest })).count).toBe(3);
    expect((await dryRun({ docType: TYPE, approvedTo: all.latest })).count).toBe(3);
  });

  it('keeps a larger run in parts: the start queues the first part, the sweeper the rest, and the run finishes once', async () => {
    // Parts of two cases, so three cases make two parts.
    const deps: BulkDeps = { ...fx.apiDeps, bulkJobs: new BulkJobsTable(fx.clients.documents, fx.apiConfig.tableName, 2) };
    const plan = await planBulkRegeneration(deps, { docType: TYPE });
    const accepted = await startBulkRegeneration(
      deps,
      { filters: { docType: TYPE }, reason: '分批排队', expectedCount: plan.count, fingerprint: plan.fingerprint },
      'clerk@example.test',
      'api',
    );
    expect(accepted).toMatchObject({ enqueued: 2, total: 3, started: true });
    expect(await depth()).toBe(2);
    expect((await deps.bulkJobs.parts(accepted.bulkId)).map((p) => [p.caseIds.length, p.queuedAt !== undefined])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(await progress(accepted.bulkId)).toMatchObject({ total: 3, waiting: 3 });

    const swept = await sweepBulkRuns(deps, 60_000);
    expect(swept).toEqual({ queued: { [accepted.bulkId]: 1 }, resent: {} });
    expect(await depth()).toBe(3);
    expect((await sweepBulkRuns(deps, 60_000)).queued).toEqual({}); // queued once
    await fx.runWorker();
    expect(await progress(accepted.bulkId)).toMatchObject({ total: 3, done: 3, failed: 0, waiting: 0, finished: true });
  });

  it('is queued whole by the sweeper when its sender died after recording it, before queueing anything', async () => {
    const deps: BulkDeps = { ...fx.apiDeps, bulkJobs: new BulkJobsTable(fx.clients.documents, fx.apiConfig.tableName, 2) };
    const plan = await planBulkRegeneration(deps, { docType: TYPE });
    const at = new Date().toISOString();
    const caseIds = ['TY-BULK-0001', 'TY-BULK-0002', 'TY-BULK-0003'];
    // What a sender records before it queues; it dies there.
    const job = {
      bulkId: plan.fingerprint.slice(0, 32),
      docType: TYPE,
      reason: '发送方崩溃',
      requestedBy: 'clerk@example.test',
      source: 'api',
      createdAt: at,
      caseIds,
      enqueuedAt: at,
      resends: 0,
    } as const;
    expect(await deps.bulkJobs.create(job)).toBe(true);
    expect(await depth()).toBe(0);
    expect((await sweepBulkRuns(deps, 60_000)).queued).toEqual({ [job.bulkId]: 3 });
    expect(await depth()).toBe(3);
    // The confirmed plan now answers with that run; it is not started twice.
    const again = await startBulkRegeneration(
      deps,
      { filters: { docType: TYPE }, reason: '再试', expectedCount: plan.count, fingerprint: plan.fingerprint },
      'clerk@example.test',
      'api',
    );
    expect(again).toMatchObject({ bulkId: job.bulkId, enqueued: 0, started: false });
    await fx.runWorker();
    expect(await progress(job.bulkId)).toMatchObject({ total: 3, done: 3, finished: true });
  });

  it('leaves the unqueued parts of a cancelled run alone, and queues them once on resume', async () => {
    const deps: BulkDeps = { ...fx.apiDeps, bulkJobs: new BulkJobsTable(fx.clients.documents, fx.apiConfig.tableName, 2) };
    const plan = await planBulkRegeneration(deps, { docType: TYPE });
    const { bulkId } = await startBulkRegeneration(
      deps,
      { filters: { docType: TYPE }, reason: '取消后继续', expectedCount: plan.count, fingerprint: plan.fingerprint },
      'clerk@example.test',
      'api',
    );
    expect((await post(`/regenerations/${bulkId}/cancel`)).statusCode).toBe(200);
    expect(await sweepBulkRuns(deps, 0)).toEqual({ queued: {}, resent: {} });
    expect((await fx.runWorker()).map((o) => o.kind)).toEqual(['skipped', 'skipped']);

    expect(jsonOf(await post(`/regenerations/${bulkId}/resume`))).toMatchObject({ total: 3, waiting: 3 });
    expect(await depth()).toBe(3);
    expect((await deps.bulkJobs.parts(bulkId)).every((p) => p.queuedAt !== undefined)).toBe(true);
    expect((await sweepBulkRuns(deps, 60_000)).queued).toEqual({});
    await fx.runWorker();
    expect(await progress(bulkId)).toMatchObject({ total: 3, done: 3, finished: true });
  });

  it('reports a request the worker rejected after the run started, and not one rejected before, in the list and the progress', async () => {
    const stored = await fx.deps.cases.getCase('TY-BULK-0003');
    await fx.deps.cases.putCase({ ...(stored!.data as object), caseId: 'TY-BULK-0003', status: stored!.status }); // a new plan
    const bulkId = await start('拒绝测试');
    const createdAt = Date.parse(((await progress(bulkId)) as unknown as { createdAt: string }).createdAt);
    const rejectedAt = (ms: number) => new RejectionsTable(fx.clients.documents, fx.apiConfig.tableName, () => new Date(ms));
    const rejection = (caseId: string) => ({ messageId: `m-${bulkId}-${caseId}`, code: 'CASE_NOT_ISSUABLE', reason: '测试', body: '{}', caseId });
    // After the earlier runs started, before this one: read for the list, counted for those runs only.
    await rejectedAt(createdAt - 1).record(rejection('TY-BULK-0001'));
    await rejectedAt(createdAt + 1).record(rejection('TY-BULK-0003'));
    const expected = [{ caseId: 'TY-BULK-0003', code: 'REJECTED', reason: expect.any(String) }];
    expect((await progress(bulkId)).failures).toEqual(expected);
    const { runs } = jsonOf(await staff({ method: 'GET', path: '/regenerations' })) as unknown as { runs: Progress[] };
    expect(runs.find((r) => r.bulkId === bulkId)).toMatchObject({ failed: 1, waiting: 2, failures: expected });
    await fx.runWorker();
  });
});
