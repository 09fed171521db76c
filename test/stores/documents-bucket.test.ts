import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentDisposition, DocumentsBucket } from '../../lambdas/stores/documents-bucket.js';
import { freshResources } from '../local/fixture.js';

const { clients, config } = await freshResources();
const bucket = new DocumentsBucket(clients.s3, config.bucketName);

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF\n`);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const FILENAME = '关于张三同志的奖励通知.pdf';

/** The file name a browser takes from `filename*=UTF-8''…`. */
function extendedFilename(disposition: string | undefined): string | undefined {
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition ?? '')?.[1];
  return encoded === undefined ? undefined : decodeURIComponent(encoded);
}

describe('DocumentsBucket', () => {
  it('refuses a second put of a key with other bytes and keeps the first document', async () => {
    const key = 'documents/C-1/skill-grand-award/v1.pdf';
    const first = pdf('first');
    const other = pdf('other');
    expect(await bucket.putDocument(key, first, { sha256: sha256(first), filename: FILENAME })).toEqual({ created: true });
    await expect(bucket.putDocument(key, other, { sha256: sha256(other), filename: FILENAME })).rejects.toMatchObject({
      code: 'DOCUMENT_EXISTS',
      message: expect.stringContaining(key),
    });
    expect((await bucket.getDocument(key))?.bytes).toEqual(first);
  });

  it('accepts a second put of a key with the same bytes, as a redelivered message makes', async () => {
    const key = 'documents/C-2/skill-grand-award/v1.pdf';
    const bytes = pdf('same');
    await bucket.putDocument(key, bytes, { sha256: sha256(bytes), filename: FILENAME });
    expect(await bucket.putDocument(key, bytes, { sha256: sha256(bytes), filename: FILENAME })).toEqual({ created: false });
  });

  it('lets exactly one of two concurrent puts of different bytes to one key win', async () => {
    const key = 'documents/C-3/skill-grand-award/v1.pdf';
    const [a, b] = [pdf('writer a'), pdf('writer b')];
    const results = await Promise.allSettled([
      bucket.putDocument(key, a, { sha256: sha256(a), filename: FILENAME }),
      bucket.putDocument(key, b, { sha256: sha256(b), filename: FILENAME }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const stored = await bucket.getDocument(key);
    const winner = results[0]?.status === 'fulfilled' ? a : b;
    expect(stored?.bytes).toEqual(winner);
    expect(stored?.sha256).toBe(sha256(winner));
  });

  it('stores the Chinese file name in Content-Disposition, with the PDF type and sha256', async () => {
    const key = 'documents/C-4/skill-grand-award/v1.pdf';
    const bytes = pdf('named');
    await bucket.putDocument(key, bytes, { sha256: sha256(bytes), filename: FILENAME });
    const stored = await bucket.getDocument(key);
    expect(stored?.contentDisposition).toMatch(/^attachment; filename="notice\.pdf"; filename\*=UTF-8''/);
    expect(extendedFilename(stored?.contentDisposition)).toBe(FILENAME);
    expect(stored?.contentType).toBe('application/pdf');
    expect(stored?.sha256).toBe(sha256(bytes));
  });

  it('hands out a presigned link that downloads the document', async () => {
    const key = 'documents/C-5/skill-grand-award/v1.pdf';
    const bytes = pdf('linked');
    await bucket.putDocument(key, bytes, { sha256: sha256(bytes), filename: FILENAME });
    const url = await bucket.presignDownload(key, 900);
    expect(url).toContain('X-Amz-Expires=900');
    const response = await fetch(url);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
    expect(extendedFilename(response.headers.get('content-disposition') ?? undefined)).toBe(FILENAME);
  });

  it('returns undefined for a key with no document', async () => {
    expect(await bucket.getDocument('documents/none.pdf')).toBeUndefined();
  });

  it('refuses bytes that do not match the sha256 given', async () => {
    const bytes = pdf('mismatch');
    await expect(bucket.putDocument('documents/C-6/x.pdf', bytes, { sha256: sha256(pdf('else')), filename: FILENAME })).rejects.toMatchObject({
      code: 'STORE_INPUT_INVALID',
    });
  });
});

describe('contentDisposition', () => {
  it('percent-encodes the characters RFC 5987 does not allow, including quote and parentheses', () => {
    expect(contentDisposition("张三's (副本).pdf")).toBe(
      `attachment; filename="notice.pdf"; filename*=UTF-8''%E5%BC%A0%E4%B8%89%27s%20%28%E5%89%AF%E6%9C%AC%29.pdf`,
    );
  });

  it('keeps a plain ASCII name in the fallback filename', () => {
    expect(contentDisposition('award-2026-17.pdf')).toBe(`attachment; filename="award-2026-17.pdf"; filename*=UTF-8''award-2026-17.pdf`);
  });

  it('rejects a file name with a slash', () => {
    expect(() => contentDisposition('a/b.pdf')).toThrow(expect.objectContaining({ code: 'STORE_INPUT_INVALID' }));
  });
});
