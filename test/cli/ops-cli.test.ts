// The notice ops commands (cli/ops.ts) against the local stack, configured only through
// the environment, as an operator runs them after `npm start`.
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { progressBar } from '../../cli/bulk-ops.js';
import { runOpsCommand } from '../../cli/ops.js';
import type { OpsCommand } from '../../cli/ops.js';
import type { OpsArgs } from '../../cli/ops-context.js';
import { queueDepth } from '../../local/drain.js';
import { issueMessage, RenderMessage } from '../../lambdas/pipeline/messages.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { pipelineFixture } from '../pipeline/fixture.js';

const fx = await pipelineFixture();

async function ops(command: OpsCommand, args: OpsArgs = {}, env: Record<string, string | undefined> = fx.env) {
  const out: string[] = [];
  const progress: string[] = [];
  await runOpsCommand(command, args, { out: (l) => out.push(l), progress: (t) => progress.push(t), env: { USER: 'ops.zhao', ...env }, pollMs: 100 });
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

  it('bulk regeneration shows a dry run first and queues nothing until the count is confirmed', async () => {
    for (const id of ['T-OPS-BULK-1', 'T-OPS-BULK-2', 'T-OPS-BULK-3']) await issuedCase('postdoc-station', id);
    await issuedCase('skill-master-studio', 'T-OPS-BULK-OTHER');
    const { out } = await ops('regenerate', { docType: 'postdoc-station' });
    expect(out).toMatch(/^博士后.*\(postdoc-station\): 3 issued document\(s\), 成文日期 \d{4}-\d{2}-\d{2} … \d{4}-\d{2}-\d{2}/);
    expect(out).toContain('T-OPS-BULK-1');
    expect(out).toContain('--confirm 3');
    expect(await queueDepth(fx.clients.sqs, fx.resources.renderQueueUrl)).toBe(0);
    await expect(ops('regenerate', { docType: 'postdoc-station', reason: '模板修正', confirm: '2' })).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('3'),
    });
    expect(await queueDepth(fx.clients.sqs, fx.resources.renderQueueUrl)).toBe(0);
  });

  it('a confirmed bulk run shows a progress bar until every case has its new version, and appears in the job list', async () => {
    // A worker drains the queue while the command waits.
    let waiting = true;
    const worker = (async () => {
      while (waiting) {
        await drain(fx.resources.renderQueueUrl);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const run = await ops('regenerate', { docType: 'postdoc-station', reason: '模板修正', confirm: '3' }).finally(() => {
      waiting = false;
    });
    await worker;
    expect(run.out).toMatch(/started bulk run [0-9a-f]{32}: 3 document\(s\) queued/);
    expect(run.out).toMatch(/bulk run [0-9a-f]{32}: finished; done 3, failed 0, waiting 0 of 3/);
    expect(run.progress).toContain(progressBar(3, 0, 3));
    for (const id of ['T-OPS-BULK-1', 'T-OPS-BULK-2', 'T-OPS-BULK-3']) expect((await fx.deps.versions.currentVersion(id, 'postdoc-station'))?.version).toBe(2);
    expect((await fx.deps.versions.currentVersion('T-OPS-BULK-OTHER', 'skill-master-studio'))?.version).toBe(1);

    const bulkId = /started bulk run ([0-9a-f]{32})/.exec(run.out)![1]!;
    const { out: list } = await ops('jobs');
    expect(list).toContain('started (北京时间)');
    expect(list).toMatch(
      new RegExp(`${bulkId}\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\s+ops.zhao\\s+cli\\s+postdoc-station\\s+模板修正\\s+3\\s+3\\s+0\\s+0\\s+finished`),
    );
    const { out: one } = await ops('job', { target: bulkId });
    expect(one).toContain('finished; done 3, failed 0');
  });

  it('a bulk run with --no-wait returns at once; cancel stops the rest and resume finishes it', async () => {
    const { out } = await ops('regenerate', { docType: 'postdoc-station', reason: '第三次核对', confirm: '3', noWait: true });
    const bulkId = /started bulk run ([0-9a-f]{32})/.exec(out)![1]!;
    expect(out).not.toContain('finished');
    expect(await queueDepth(fx.clients.sqs, fx.resources.renderQueueUrl)).toBe(3);
    const cancelled = await ops('job', { target: bulkId, cancel: true });
    expect(cancelled.out).toContain('cancelled by ops.zhao');
    await drain(fx.resources.renderQueueUrl);
    expect((await fx.deps.versions.currentVersion('T-OPS-BULK-1', 'postdoc-station'))?.version).toBe(2);
    expect((await ops('job', { target: bulkId })).out).toContain('done 0, failed 0, waiting 0, not run 3 of 3');
    await ops('job', { target: bulkId, resume: true });
    await drain(fx.resources.renderQueueUrl);
    expect((await ops('job', { target: bulkId })).out).toContain('finished; done 3, failed 0, waiting 0 of 3');
    expect((await fx.deps.versions.currentVersion('T-OPS-BULK-1', 'postdoc-station'))?.version).toBe(3);
  });

  it('history prints the case’s audit trail in Beijing time, newest first, in words a clerk reads', async () => {
    const { out } = await ops('history', { target: 'T-OPS-REGEN' });
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^time \(北京时间\)\s+event\s+by/);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+重新生成\s+clerk\.qian\s+3\s+并人才批〔2026〕\d+号\s+再次核对$/);
    expect(lines.at(-1)).toMatch(/签发\s+系统（批准后自动签发）\s+1\s/);
    await expect(ops('history', { target: 'T-OPS-NOBODY' })).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('redrive moves dead letters back to the render queue', async () => {
    for (const body of ['{"dead":1}', '{"dead":2}'])
      await fx.clients.sqs.send(new SendMessageCommand({ QueueUrl: fx.resources.deadLetterQueueUrl, MessageBody: body }));
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
