// The render-worker Lambda: SQS batch → use cases → partial batch response. Configuration,
// clients, the font pack and the logger are set up once per execution environment, at module
// load (Lambda's init phase), and reused by every invocation; a font face is parsed, and the SNS
// client built, when first used. The local stack runs the same
// factory with the same configuration schema (local/sqs-trigger.ts hands it the events).
import { createWorkerClients } from '../pipeline/pipeline-clients.js';
import { workerConfig } from '../pipeline/config.js';
import { createPipelineDeps } from '../pipeline/deps.js';
import { createWorkerLogger } from './logger.js';
import { createRenderBatchHandler } from './render-batch.js';

const config = workerConfig(process.env);
const deps = createPipelineDeps(config, createWorkerClients(config.aws));

export const handler = createRenderBatchHandler(deps, { logger: createWorkerLogger() });
