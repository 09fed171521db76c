// notice revoke and notice photo put (cli/card-ops.ts) against the local stack, configured
// only through the environment, as an operator runs them after `npm start`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOpsCommand } from '../../cli/ops.js';
import type { OpsCommand } from '../../cli/ops.js';
import type { OpsArgs } from '../../cli/ops-context.js';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { placeholderPhoto } from '../../lambdas/render/card/placeholder-photo.js';
import { pipelineFixture } from '../pipeline/fixture.js';
import { tempDir } from '../support/temp-dirs.js';

const fx = await pipelineFixture();
const dir = tempDir('card-ops-');

async function ops(command: OpsCommand, args: OpsArgs) {
  const out: string[] = [];
  await runOpsCommand(command, args, { out: (l) => out.push(l), progress: () => undefined, env: { USER: 'ops.zhao', ...fx.env } });
  return out.join('\n');
}

describe('notice revoke', () => {
  it('needs a reason, revokes once, and a second time says when and why it was revoked and changes nothing', async () => {
    await fx.seedCase('talent-green-card', 'T-CARD-REVOKE');
    await processRenderMessage(fx.deps, { messageId: 'm-revoke', body: JSON.stringify(issueMessage('T-CARD-REVOKE')) });
    await expect(ops('revoke', { target: 'T-CARD-REVOKE' })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('--reason') });

    const first = await ops('revoke', { target: 'T-CARD-REVOKE', reason: '持卡人申请注销' });
    expect(first).toMatch(/^revoked: 并人才卡〔2026〕\d+号 \(case T-CARD-REVOKE, version 1\) at .* by ops\.zhao/);
    expect(first).toContain('verification page: http://localhost:8080/v/');
    const again = await ops('revoke', { target: 'T-CARD-REVOKE', reason: '重复操作', by: 'clerk.qian' });
    expect(again).toContain('already revoked');
    expect(again).toContain('by ops.zhao, reason “持卡人申请注销”');
    expect((await fx.events('T-CARD-REVOKE')).filter((e) => e.type === 'REVOKED')).toHaveLength(1);
    const versions = await ops('versions', { target: 'T-CARD-REVOKE' });
    expect(versions).toMatch(/talent-green-card\s+1\s+CURRENT 已注销/);
  });

  it('refuses a case that is no card, or none at all, naming it', async () => {
    await fx.seedCase('platform-subsidy', 'T-CARD-NOTCARD');
    await expect(ops('revoke', { target: 'T-CARD-NOTCARD', reason: '误操作' })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('not a talent-green-card case'),
    });
    await expect(ops('revoke', { target: 'T-CARD-NOBODY', reason: '误操作' })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('T-CARD-NOBODY'),
    });
  });
});

describe('notice photo put', () => {
  it('stores a checked photo write-once under a key named by the case and the photo, and says what to set', async () => {
    writeFileSync(join(dir, 'holder.png'), placeholderPhoto());
    const out = await ops('photo', { verb: 'put', target: 'T-CARD-PHOTO', file: join(dir, 'holder.png') });
    const key = /stored: (photos\/T-CARD-PHOTO-[0-9a-f]{12}\.png) \(PNG, 240×300 px/.exec(out)?.[1];
    expect(key).toBeDefined();
    expect(out).toContain(`details.photoKey to "${key}"`);
    expect(await fx.deps.bucket.getPhoto(key!, 1 << 20)).toEqual(placeholderPhoto());
    expect(await ops('photo', { verb: 'put', target: 'T-CARD-PHOTO', file: join(dir, 'holder.png') })).toContain(`already stored: ${key}`);
  });

  it('refuses a file that is no photo, with the worker’s reason, and stores nothing', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'not a photo');
    await expect(ops('photo', { verb: 'put', target: 'T-CARD-PHOTO', file: join(dir, 'notes.txt') })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('不是 JPEG 或 PNG 图片'),
    });
    expect(await fx.objectKeys('photos/T-CARD-PHOTO-')).toHaveLength(1);
    await expect(ops('photo', { verb: 'get', target: 'T-CARD-PHOTO' })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
