// The notice ops commands (lambdas/cli/ops.ts) against the local stack, configured only through
// the environment, as an operator runs them after `npm start`.
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { progressBar, runOpsCommand } from '../../lambdas/cli/ops.js';
import type { OpsArgs, OpsCommand } from '../../lambdas/cli/ops.js';
import { queueDepth } from '../../lambdas/local/drain.js';
import { issueMessage, RenderMessage } from '../../lambdas/pipeline/messages.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { pipelineFixture } from '../pipeline/fixture.js';

const fx = await pipelineFixture();

async function ops(command: OpsCommand, args: OpsArgs = {}, env: Record<string, string | undefined> = fx.env) {
  const out: string[] = [];
  const progress: string[] = [];
  await runOpsCommand(command, args, { out: (l) => out.push(l), progress: (t) => progress.push(t), env: { USER: 'ops.zhao', ...env } });
  return { out: out.join('\n'), progress };
}

/** Takes every message off a queue (a worker would); returns the parsed render messages. */
async function drain(queueUrl: string): Promise<RenderMessage[]> {
  const messages: RenderMessage[] = [];
  for (;;) {
    const { Messages } = await fx.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!Messages?.length) return messages;
    for (const m of Messages) {
      messages.push(RenderMessage.parse(JSON.parse(m.Body ?? '')));
      await processRenderMessage(fx.deps, { messageId: m.MessageId ?? '', body: m.Body ?? '' });
      await fx.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
    }
  }
}

async function issuedCase(docType: Parameters<typeof fx.seedCase>[0], caseId: string): Promise<void> {
  await fx.seedCase(docType, caseId);
  await processRenderMessage(fx.deps, { messageId: `m-${caseId}`, body: JSON.stringify(issueMessage(caseId)) });
}

describe('notice ops commands', () => {
  it('issue queues the one issue request of a case; the worker issues it', async () => {
    await fx.seedCase('platform-subsidy', 'T-OPS-ISSUE');
    const { out } = await ops('issue', { target: 'T-OPS-ISSUE' });
    expect(out).toContain('queued: issue T-OPS-ISSUE');
    expect(await drain(fx.resources.renderQueueUrl)).toEqual([issueMessage('T-OPS-ISSUE')]);
    expect((await fx.deps.cases.getCase('T-OPS-ISSUE'))?.status).toBe('ISSUED');
  });

  it('refuses to issue a case that is not in the table, or one that is issued already', async () => {
    await expect(ops('issue', { target: 'T-OPS-NOBODY' })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('T-OPS-NOBODY') });
    await expect(ops('issue', { target: 'T-OPS-ISSUE' })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('regenerate') });
  });

  it('regenerate needs a reason, and takes the requester from --by or $USER', async () => {
    await issuedCase('platform-subsidy', 'T-OPS-REGEN');
    await expect(ops('regenerate', { target: 'T-OPS-REGEN' })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('--reason') });
    await ops('regenerate', { target: 'T-OPS-REGEN', reason: '单位名称更正' });
    await ops('regenerate', { target: 'T-OPS-REGEN', reason: '再次核对', by: 'clerk.qian' });
    const sent = await drain(fx.resources.renderQueueUrl);
    expect(sent.map((m) => (m.kind === 'regenerate' ? [m.reason, m.requestedBy] : []))).toEqual([
      ['单位名称更正', 'ops.zhao'],
      ['再次核对', 'clerk.qian'],
    ]);
    const { out } = await ops('versions', { target: 'T-OPS-REGEN' });
    expect(out).toMatch(/^case T-OPS-REGEN: ISSUED, 并人才批〔2026〕\d+号/);
    expect(out).toMatch(/platform-subsidy\s+3\s+CURRENT/);
    expect(out).toContain('clerk.qian');
    expect(out.match(/SUPERSEDED/g)).toHaveLength(2);
  });

  it('regenerates every issued document of a type in bulk, with a progress bar', async () => {
    for (const id of ['T-OPS-BULK-1', 'T-OPS-BULK-2', 'T-OPS-BULK-3']) await issuedCase('postdoc-station', id);
    await issuedCase('skill-master-studio', 'T-OPS-BULK-OTHER');
    const { out, progress } = await ops('regenerate', { docType: 'postdoc-station', reason: '模板修正' });
    expect(out).toContain('queued: regenerate 3 postdoc-station document(s)');
    expect(progress).toContain(progressBar(3, 3));
    const sent = await drain(fx.resources.renderQueueUrl);
    expect(sent.map((m) => m.caseId).sort()).toEqual(['T-OPS-BULK-1', 'T-OPS-BULK-2', 'T-OPS-BULK-3']);
    expect(sent.every((m) => m.kind === 'regenerate' && m.docType === 'postdoc-station' && /^bulk-[0-9a-f]{8}-T-OPS-BULK-\d$/.test(m.requestId))).toBe(true);
    expect((await fx.deps.versions.currentVersion('T-OPS-BULK-2', 'postdoc-station'))?.version).toBe(2);
  });

  it('redrive moves dead letters back to the render queue', async () => {
    for (const body of ['{"dead":1}', '{"dead":2}']) await fx.clients.sqs.send(new SendMessageCommand({ QueueUrl: fx.resources.deadLetterQueueUrl, MessageBody: body }));
    const { out } = await ops('redrive');
    expect(out).toBe('moved 2 message(s) from the dead-letter queue back to the render queue');
    expect(await queueDepth(fx.clients.sqs, fx.resources.deadLetterQueueUrl)).toBe(0);
    expect(await queueDepth(fx.clients.sqs, fx.resources.renderQueueUrl)).toBe(2);
  });

  it('names the setting that is missing from the environment', async () => {
    const { NOTICE_RENDER_QUEUE_URL: _missing, ...env } = fx.env;
    await expect(ops('versions', { target: 'T-OPS-ISSUE' }, env)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('NOTICE_RENDER_QUEUE_URL'),
    });
  });
});
