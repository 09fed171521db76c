// The card holder's photo: read from the documents bucket by the worker, checked before the card
// takes a number, printed as given. Real local stack; photos are generated, never of a person.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleCase } from '../../lambdas/catalogue/index.js';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import { checkPhoto, photoInfo, PLACEHOLDER_PHOTO_KEY, withPlaceholderPhoto } from '../../lambdas/pipeline/photo.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { placeholderPhoto } from '../../lambdas/render/card/placeholder-photo.js';
import { pipelineFixture } from './fixture.js';
import { tempDir } from '../support/temp-dirs.js';

const fx = await pipelineFixture();
const dir = tempDir('card-photo-');
const PNG = placeholderPhoto();

/** A real JPEG of 150 × 200 px: the placeholder, printed into a PDF by our own renderer and rasterised by poppler. */
async function jpegPhoto(): Promise<Buffer> {
  const c = exampleCase('talent-green-card');
  const card = await fx.deps.renderer.render({ case: c, documentNumber: '并人才卡〔2026〕000009号' });
  writeFileSync(join(dir, 'card.pdf'), card.pdf);
  execFileSync('pdftoppm', ['-jpeg', '-singlefile', '-scale-to-x', '150', '-scale-to-y', '200', join(dir, 'card.pdf'), join(dir, 'photo')]);
  return readFileSync(join(dir, 'photo.jpg'));
}

/** A PNG header claiming the given size: enough for the checks, which read only the header. */
function pngHeader(width: number, height: number): Buffer {
  const b = Buffer.from(PNG.subarray(0, 33));
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

async function issue(caseId: string, attempt = 1) {
  return processRenderMessage(fx.deps, {
    messageId: `issue-${caseId}-${attempt}`,
    body: JSON.stringify({ ...issueMessage(caseId), requestId: `issue-${caseId}-${attempt}` }),
  });
}

function pdfImages(pdf: Buffer): string[] {
  writeFileSync(join(dir, 'issued.pdf'), pdf);
  // "page num type width height color comp bpc enc …": keep width × height of each image.
  return execFileSync('pdfimages', ['-list', join(dir, 'issued.pdf')], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/).slice(3, 5).join('×'));
}

describe('checking a photo', () => {
  it('reads the size of the generated placeholder PNG and of a real JPEG', async () => {
    expect(checkPhoto(PNG, 'p.png')).toEqual({ format: 'png', width: 240, height: 300 });
    expect(placeholderPhoto().equals(PNG)).toBe(true);
    expect(photoInfo(await jpegPhoto())).toEqual({ format: 'jpeg', width: 150, height: 200 });
  });

  it('refuses, in Chinese a clerk can act on, what is no JPEG or PNG, too small, too large in pixels or in bytes', () => {
    const refusal = (bytes: Buffer) => {
      try {
        checkPhoto(bytes, 'photos/x.png');
      } catch (error) {
        return { code: (error as { code: string }).code, message: (error as Error).message };
      }
      return undefined;
    };
    expect(refusal(Buffer.from('%PDF-1.7\n'))).toEqual({ code: 'PHOTO_INVALID', message: expect.stringContaining('不是 JPEG 或 PNG 图片') });
    expect(refusal(pngHeader(80, 100))).toEqual({ code: 'PHOTO_INVALID', message: expect.stringContaining('80×100 像素，印在卡上会模糊') });
    expect(refusal(pngHeader(9000, 12000))).toEqual({ code: 'PHOTO_INVALID', message: expect.stringContaining('超过 6000 像素上限') });
    expect(refusal(Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]))).toEqual({ code: 'PHOTO_INVALID', message: expect.stringContaining('超过 2 MB 上限') });
  });
});

describe('the worker and a card’s photo', () => {
  it('marks the case FAILED without taking a number when the photo is not in the bucket, and issues it once uploaded', async () => {
    await fx.seedCase('talent-green-card', 'TY-PHOTO-0001', { change: (c) => ((c.details as Record<string, unknown>).photoKey = 'photos/TY-PHOTO-0001.png') });
    const failed = await issue('TY-PHOTO-0001');
    expect(failed).toMatchObject({
      kind: 'failed',
      code: 'PHOTO_MISSING',
      reason: expect.stringContaining('绿卡照片 photos/TY-PHOTO-0001.png 不在文书存储中'),
    });
    const stored = await fx.deps.cases.getCase('TY-PHOTO-0001');
    expect(stored).toMatchObject({ status: 'FAILED' });
    expect(stored?.documentNumber).toBeUndefined();

    await fx.deps.bucket.putPhoto('photos/TY-PHOTO-0001.png', PNG, 'image/png');
    const issued = await issue('TY-PHOTO-0001', 2);
    expect(issued).toMatchObject({ kind: 'recorded', version: 1 });
    const pdf = await fx.deps.bucket.getDocument((issued as { s3Key: string }).s3Key);
    expect(pdfImages(Buffer.from(pdf!.bytes))).toContain('240×300');
  });

  it('marks the case FAILED when the stored photo is not an image', async () => {
    await fx.deps.bucket.putPhoto('photos/TY-PHOTO-0002.jpg', Buffer.from('not a photo at all'), 'image/jpeg');
    await fx.seedCase('talent-green-card', 'TY-PHOTO-0002', { change: (c) => ((c.details as Record<string, unknown>).photoKey = 'photos/TY-PHOTO-0002.jpg') });
    expect(await issue('TY-PHOTO-0002')).toMatchObject({ kind: 'failed', code: 'PHOTO_INVALID', reason: expect.stringContaining('不是 JPEG 或 PNG') });
    expect((await fx.deps.cases.getCase('TY-PHOTO-0002'))?.documentNumber).toBeUndefined();
  });

  it('marks the case FAILED, naming the size, when the stored photo is over 2 MB, and takes no number', async () => {
    await fx.deps.bucket.putPhoto('photos/TY-PHOTO-0004.png', Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)]), 'image/png');
    await fx.seedCase('talent-green-card', 'TY-PHOTO-0004', { change: (c) => ((c.details as Record<string, unknown>).photoKey = 'photos/TY-PHOTO-0004.png') });
    expect(await issue('TY-PHOTO-0004')).toMatchObject({
      kind: 'failed',
      code: 'PHOTO_INVALID',
      reason: expect.stringContaining('绿卡照片 photos/TY-PHOTO-0004.png 有 3.0 MB，超过 2 MB 上限'),
    });
    expect((await fx.deps.cases.getCase('TY-PHOTO-0004'))?.documentNumber).toBeUndefined();
  });

  it('prints a JPEG as given, and the same photo gives the same card byte for byte', async () => {
    const jpeg = await jpegPhoto();
    await fx.deps.bucket.putPhoto('photos/TY-PHOTO-0003.jpg', jpeg, 'image/jpeg');
    await fx.seedCase('talent-green-card', 'TY-PHOTO-0003', { change: (c) => ((c.details as Record<string, unknown>).photoKey = 'photos/TY-PHOTO-0003.jpg') });
    const issued = await issue('TY-PHOTO-0003');
    expect(issued).toMatchObject({ kind: 'recorded' });
    const pdf = Buffer.from((await fx.deps.bucket.getDocument((issued as { s3Key: string }).s3Key))!.bytes);
    expect(pdfImages(pdf)).toContain('150×200');
    expect(pdf.includes(jpeg)).toBe(true); // the JPEG's own bytes, not re-encoded

    const stored = await fx.deps.cases.getCase('TY-PHOTO-0003');
    const request = { case: stored!.data, documentNumber: stored!.documentNumber!, verifyUrl: 'http://localhost:8080/v/X', photo: jpeg };
    const [a, b] = [await fx.deps.renderer.render(request), await fx.deps.renderer.render({ ...request, photo: Buffer.from(jpeg) })];
    expect(a.sha256).toBe(b.sha256);
  });

  it('refuses to replace a stored photo with other bytes, and accepts the same bytes again', async () => {
    expect(await fx.deps.bucket.putPhoto('photos/TY-PHOTO-0001.png', PNG, 'image/png')).toEqual({ created: false });
    await expect(fx.deps.bucket.putPhoto('photos/TY-PHOTO-0001.png', pngHeader(300, 400), 'image/png')).rejects.toMatchObject({ code: 'DOCUMENT_EXISTS' });
  });

  it('gives the local stack’s example card the generated placeholder photo', async () => {
    const seeded = await withPlaceholderPhoto(fx.deps.bucket, exampleCase('talent-green-card'));
    expect(seeded.details).toMatchObject({ photoKey: PLACEHOLDER_PHOTO_KEY });
    expect(await fx.deps.bucket.getPhoto(PLACEHOLDER_PHOTO_KEY, 1 << 20)).toEqual(PNG);
    const award = exampleCase('skill-grand-award');
    expect(await withPlaceholderPhoto(fx.deps.bucket, award)).toBe(award);
  });
});
