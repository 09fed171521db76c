// `notice regenerate <caseId> --preview`: the console's preview from the command line — the
// changed fields by their Chinese names and the would-be PDF in a file, with nothing queued.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOpsCommand } from '../../cli/ops.js';
import { queueDepth } from '../../local/drain.js';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { pipelineFixture } from '../pipeline/fixture.js';
import { tempDir } from '../support/temp-dirs.js';

const fx = await pipelineFixture();

describe('notice regenerate --preview', () => {
  it('prints the changed fields and writes the would-be PDF, queueing nothing', async () => {
    await fx.seedCase('skill-grand-award', 'T-OPS-PREVIEW', { change: (c) => ((c.recipient as { name: string }).name = '周文华') });
    await processRenderMessage(fx.deps, { messageId: 'm-preview', body: JSON.stringify(issueMessage('T-OPS-PREVIEW')) });
    const stored = await fx.deps.cases.getCase('T-OPS-PREVIEW');
    const data = structuredClone(stored!.data) as { recipient: { name: string } };
    data.recipient.name = '周文骅';
    await fx.deps.cases.putCase({ ...data, caseId: 'T-OPS-PREVIEW', status: stored!.status });

    const file = join(tempDir('notice-preview-'), 'preview.pdf');
    const out: string[] = [];
    await runOpsCommand(
      'regenerate',
      { target: 'T-OPS-PREVIEW', preview: true, out: file },
      { out: (l) => out.push(l), progress: () => undefined, env: fx.env },
    );
    const text = out.join('\n');
    expect(text).toMatch(/^preview of T-OPS-PREVIEW \(中华技能大奖奖励, .+\): would replace version 1; nothing was queued or stored/);
    expect(text).toMatch(/获奖人姓名（名称）\s+周文华\s+周文骅/);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await queueDepth(fx.clients.sqs, fx.resources.renderQueueUrl)).toBe(0);
    expect((await fx.deps.versions.listVersions('T-OPS-PREVIEW')).length).toBe(1);
  });
});
