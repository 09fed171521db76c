// The bulk-run sweeper Lambda, every minute (cdk/issuing.ts bulkRunSweeper): queues the parts of
// bulk regenerations the API recorded but did not queue itself (it queues only the first), and
// sends again the requests that have no outcome long after they were queued, so a run whose
// sender died half-way through its queue writes still finishes.
// Thin: configuration and clients here, the use case in lambdas/api/bulk-regeneration.ts.
import { Logger } from '@aws-lambda-powertools/logger';
import { createBulkDeps, sweepBulkRuns } from '../api/bulk-regeneration.js';
import type { SweepResult } from '../api/bulk-regeneration.js';
import { createPipelineClients } from '../pipeline/pipeline-clients.js';
import { opsConfig } from '../pipeline/config.js';
import { maskingReplacer } from './logger.js';

const logger = new Logger({ serviceName: 'notice-bulk-sweeper', jsonReplacerFn: maskingReplacer });

export async function handler(): Promise<SweepResult> {
  const config = opsConfig(process.env);
  const clients = createPipelineClients(config.aws);
  const result = await sweepBulkRuns(
    createBulkDeps(clients.documents, clients.sqs, config, {
      info: (message, fields) => logger.info(message, fields ?? {}),
      warn: (message, fields) => logger.warn(message, fields ?? {}),
      error: (message, fields) => logger.error(message, fields ?? {}),
    }),
  );
  logger.info('bulk runs swept', { queued: result.queued, resent: result.resent });
  return result;
}
