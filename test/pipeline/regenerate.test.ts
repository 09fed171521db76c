import { describe, expect, it } from 'vitest';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import type { RegenerateMessage } from '../../lambdas/pipeline/messages.js';
import type { PipelineOutcome, RecordedOutcome } from '../../lambdas/pipeline/outcome.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { pipelineFixture } from './fixture.js';

const fx = await pipelineFixture();
const { deps } = fx;

function recorded(outcome: PipelineOutcome): RecordedOutcome {
  if (outcome.kind !== 'recorded') throw new Error(`expected a recorded version, got ${JSON.stringify(outcome)}`);
  return outcome;
}

async function issued(caseId: string, docType: Parameters<typeof fx.seedCase>[0] = 'flexible-allowance'): Promise<RecordedOutcome> {
  await fx.seedCase(docType, caseId);
  return recorded(await processRenderMessage(deps, { messageId: `issue-${caseId}`, body: JSON.stringify(issueMessage(caseId)) }));
}

function regenerate(caseId: string, requestId: string, extra: Partial<RegenerateMessage> = {}): Promise<PipelineOutcome> {
  const message: RegenerateMessage = { v: 1, kind: 'regenerate', caseId, requestId, reason: '模板修正', requestedBy: 'clerk.wang', ...extra };
  return processRenderMessage(deps, { messageId: `m-${requestId}`, body: JSON.stringify(message) });
}

describe('regenerating a document', () => {
  it('gives twenty concurrent regenerations versions 2 to 21, no gaps, no duplicates, exactly one CURRENT, all under the first 发文字号', async () => {
    const first = await issued('T-REGEN-20');
    const outcomes = (await Promise.all(Array.from({ length: 20 }, (_, i) => regenerate('T-REGEN-20', `regen-${i}`)))).map(recorded);
    expect(outcomes.map((o) => o.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));

    const versions = await deps.versions.listVersions('T-REGEN-20');
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(versions.filter((v) => v.status === 'CURRENT').map((v) => v.version)).toEqual([21]);
    expect(new Set(versions.map((v) => v.documentNumber))).toEqual(new Set([first.documentNumber]));
    expect(new Set(versions.map((v) => v.docId)).size).toBe(21);
    // One object per version; the bytes differ only by the docId in the QR code.
    expect(await fx.objectKeys('documents/T-REGEN-20/')).toEqual(versions.map((v) => v.s3Key).sort());
    expect(versions.slice(1).every((v) => v.reason === '模板修正' && v.requestedBy === 'clerk.wang')).toBe(true);
    expect((await fx.events('T-REGEN-20')).filter((e) => e.type === 'REGENERATED')).toHaveLength(20);
    expect((await deps.cases.getCase('T-REGEN-20'))?.status).toBe('ISSUED');
  });

  it('records one version for a regeneration delivered twice', async () => {
    await issued('T-REGEN-DUP');
    const [a, b] = (await Promise.all([regenerate('T-REGEN-DUP', 'once'), regenerate('T-REGEN-DUP', 'once')])).map(recorded);
    expect([a!.version, b!.version]).toEqual([2, 2]);
    expect(recorded(await regenerate('T-REGEN-DUP', 'once'))).toMatchObject({ version: 2, fresh: false });
    expect(await deps.versions.listVersions('T-REGEN-DUP')).toHaveLength(2);
  });

  it('records the failure, naming the character and field, when a correction brings in a character no font has; the case stays ISSUED and its current version CURRENT', async () => {
    const first = await issued('T-REGEN-GLYPH');
    await fx.seedCase('flexible-allowance', 'T-REGEN-GLYPH', {
      status: 'ISSUED',
      change: (c) => {
        (c.recipient as Record<string, unknown>).name = '杨𬎆';
        c.documentNumber = first.documentNumber;
      },
    });
    const outcome = await regenerate('T-REGEN-GLYPH', 'glyph');
    expect(outcome).toMatchObject({ kind: 'failed', code: 'MISSING_GLYPH', reason: expect.stringMatching(/recipient\.name.*𬎆.*U\+2C386/) });
    const failed = await deps.cases.getCase('T-REGEN-GLYPH');
    expect(failed?.status).toBe('ISSUED');
    expect(failed?.data).toMatchObject({ failure: { code: 'MISSING_GLYPH' } });
    expect((await fx.events('T-REGEN-GLYPH')).map((e) => e.type)).toContain('FAILED');
    expect((await deps.versions.currentVersion('T-REGEN-GLYPH', 'flexible-allowance'))?.version).toBe(1);

    // Corrected again, the next regeneration succeeds and the case is ISSUED once more.
    await fx.seedCase('flexible-allowance', 'T-REGEN-GLYPH', { status: 'FAILED', change: (c) => (c.documentNumber = first.documentNumber) });
    expect(recorded(await regenerate('T-REGEN-GLYPH', 'glyph-fixed'))).toMatchObject({ version: 2, documentNumber: first.documentNumber });
    expect((await deps.cases.getCase('T-REGEN-GLYPH'))?.status).toBe('ISSUED');
  });

  it('clears the earlier failure when a regeneration of a FAILED case succeeds', async () => {
    await issued('T-REGEN-CLEARS');
    await deps.cases.markCaseFailed('T-REGEN-CLEARS', { code: 'MISSING_GLYPH', reason: 'recipient.name: 𬎆 (U+2C386) is in no font' });
    expect(recorded(await regenerate('T-REGEN-CLEARS', 'after-failure'))).toMatchObject({ version: 2 });
    const stored = await deps.cases.getCase('T-REGEN-CLEARS');
    expect(stored?.status).toBe('ISSUED');
    expect(stored?.data).not.toHaveProperty('failure');
  });

  it('rejects a regeneration of a case that has no document yet, and leaves the case as it is', async () => {
    await fx.seedCase('flexible-allowance', 'T-REGEN-NEW');
    expect(await regenerate('T-REGEN-NEW', 'too-early')).toMatchObject({ kind: 'rejected', code: 'NOT_ISSUED' });
    expect((await deps.cases.getCase('T-REGEN-NEW'))?.status).toBe('APPROVED');
    expect((await deps.rejections.list()).map((r) => r.messageId)).toContain('m-too-early');
  });

  it('rejects a regeneration that names another document type than the case has', async () => {
    await issued('T-REGEN-TYPE');
    expect(await regenerate('T-REGEN-TYPE', 'wrong-type', { docType: 'skill-grand-award' })).toMatchObject({
      kind: 'rejected',
      code: 'DOC_TYPE_MISMATCH',
      reason: expect.stringContaining('flexible-allowance'),
    });
    expect(await deps.versions.listVersions('T-REGEN-TYPE')).toHaveLength(1);
  });

  it('rejects a regeneration without a reason, naming the field', async () => {
    await issued('T-REGEN-WHY');
    expect(await regenerate('T-REGEN-WHY', 'no-reason', { reason: '  ' })).toMatchObject({
      kind: 'rejected',
      code: 'MESSAGE_INVALID',
      reason: expect.stringContaining('reason'),
    });
  });
});
