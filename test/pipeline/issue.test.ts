import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseDocumentNumber } from '../../lambdas/pipeline/numbering.js';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import type { PipelineOutcome, RecordedOutcome } from '../../lambdas/pipeline/outcome.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { DocumentNumbersTable } from '../../lambdas/stores/document-numbers-table.js';
import { DocumentVersionsTable } from '../../lambdas/stores/versions-table.js';
import type { VersionDraft, WriteOutcome } from '../../lambdas/stores/versions-table.js';
import { pipelineFixture } from './fixture.js';

const fx = await pipelineFixture();
const { deps } = fx;
const numbers = new DocumentNumbersTable(fx.clients.documents, fx.config.tableName);

let deliveries = 0;
/** One SQS message: the same id for every delivery of it. */
function message(caseId: string) {
  return { messageId: `msg-${caseId}`, body: JSON.stringify(issueMessage(caseId)) };
}
async function deliver(caseId: string, d = deps): Promise<PipelineOutcome> {
  deliveries++;
  return processRenderMessage(d, { ...message(caseId), receiveCount: deliveries });
}
function recorded(outcome: PipelineOutcome): RecordedOutcome {
  if (outcome.kind !== 'recorded') throw new Error(`expected a recorded version, got ${JSON.stringify(outcome)}`);
  return outcome;
}

/** The worker "dies" after the S3 put: the version transaction is never sent. */
class CrashBeforeTableWrite extends DocumentVersionsTable {
  override async write(_draft: VersionDraft, _version: number, _previous: number | undefined): Promise<WriteOutcome> {
    throw new Error('worker died after the S3 write, before the table write');
  }
}

describe('issuing a document', () => {
  it('issues an approved case as version 1 with a new 发文字号, stores the PDF under its key and marks the case ISSUED', async () => {
    await fx.seedCase('skill-grand-award', 'T-ISSUE-1');
    const outcome = recorded(await deliver('T-ISSUE-1'));
    expect(outcome).toMatchObject({ fresh: true, version: 1, docType: 'skill-grand-award', caseId: 'T-ISSUE-1' });
    expect(parseDocumentNumber(outcome.documentNumber)).toMatchObject({ prefix: '并人才奖', year: 2026 });
    expect(outcome.s3Key).toBe(`documents/T-ISSUE-1/skill-grand-award/${outcome.docId}-${outcome.sha256.slice(0, 16)}.pdf`);

    const stored = await deps.bucket.getDocument(outcome.s3Key);
    expect(stored?.contentType).toBe('application/pdf');
    expect(createHash('sha256').update(stored!.bytes).digest('hex')).toBe(outcome.sha256);
    expect(Buffer.from(stored!.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');

    const caseItem = await deps.cases.getCase('T-ISSUE-1');
    expect(caseItem).toMatchObject({ status: 'ISSUED', documentNumber: outcome.documentNumber });
    const version = await deps.versions.getVersion('T-ISSUE-1', 'skill-grand-award', 1);
    expect(version).toMatchObject({ status: 'CURRENT', requestId: 'issue-T-ISSUE-1', requestedBy: 'pipeline', s3Key: outcome.s3Key });
    expect((await fx.events('T-ISSUE-1')).map((e) => e.type)).toEqual(['ISSUED']);
  });

  it('issues a green card with a card number from its own counter, zero-padded to six digits', async () => {
    await fx.seedCase('talent-green-card', 'T-CARD-1');
    await fx.seedCase('talent-green-card', 'T-CARD-2');
    const first = recorded(await deliver('T-CARD-1'));
    const second = recorded(await deliver('T-CARD-2'));
    expect(first.documentNumber).toMatch(/^并人才卡〔2026〕\d{6}号$/);
    expect(parseDocumentNumber(second.documentNumber)!.seq).toBe(parseDocumentNumber(first.documentNumber)!.seq + 1);
    const stored = await deps.bucket.getDocument(first.s3Key);
    expect(Buffer.from(stored!.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });

  it('gives one version, one number and one object to a message delivered twice, then twice at the same moment', async () => {
    await fx.seedCase('national-technical-expert', 'T-DUP-1');
    await fx.seedCase('national-technical-expert', 'T-DUP-2');
    const first = recorded(await deliver('T-DUP-1'));
    const again = recorded(await deliver('T-DUP-1'));
    expect(again).toMatchObject({ fresh: false, version: 1, docId: first.docId, documentNumber: first.documentNumber });

    const both = (await Promise.all([deliver('T-DUP-2'), deliver('T-DUP-2')])).map(recorded);
    expect(both.map((o) => o.version)).toEqual([1, 1]);
    expect(both.filter((o) => o.fresh)).toHaveLength(1);
    expect(new Set(both.map((o) => o.documentNumber)).size).toBe(1);

    for (const caseId of ['T-DUP-1', 'T-DUP-2']) {
      expect(await deps.versions.listVersions(caseId)).toHaveLength(1);
      expect(await fx.objectKeys(`documents/${caseId}/`)).toHaveLength(1);
      expect((await fx.events(caseId)).filter((e) => e.type === 'ISSUED')).toHaveLength(1);
    }
    // Two cases, two numbers: no number was spent on a repeat.
    const seqs = [first, both[0]!].map((o) => parseDocumentNumber(o.documentNumber)!.seq);
    expect(await numbers.lastTaken('并人才奖', 2026)).toBe(Math.max(...seqs));
    expect(Math.abs(seqs[0]! - seqs[1]!)).toBe(1);
  });

  it('converges after a crash between the S3 write and the table write: one recorded version whose object matches its sha256', async () => {
    await fx.seedCase('city-talent-title', 'T-CRASH-1');
    await expect(deliver('T-CRASH-1', { ...deps, versions: new CrashBeforeTableWrite(fx.clients.documents, fx.config.tableName) })).rejects.toThrow(
      'worker died',
    );
    const [orphan] = await fx.objectKeys('documents/T-CRASH-1/');
    expect(orphan).toBeDefined();
    expect(await deps.versions.listVersions('T-CRASH-1')).toEqual([]);
    expect((await deps.cases.getCase('T-CRASH-1'))?.status).toBe('APPROVED');

    const retry = recorded(await deliver('T-CRASH-1'));
    expect(retry).toMatchObject({ fresh: true, version: 1, s3Key: orphan });
    expect(await fx.objectKeys('documents/T-CRASH-1/')).toEqual([orphan]);
    const object = await deps.bucket.getDocument(retry.s3Key);
    expect(createHash('sha256').update(object!.bytes).digest('hex')).toBe(retry.sha256);
    expect(object?.sha256).toBe(retry.sha256);
    expect((await deps.cases.getCase('T-CRASH-1'))?.status).toBe('ISSUED');
  });

  it('draws the docId while the number is taken, and a redelivery after a failed number uses the same docId', async () => {
    await fx.seedCase('skill-grand-award', 'T-NUMBER-FAILS');
    const throttled = { assign: () => Promise.reject(new Error('number store throttled')) };
    await expect(deliver('T-NUMBER-FAILS', { ...deps, numbers: throttled })).rejects.toThrow('number store throttled');
    expect((await deps.cases.getCase('T-NUMBER-FAILS'))?.status).toBe('APPROVED');
    const drawn = await deps.docIds.forRequest('T-NUMBER-FAILS', issueMessage('T-NUMBER-FAILS').requestId);
    const retry = recorded(await deliver('T-NUMBER-FAILS'));
    expect(retry.docId).toBe(drawn);
    expect(await deps.versions.listVersions('T-NUMBER-FAILS')).toHaveLength(1);
  });

  it('never lets the orphan of a crashed attempt block the retry or be overwritten, even when the case changed in between', async () => {
    await fx.seedCase('city-talent-title', 'T-CRASH-2');
    await expect(deliver('T-CRASH-2', { ...deps, versions: new CrashBeforeTableWrite(fx.clients.documents, fx.config.tableName) })).rejects.toThrow();
    const [orphan] = await fx.objectKeys('documents/T-CRASH-2/');
    const orphanBytes = (await deps.bucket.getDocument(orphan!))!.bytes;
    const number = (await deps.cases.getCase('T-CRASH-2'))?.documentNumber;

    // A clerk corrects the employer (keeping the status and the number) before the retry.
    await fx.seedCase('city-talent-title', 'T-CRASH-2', {
      change: (c) => {
        (c.recipient as Record<string, unknown>).employer = '山西医科大学第一医院';
        c.documentNumber = number;
      },
    });
    const retry = recorded(await deliver('T-CRASH-2'));
    expect(retry.s3Key).not.toBe(orphan);
    expect(retry.documentNumber).toBe(number);
    expect(await fx.objectKeys('documents/T-CRASH-2/')).toEqual([orphan, retry.s3Key].sort());
    expect(Buffer.from((await deps.bucket.getDocument(orphan!))!.bytes).equals(Buffer.from(orphanBytes))).toBe(true);
    expect((await deps.versions.listVersions('T-CRASH-2')).map((v) => v.s3Key)).toEqual([retry.s3Key]);
  });
});

describe('cases that cannot be issued', () => {
  it('marks a case that breaks policy FAILED, naming the field and the rule, and stores no document', async () => {
    await fx.seedCase('skill-grand-award', 'T-BAD-1', { change: (c) => (c.amounts = { award: 400_000, total: 400_000 }) });
    const outcome = await deliver('T-BAD-1');
    expect(outcome).toMatchObject({ kind: 'failed', code: 'CASE_INVALID', reason: expect.stringContaining('奖励金额：') });
    const caseItem = await deps.cases.getCase('T-BAD-1');
    expect(caseItem?.status).toBe('FAILED');
    expect(caseItem?.data).toMatchObject({ failure: { code: 'CASE_INVALID', reason: expect.stringContaining('第十九条') } });
    expect(caseItem?.documentNumber).toBeUndefined();
    expect(await fx.objectKeys('documents/T-BAD-1/')).toEqual([]);
    expect(await deps.versions.listVersions('T-BAD-1')).toEqual([]);
    expect((await fx.events('T-BAD-1')).map((e) => e.type)).toEqual(['FAILED']);
  });

  it('marks a case whose name has a character no font has FAILED, naming the character and the field, before it takes a number', async () => {
    await fx.seedCase('graduate-living-subsidy', 'T-GLYPH-1', { change: (c) => ((c.recipient as Record<string, unknown>).name = '杨𬎆') });
    const outcome = await deliver('T-GLYPH-1');
    expect(outcome).toMatchObject({ kind: 'failed', code: 'MISSING_GLYPH' });
    const reason = outcome.kind === 'failed' ? outcome.reason : '';
    expect(reason).toContain('𬎆');
    expect(reason).toContain('U+2C386');
    expect(reason).toContain('recipient.name');
    const caseItem = await deps.cases.getCase('T-GLYPH-1');
    expect(caseItem).toMatchObject({ status: 'FAILED' });
    expect(caseItem?.documentNumber).toBeUndefined();
    expect(await fx.objectKeys('documents/T-GLYPH-1/')).toEqual([]);
  });

  it('marks a case that is no longer APPROVED FAILED, saying which status it has', async () => {
    await fx.seedCase('skill-master-studio', 'T-WITHDRAWN-1', { status: 'WITHDRAWN' });
    const outcome = await deliver('T-WITHDRAWN-1');
    expect(outcome).toMatchObject({ kind: 'failed', code: 'CASE_NOT_APPROVED', reason: expect.stringContaining('WITHDRAWN') });
    expect((await deps.cases.getCase('T-WITHDRAWN-1'))?.status).toBe('FAILED');
    expect(await fx.objectKeys('documents/T-WITHDRAWN-1/')).toEqual([]);
  });

  it('issues a FAILED case once it has been corrected, when asked again', async () => {
    await fx.seedCase('skill-grand-award', 'T-FIXED-1', { change: (c) => (c.amounts = { award: 1, total: 1 }) });
    expect((await deliver('T-FIXED-1')).kind).toBe('failed');
    await fx.seedCase('skill-grand-award', 'T-FIXED-1', { status: 'FAILED' });
    expect(recorded(await deliver('T-FIXED-1'))).toMatchObject({ version: 1, fresh: true });
    expect((await deps.cases.getCase('T-FIXED-1'))?.status).toBe('ISSUED');
  });

  it('rejects and records an issue request for a case that is not in the table', async () => {
    const outcome = await deliver('T-NOBODY');
    expect(outcome).toMatchObject({ kind: 'rejected', code: 'CASE_NOT_FOUND', caseId: 'T-NOBODY' });
    const rejections = await deps.rejections.list();
    expect(rejections).toContainEqual(expect.objectContaining({ messageId: 'msg-T-NOBODY', code: 'CASE_NOT_FOUND', body: message('T-NOBODY').body }));
  });

  it('rejects and records a message that is not a render message, with ID numbers in its body masked', async () => {
    const body = JSON.stringify({ v: 1, kind: 'issue', caseId: 'X 1', idNumber: '140106198512030002' });
    const outcome = await processRenderMessage(deps, { messageId: 'msg-garbage', body });
    expect(outcome).toMatchObject({ kind: 'rejected', code: 'MESSAGE_INVALID', reason: expect.stringContaining('caseId') });
    const stored = (await deps.rejections.list()).find((r) => r.messageId === 'msg-garbage');
    expect(stored?.body).toContain('140106********0002');
    expect(stored?.body).not.toContain('140106198512030002');
  });
});
