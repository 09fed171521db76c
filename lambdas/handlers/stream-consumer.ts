// The stream-consumer Lambda (only where EventBridge Pipes is not used): table stream → render
// queue, with the Pipe's filter and shaping (lambdas/pipeline/stream-to-queue.ts).
import { Logger } from '@aws-lambda-powertools/logger';
import { createPipelineClients } from '../pipeline/pipeline-clients.js';
import { opsConfig } from '../pipeline/config.js';
import { IssueMessage } from '../pipeline/messages.js';
import { createStreamConsumer } from '../pipeline/stream-to-queue.js';
import { RenderQueue } from '../stores/render-queue.js';
import { maskingReplacer } from './logger.js';

const config = opsConfig(process.env);
const { sqs } = createPipelineClients(config.aws);

const logger = new Logger({ serviceName: 'notice-stream-consumer', jsonReplacerFn: maskingReplacer });

export const handler = createStreamConsumer(new RenderQueue(sqs, config.renderQueueUrl, IssueMessage), {
  error: (message, fields) => logger.error(message, fields ?? {}),
});
