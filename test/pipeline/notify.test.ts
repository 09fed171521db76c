import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { LOCAL_REGION } from '../../local/emulator-clients.js';
import { createPipelineClients } from '../../lambdas/pipeline/pipeline-clients.js';
import { workerConfig } from '../../lambdas/pipeline/config.js';
import { createPipelineDeps } from '../../lambdas/pipeline/deps.js';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { pipelineFixture } from './fixture.js';

const fx = await pipelineFixture();

describe('notifying subscribers', () => {
  it('publishes one notice per new version to the configured topic, naming the version and not the person', async () => {
    const sns = new SNSClient({ endpoint: fx.env.NOTICE_SNS_ENDPOINT, region: LOCAL_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `notices-${fx.config.tableName}` }));
    // The dead-letter queue stands in for a subscriber's queue: this test sends it nothing else.
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: fx.resources.deadLetterQueueArn, Attributes: { RawMessageDelivery: 'true' } }));
    const config = workerConfig({ ...fx.env, NOTICE_NOTIFY_TOPIC_ARN: TopicArn });
    const deps = createPipelineDeps(config, createPipelineClients(config.aws));

    await fx.seedCase('graduate-housing-subsidy', 'T-NOTIFY-1');
    const delivery = { messageId: 'm-notify', body: JSON.stringify(issueMessage('T-NOTIFY-1')) };
    const outcome = await processRenderMessage(deps, delivery);
    await processRenderMessage(deps, delivery); // a repeat delivery tells nobody again

    const { Messages } = await fx.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: fx.resources.deadLetterQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    expect(Messages ?? []).toHaveLength(1);
    const notice = JSON.parse(Messages![0]!.Body ?? '');
    expect(notice).toMatchObject({ kind: 'issued', caseId: 'T-NOTIFY-1', version: 1, docType: 'graduate-housing-subsidy' });
    expect(outcome).toMatchObject({ kind: 'recorded', docId: notice.docId });
    expect(JSON.stringify(notice)).not.toMatch(/recipient|idNumber|name/);
    sns.destroy();
  });
});
