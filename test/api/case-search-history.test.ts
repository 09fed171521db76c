// The staff API beyond one case's documents: searching by part of a case id, a name, a 文号, type,
// status and date; the recent-cases list; a case's audit trail with downloads recorded once per
// link per hour; issuing a failed case again once fixed; and a Chinese message for every error.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHINESE_MESSAGES } from '../../lambdas/api/error-messages.js';
import { signDownloadGrant } from '../../lambdas/api/download-grant.js';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { apiFixture, gatewayEvent, jsonOf, LINK_SECRET, STAFF_CLAIMS } from './fixture.js';

// The API's clock runs a day ahead of the worker's, so its download events sort after the versions.
let clock = new Date(Date.now() + 86_400_000);
const fx = await apiFixture({ now: () => clock });
await fx.issue('skill-grand-award', 'TY-FIND-0001', (c) => {
  (c.recipient as { name: string }).name = '李春花';
});
await fx.issue('platform-subsidy', 'TY-FIND-0002');
// A case whose first issue failed: an ID number with a wrong check digit.
await fx.seedCase('skill-grand-award', 'TY-FIND-0003', {
  change: (c) => {
    (c.recipient as { idNumber: string }).idNumber = '110105199001011230';
  },
});
await processRenderMessage(fx.deps, { messageId: 'm-find-3', body: JSON.stringify(issueMessage('TY-FIND-0003')) });

const staff = (input: Parameters<typeof gatewayEvent>[0]) => fx.call(gatewayEvent({ claims: STAFF_CLAIMS, ...input }));
const search = async (query: string) =>
  (jsonOf(await staff({ method: 'GET', path: '/cases', query })) as { cases: { caseId: string; recipientMasked: string }[] }).cases.map((c) => c.caseId);

describe('searching cases', () => {
  it('finds by part of a case id, part of a name, part of a 文号, and lists recent cases without a query', async () => {
    expect(await search('q=find-000')).toEqual(expect.arrayContaining(['TY-FIND-0001', 'TY-FIND-0002', 'TY-FIND-0003']));
    expect(await search(`q=${encodeURIComponent('春花')}`)).toEqual(['TY-FIND-0001']);
    const number = (await fx.deps.cases.getCase('TY-FIND-0002'))!.documentNumber!;
    expect(await search(`q=${encodeURIComponent(number.slice(0, -1))}`)).toContain('TY-FIND-0002');
    expect((await search('')).length).toBe(3);
  });

  it('narrows by document type, status and 成文日期 range, and refuses a bad filter', async () => {
    expect(await search('docType=platform-subsidy')).toEqual(['TY-FIND-0002']);
    expect(await search('status=FAILED')).toEqual(['TY-FIND-0003']);
    expect(await search('q=find&status=ISSUED&docType=skill-grand-award')).toEqual(['TY-FIND-0001']);
    expect(await search('from=2000-01-01&to=2000-12-31')).toEqual([]);
    const bad = await staff({ method: 'GET', path: '/cases', query: 'status=CURRENT' });
    expect(bad.statusCode).toBe(400);
    expect(jsonOf(bad)).toMatchObject({ code: 'INVALID_INPUT', messageZh: expect.stringMatching(/^填写的内容有误/) });
  });
});

describe('a case whose issue failed', () => {
  it('keeps the failure with a readable reason, and is issued again once fixed', async () => {
    const docs = jsonOf(await staff({ method: 'GET', path: '/cases/TY-FIND-0003/documents' })) as {
      case: { status: string; failure: { code: string; reason: string } };
    };
    expect(docs.case).toMatchObject({ status: 'FAILED', failure: { code: 'CASE_INVALID' } });
    expect(docs.case.failure.reason.length).toBeLessThanOrEqual(400);
    const stored = await fx.deps.cases.getCase('TY-FIND-0003');
    const fixed = structuredClone(stored!.data) as { recipient: { idNumber: string } };
    fixed.recipient.idNumber = '140106198512030002';
    await fx.deps.cases.putCase({ ...fixed, caseId: 'TY-FIND-0003', status: 'FAILED' });
    const retry = await staff({ method: 'POST', path: '/cases/TY-FIND-0003/issue' });
    expect(retry.statusCode).toBe(202);
    await fx.runWorker();
    expect((await fx.deps.cases.getCase('TY-FIND-0003'))?.status).toBe('ISSUED');
    const again = await staff({ method: 'POST', path: '/cases/TY-FIND-0003/issue' });
    expect(again.statusCode).toBe(409);
    expect(jsonOf(again)).toMatchObject({ code: 'ALREADY_ISSUED', messageZh: expect.stringContaining('重新生成') });
  });
});

describe('the audit trail', () => {
  it('lists issued, regenerated (who, why) and downloads, newest first; a link downloading in a loop is recorded once an hour', async () => {
    await staff({
      method: 'POST',
      path: '/cases/TY-FIND-0001/regenerate',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '更正姓名' }),
    });
    await fx.runWorker();
    const docId = (await fx.deps.versions.currentVersion('TY-FIND-0001', 'skill-grand-award'))!.docId;
    const token = signDownloadGrant(docId, new Date(clock.getTime() + 86_400_000), Buffer.from(LINK_SECRET));
    for (let i = 0; i < 25; i++)
      expect((await fx.call(gatewayEvent({ method: 'GET', path: `/d/${docId}/file`, query: `t=${token}` }))).statusCode).toBeLessThan(400);
    clock = new Date(clock.getTime() + 3_600_000);
    await fx.call(gatewayEvent({ method: 'GET', path: `/d/${docId}/file`, query: `t=${token}` }));

    const res = await staff({ method: 'GET', path: '/cases/TY-FIND-0001/history' });
    expect(res.statusCode).toBe(200);
    const { events } = jsonOf(res) as { events: { type: string; by: string; reason: string | null; version: number | null }[] };
    expect(events.map((e) => e.type)).toEqual(['DOWNLOADED', 'DOWNLOADED', 'REGENERATED', 'ISSUED']);
    expect(events[2]).toMatchObject({ by: 'clerk@example.test', reason: '更正姓名', version: 2 });
    expect(events[3]).toMatchObject({ by: 'pipeline', version: 1 });
    expect((await staff({ method: 'GET', path: '/cases/TY-NOPE-0000/history' })).statusCode).toBe(404);
  });
});

describe('error messages', () => {
  it('has a Chinese message for every error code the API answers with', () => {
    const codes = new Set<string>();
    for (const file of readdirSync('lambdas/api', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(join('lambdas/api', file), 'utf8').matchAll(/new ApiError\(\s*\d+,\s*'([A-Z_]+)'/g)) codes.add(m[1]!);
    }
    expect(codes.size).toBeGreaterThan(15);
    expect([...codes].filter((c) => !CHINESE_MESSAGES[c])).toEqual([]);
  });

  it('answers 401 with a Chinese message the console shows', async () => {
    const res = await fx.call(gatewayEvent({ method: 'GET', path: '/cases' }));
    expect(res.statusCode).toBe(401);
    expect(jsonOf(res)).toMatchObject({ code: 'UNAUTHENTICATED', messageZh: '请先登录（登录已失效或令牌无效）' });
  });
});
