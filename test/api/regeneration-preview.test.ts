// Previewing a regeneration before committing it: the would-be PDF (a 样本, stored nowhere), what
// changed in the case since the current version, and a confirmation that is refused when the
// case changed after the preview. The preview takes no 发文字号 and writes, queues and stores nothing.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_PHOTO_KEY } from '../../lambdas/pipeline/photo.js';
import { placeholderPhoto } from '../../lambdas/render/card/placeholder-photo.js';
import { versionKey } from '../../lambdas/stores/keys.js';
import { apiFixture, gatewayEvent, jsonOf, STAFF_CLAIMS } from './fixture.js';

const fx = await apiFixture();
await fx.issue('skill-grand-award', 'TY-PREV-0001', (c) => {
  (c.recipient as { name: string }).name = '王晓东';
});
await fx.seedCase('skill-grand-award', 'TY-PREV-0002');
// A version recorded before versions kept their case: its item has no caseData.
await fx.issue('skill-grand-award', 'TY-PREV-0003');
await fx.clients.documents.send(
  new UpdateCommand({ TableName: fx.apiConfig.tableName, Key: versionKey('TY-PREV-0003', 'skill-grand-award', 1), UpdateExpression: 'REMOVE caseData' }),
);

const staff = (input: Parameters<typeof gatewayEvent>[0]) => fx.call(gatewayEvent({ claims: STAFF_CLAIMS, ...input }));
const preview = (caseId: string, body?: unknown) =>
  staff({
    method: 'POST',
    path: `/cases/${caseId}/regenerate/preview`,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });

async function changeCase(caseId: string, change: (c: Record<string, unknown>) => void): Promise<void> {
  const stored = await fx.deps.cases.getCase(caseId);
  const data = structuredClone(stored!.data) as Record<string, unknown>;
  change(data);
  await fx.deps.cases.putCase({ ...data, caseId, status: stored!.status });
}

interface Preview {
  documentNumber: string;
  caseUpdatedAt: string;
  current: { version: number };
  preview: { pdfBase64: string; bytes: number; pages: number };
  changes: { path: string; label: string; before: string | null; after: string | null }[] | null;
  templateChanged: boolean;
}

describe('previewing a regeneration', () => {
  it('renders the would-be PDF and lists the changed fields by their Chinese names, taking no number and writing nothing', async () => {
    await changeCase('TY-PREV-0001', (c) => {
      (c.recipient as { name: string; employer?: string }).name = '王晓冬';
      (c.recipient as { employer?: string }).employer = '太原钢铁（集团）有限公司';
    });
    const before = await fx.deps.cases.getCase('TY-PREV-0001');
    const objectsBefore = await fx.objectKeys('documents/TY-PREV-0001/');

    const res = await preview('TY-PREV-0001');
    expect(res.statusCode).toBe(200);
    const body = jsonOf(res) as unknown as Preview;
    expect(body.documentNumber).toBe(before!.documentNumber);
    expect(body.current.version).toBe(1);
    const pdf = Buffer.from(body.preview.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBe(body.preview.bytes);
    expect(body.preview.pages).toBeGreaterThanOrEqual(1);
    expect(body.changes).toEqual([
      { path: 'recipient.name', label: '获奖人姓名（名称）', before: '王晓东', after: '王晓冬' },
      { path: 'recipient.employer', label: '工作单位', before: '太原重型机械集团有限公司', after: '太原钢铁（集团）有限公司' },
    ]);
    expect(body.templateChanged).toBe(false);

    // Nothing happened: no queued request, no new object, no version, the same case record.
    expect(await fx.queuedBodies()).toEqual([]);
    expect(await fx.objectKeys('documents/TY-PREV-0001/')).toEqual(objectsBefore);
    expect((await fx.deps.versions.listVersions('TY-PREV-0001')).length).toBe(1);
    expect(await fx.deps.cases.getCase('TY-PREV-0001')).toEqual(before);
  });

  it('commits the previewed regeneration, and refuses to commit once the case changed after the preview', async () => {
    const seen = jsonOf(await preview('TY-PREV-0001', { docType: 'skill-grand-award' })) as unknown as Preview;
    const regenerate = (previewedCaseAt: string) =>
      staff({
        method: 'POST',
        path: '/cases/TY-PREV-0001/regenerate',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: '更正姓名', previewedCaseAt }),
      });
    await changeCase('TY-PREV-0001', (c) => {
      (c.recipient as { employer?: string }).employer = '山西焦煤集团有限责任公司';
    });
    const stale = await regenerate(seen.caseUpdatedAt);
    expect(stale.statusCode).toBe(409);
    expect(jsonOf(stale)).toMatchObject({ code: 'CASE_CHANGED', messageZh: expect.stringContaining('重新预览') });
    expect(await fx.queuedBodies()).toEqual([]);

    const fresh = jsonOf(await preview('TY-PREV-0001')) as unknown as Preview;
    expect((await regenerate(fresh.caseUpdatedAt)).statusCode).toBe(202);
    await fx.runWorker();
    const versions = await fx.deps.versions.listVersions('TY-PREV-0001');
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    // The new version recorded its case: the next preview has nothing to list.
    expect((jsonOf(await preview('TY-PREV-0001')) as unknown as Preview).changes).toEqual([]);
  });

  it('says why a case that no longer validates cannot be previewed, in Chinese and naming the field', async () => {
    await changeCase('TY-PREV-0001', (c) => {
      (c.amounts as { award: number }).award = 400000;
    });
    const res = await preview('TY-PREV-0001');
    expect(res.statusCode).toBe(422);
    expect(jsonOf(res)).toMatchObject({ code: 'CASE_INVALID', messageZh: expect.stringContaining('奖励金额') });
  });

  it('shows the pages but no list of changes for a version that did not record its case', async () => {
    const res = await preview('TY-PREV-0003');
    expect(res.statusCode).toBe(200);
    const body = jsonOf(res) as unknown as Preview & { current: { pdfBase64: string | null } };
    expect(body.changes).toBeNull();
    expect(
      Buffer.from(body.current.pdfBase64 ?? '', 'base64')
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  });

  it('refuses a case with no issued document, and an unknown case', async () => {
    const unissued = await preview('TY-PREV-0002');
    expect(unissued.statusCode).toBe(409);
    expect(jsonOf(unissued)).toMatchObject({ code: 'NOT_ISSUED' });
    expect((await preview('TY-PREV-9999')).statusCode).toBe(404);
  });
});

describe('the console’s PDF viewer files', () => {
  it('serves pdf.js and its worker from our own origin, and nothing else from that folder', async () => {
    for (const file of ['pdf.min.mjs', 'pdf.worker.min.mjs']) {
      const res = await fx.call(gatewayEvent({ method: 'GET', path: `/staff/pdfjs/${file}` }));
      expect(res.statusCode).toBe(200);
      expect(res.headers?.['content-type']).toMatch(/^text\/javascript/);
      expect(Buffer.from(res.body ?? '', res.isBase64Encoded ? 'base64' : 'utf8').length).toBeGreaterThan(100_000);
    }
    expect((await fx.call(gatewayEvent({ method: 'GET', path: '/staff/pdfjs/package.json' }))).statusCode).toBe(404);
  });

  it('previews a card that names a photo, with the photo the card carries', async () => {
    await fx.deps.bucket.putPhoto(PLACEHOLDER_PHOTO_KEY, placeholderPhoto(), 'image/png');
    await fx.issue('talent-green-card', 'TY-PREV-CARD', (c) => {
      (c.details as { photoKey?: string }).photoKey = PLACEHOLDER_PHOTO_KEY;
    });
    const res = await preview('TY-PREV-CARD');
    expect(res.statusCode).toBe(200);
    expect((jsonOf(res) as unknown as Preview).preview.pages).toBeGreaterThan(0);
  });
});
