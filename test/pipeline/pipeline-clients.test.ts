// The render worker's SDK clients: what it calls is built at init, what it may never call is not.
import { SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { workerConfig } from '../../lambdas/pipeline/config.js';
import { createPipelineDeps } from '../../lambdas/pipeline/deps.js';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import { createPipelineClients, createWorkerClients, destroyPipelineClients } from '../../lambdas/pipeline/pipeline-clients.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { pipelineFixture } from './fixture.js';

const fx = await pipelineFixture();

describe('the render worker’s clients', () => {
  it('issue a document through the table and the bucket, with no SQS client and SNS built only when asked for, once', async () => {
    const config = workerConfig(fx.env);
    const clients = createWorkerClients(config.aws);
    expect('sqs' in clients).toBe(false);
    const deps = createPipelineDeps(config, clients);
    await fx.seedCase('graduate-housing-subsidy', 'T-CLIENTS-1');
    const outcome = await processRenderMessage(deps, { messageId: 'm-clients', body: JSON.stringify(issueMessage('T-CLIENTS-1')) });
    expect(outcome.kind).toBe('recorded');
    expect(clients.sns).toBeInstanceOf(SNSClient);
    expect(clients.sns).toBe(clients.sns);
    destroyPipelineClients(clients);
  });

  it('give the operations commands the same SQS client on every read', () => {
    const clients = createPipelineClients(workerConfig(fx.env).aws);
    expect(clients.sqs).toBe(clients.sqs);
    destroyPipelineClients(clients);
  });
});
