import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordVersion } from '../../lambdas/pipeline/versions.js';
import { DocumentVersionsTable } from '../../lambdas/stores/versions-table.js';
import type { VersionDraft } from '../../lambdas/stores/versions-table.js';
import { freshResources } from '../local/fixture.js';
import { auditEvents as readAuditEvents } from '../support/audit.js';

const { clients, config } = await freshResources();
const versions = new DocumentVersionsTable(clients.documents, config.tableName);

function draft(caseId: string, requestId: string, overrides: Partial<VersionDraft> = {}): VersionDraft {
  const sha256 = createHash('sha256').update(requestId).digest('hex');
  return {
    caseId,
    docType: 'skill-grand-award',
    docId: `D-${requestId}`,
    documentNumber: '并人才奖〔2026〕17号',
    s3Key: `documents/${caseId}/skill-grand-award/${requestId}.pdf`,
    sha256,
    bytes: 48_213,
    pages: 2,
    templateHash: 'tpl-1',
    fontPackHash: 'fonts-1',
    requestId,
    reason: '案件批准后首次签发',
    requestedBy: 'system',
    issuedAt: '2026-11-24T08:00:00.000Z',
    ...overrides,
  };
}

const auditEvents = (caseId: string) => readAuditEvents(clients.documents, config.tableName, caseId);

describe('recordVersion', () => {
  it('gives twenty concurrent regenerations versions 2 to 21 with exactly one CURRENT', async () => {
    const caseId = 'V-CONCURRENT';
    const first = await recordVersion(versions, draft(caseId, 'req-initial'));
    expect(first.record).toMatchObject({ version: 1, status: 'CURRENT' });

    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => recordVersion(versions, draft(caseId, `req-regen-${i}`, { reason: '模板修正' }))));
    expect(results.map((r) => r.record.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));

    const all = await versions.listVersions(caseId);
    expect(all.map((v) => v.version)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(all.filter((v) => v.status === 'CURRENT').map((v) => v.version)).toEqual([21]);
    expect((await versions.currentVersion(caseId, 'skill-grand-award'))?.version).toBe(21);

    const events = await auditEvents(caseId);
    expect(events.filter((e) => e.type === 'ISSUED')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'REGENERATED')).toHaveLength(20);
  });

  it('records one version for a request id delivered twice, even at the same moment', async () => {
    const caseId = 'V-IDEMPOTENT';
    const [a, b] = await Promise.all([recordVersion(versions, draft(caseId, 'req-dup')), recordVersion(versions, draft(caseId, 'req-dup'))]);
    const again = await recordVersion(versions, draft(caseId, 'req-dup'));
    expect([a.record.version, b.record.version, again.record.version]).toEqual([1, 1, 1]);
    expect([a.fresh, b.fresh].filter(Boolean)).toHaveLength(1);
    expect(again.fresh).toBe(false);
    expect(await versions.listVersions(caseId)).toHaveLength(1);
    expect(await auditEvents(caseId)).toHaveLength(1);
  });

  it('finds a version by its docId through the byDocId index', async () => {
    const caseId = 'V-DOCID';
    await recordVersion(versions, draft(caseId, 'req-docid-1'));
    await recordVersion(versions, draft(caseId, 'req-docid-2'));
    const found = await versions.getByDocId('D-req-docid-1');
    expect(found).toMatchObject({ caseId, version: 1, status: 'SUPERSEDED', docId: 'D-req-docid-1' });
    expect(found?.supersededAt).toBeDefined();
    expect(await versions.getByDocId('D-nothing')).toBeUndefined();
  });

  it('keeps the versions of each document type apart', async () => {
    const caseId = 'V-TYPES';
    await recordVersion(versions, draft(caseId, 'req-type-a'));
    const other = await recordVersion(versions, draft(caseId, 'req-type-b', { docType: 'approval-letter' }));
    expect(other.record).toMatchObject({ version: 1, status: 'CURRENT' });
    expect((await versions.listVersions(caseId, 'approval-letter')).map((v) => v.docType)).toEqual(['approval-letter']);
    expect(await versions.listVersions(caseId)).toHaveLength(2);
    expect((await versions.currentVersion(caseId, 'skill-grand-award'))?.status).toBe('CURRENT');
  });

  it('rejects a draft whose sha256 is not 64 hex digits, naming the field', async () => {
    await expect(recordVersion(versions, draft('V-BAD', 'req-bad', { sha256: 'abc' }))).rejects.toMatchObject({
      code: 'STORE_INPUT_INVALID',
      message: expect.stringContaining('sha256'),
    });
  });
});
