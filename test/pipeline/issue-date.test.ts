// A case dated in the future is not issued and uses up no 发文字号 of that year.
import { describe, expect, it } from 'vitest';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import { beijingToday } from '../../lambdas/beijing-time.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { pipelineFixture } from './fixture.js';

const fx = await pipelineFixture();

describe('the 成文日期 of a first issue', () => {
  it('is refused when it is after today in Beijing, with the date in the reason and no number taken', async () => {
    await fx.seedCase('platform-subsidy', 'T-DATE-FUTURE', { change: (c) => (c.approvedOn = '2099-06-01') });
    const outcome = await processRenderMessage(fx.deps, { messageId: 'm-date-1', body: JSON.stringify(issueMessage('T-DATE-FUTURE')) });
    expect(outcome).toMatchObject({ kind: 'failed', code: 'CASE_INVALID', reason: expect.stringContaining('成文日期：2099-06-01 晚于今天') });
    const stored = await fx.deps.cases.getCase('T-DATE-FUTURE');
    expect(stored).toMatchObject({ status: 'FAILED' });
    expect(stored?.documentNumber).toBeUndefined();
    // A case dated today is issued, and takes its year's first number: the refused case took none.
    await fx.seedCase('platform-subsidy', 'T-DATE-TODAY', { change: (c) => (c.approvedOn = beijingToday(new Date())) });
    const today = await processRenderMessage(fx.deps, { messageId: 'm-date-2', body: JSON.stringify(issueMessage('T-DATE-TODAY')) });
    expect(today).toMatchObject({ kind: 'recorded', documentNumber: expect.stringMatching(/〔\d{4}〕1号$/) });
  });
});
