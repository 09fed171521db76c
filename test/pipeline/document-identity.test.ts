import { describe, expect, it } from 'vitest';
import { documentId, documentKey, downloadFilename } from '../../lambdas/pipeline/document-identity.js';
import { KeyPart } from '../../lambdas/stores/keys.js';

describe('document identity', () => {
  it('derives the same docId from the same request, and another from another request', () => {
    const id = documentId('TY-2026-000101', 'talent-scout-award', 'issue-TY-2026-000101');
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{24}$/);
    expect(documentId('TY-2026-000101', 'talent-scout-award', 'issue-TY-2026-000101')).toBe(id);
    expect(documentId('TY-2026-000101', 'talent-scout-award', 'regen-1')).not.toBe(id);
    expect(documentId('TY-2026-000102', 'talent-scout-award', 'issue-TY-2026-000101')).not.toBe(id);
    expect(KeyPart.safeParse(id).success).toBe(true);
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
