import { describe, expect, it } from 'vitest';
import { documentKey, downloadFilename, legacyDocumentId, randomDocumentId } from '../../lambdas/pipeline/document-identity.js';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { KeyPart } from '../../lambdas/stores/keys.js';
import { pipelineFixture } from './fixture.js';

const fx = await pipelineFixture();
const CROCKFORD_26 = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('document identity', () => {
  it('draws 130-bit ids in Crockford base32 that never repeat and fit a key', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => randomDocumentId()));
    expect(ids.size).toBe(2000);
    for (const id of ids) {
      expect(id).toMatch(CROCKFORD_26);
      expect(KeyPart.safeParse(id).success).toBe(true);
    }
  });

  it('records one id per request: asking again for the same request gives the same id, another request another id', async () => {
    const first = await fx.deps.docIds.forRequest('TY-ID-0001', 'issue-TY-ID-0001');
    expect(first).toMatch(CROCKFORD_26);
    const again = await Promise.all([1, 2, 3].map(() => fx.deps.docIds.forRequest('TY-ID-0001', 'issue-TY-ID-0001')));
    expect(again).toEqual([first, first, first]);
    expect(await fx.deps.docIds.forRequest('TY-ID-0001', 'regen-1')).not.toBe(first);
    expect(await fx.deps.docIds.forRequest('TY-ID-0002', 'issue-TY-ID-0001')).not.toBe(first);
  });

  it('issues a message delivered twice under one random id, and guessing ids from sequential case numbers finds nothing', async () => {
    const caseIds = Array.from({ length: 5 }, (_, i) => `TY-2026-${String(900 + i).padStart(6, '0')}`);
    for (const caseId of caseIds) {
      await fx.seedCase('talent-scout-award', caseId);
      const delivery = { messageId: `m-${caseId}`, body: JSON.stringify(issueMessage(caseId)) };
      const a = await processRenderMessage(fx.deps, delivery);
      const b = await processRenderMessage(fx.deps, delivery);
      expect(a.kind === 'recorded' && b.kind === 'recorded' && a.docId === b.docId).toBe(true);
      expect(await fx.deps.versions.listVersions(caseId)).toHaveLength(1);
    }
    const issued = await Promise.all(caseIds.map(async (c) => (await fx.deps.versions.listVersions(c))[0]!.docId));
    for (const docId of issued) expect(docId).toMatch(CROCKFORD_26);

    // What an outsider can compute: the old hash of every nearby case id and type, and random draws.
    const guesses = [
      ...Array.from({ length: 40 }, (_, i) => `TY-2026-${String(880 + i).padStart(6, '0')}`).map((c) =>
        legacyDocumentId(c, 'talent-scout-award', `issue-${c}`),
      ),
      ...Array.from({ length: 200 }, () => randomDocumentId()),
    ];
    const hits = [];
    for (const guess of guesses) if (await fx.deps.versions.getByDocId(guess)) hits.push(guess);
    expect(hits).toEqual([]);
    // The real ids are found by the same lookup: the guesses missed, not the lookup.
    for (const docId of issued) expect((await fx.deps.versions.getByDocId(docId))?.docId).toBe(docId);
  });

  it('keys an object by case, type, docId and the start of its sha256', () => {
    const sha = 'ab'.repeat(32);
    expect(documentKey('TY-1', 'postdoc-station', 'DOCID', sha)).toBe('documents/TY-1/postdoc-station/DOCID-abababababababab.pdf');
  });

  it('names the download after the title, without characters a file name cannot hold', () => {
    expect(downloadFilename('关于授予张三\n中华技能大奖的通知', '并人才奖〔2026〕1号')).toBe('关于授予张三 中华技能大奖的通知.pdf');
    expect(downloadFilename('a/b', 'x')).toBe('a b.pdf');
    expect(downloadFilename('  ', '并人才奖〔2026〕1号')).toBe('并人才奖〔2026〕1号.pdf');
  });
});
