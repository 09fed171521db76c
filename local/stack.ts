// The embedded local stack (design.md "Running on one machine"): dynalite-plus (DynamoDB and
// DynamoDB Streams, in this process) and fauxqs, started by the project itself, the pipeline's
// resources created in them, and SDK clients pointed at them. `npm start` starts it once; the
// vitest global setup starts it once per run.
//
// Notes for whoever runs or extends it (this folder's README, kept next to the code):
//  - Needs `npm ci` and nothing else: dynalite-plus (packages/dynalite-plus) is dynalite on
//    LevelDB plus transactions and streams, open source, in-process. The stack is up in tens of
//    milliseconds; startLocalStack logs how long it took.
//  - Use the clients returned here, or createLocalClients(endpoints): every client must carry an
//    explicit endpoint. fauxqs hands out queue URLs on `sqs.us-east-1.localhost`, which does not
//    resolve here; an SQSClient with an endpoint sends to that endpoint, not to the URL's host.
//  - S3 is path-style only (`forcePathStyle`). fauxqs does not check presigned signatures or
//    expiry: a presigned link works locally even when it would be refused on AWS.
//  - What persists: with `dataDir`, the table, its stream records and transaction tokens are kept
//    in `<dataDir>/dynamodb` (LevelDB); fauxqs keeps queues and messages in `<dataDir>/fauxqs/sqs`
//    (SQLite) and objects as files in `<dataDir>/fauxqs/s3` (fauxqs.ts). Each server stores a
//    write before it answers it, so what a client was told is done is there after a kill -9.
//  - Both servers listen on 127.0.0.1 only, on random ports. dynalite-plus runs in this process:
//    stop() closes it; if the process dies, nothing is left running.
import { join } from 'node:path';
import { startDynalitePlus } from '../packages/dynalite-plus/src/index.js';
import { parseResourceConfig, DEFAULT_RESOURCE_CONFIG } from '../lambdas/stores/resource-config.js';
import type { ResourceConfig, ResourceConfigInput } from '../lambdas/stores/resource-config.js';
import { createLocalClients, destroyClients } from './emulator-clients.js';
import type { AwsClients, LocalEndpoints } from './emulator-clients.js';
import { startFauxqsServer } from './fauxqs.js';
import { createResources } from './resources.js';
import type { CreatedResources } from './resources.js';

export interface LocalStackOptions {
  /** Keep the table, queues and objects in this folder across restarts; in memory when absent. */
  dataDir?: string;
  /** Progress lines: endpoints, start-up time. Silent when absent. */
  log?: (line: string) => void;
  /** Resource names; the defaults of `npm start` when absent. */
  resources?: ResourceConfigInput;
}

export interface LocalStack {
  endpoints: LocalEndpoints;
  config: ResourceConfig;
  resources: CreatedResources;
  clients: AwsClients;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const config = parseResourceConfig(options.resources ?? DEFAULT_RESOURCE_CONFIG);
  const [dynamo, fauxqs] = await Promise.allSettled([
    startDynalitePlus({ host: '127.0.0.1', ...(options.dataDir ? { path: join(options.dataDir, 'dynamodb') } : {}) }),
    startFauxqsServer({ log, ...(options.dataDir ? { dataDir: join(options.dataDir, 'fauxqs') } : {}) }),
  ]);
  if (dynamo.status === 'rejected' || fauxqs.status === 'rejected') {
    // Stop whichever half did start before reporting the failure.
    if (dynamo.status === 'fulfilled') await dynamo.value.close();
    if (fauxqs.status === 'fulfilled') await fauxqs.value.stop();
    throw dynamo.status === 'rejected' ? dynamo.reason : (fauxqs as PromiseRejectedResult).reason;
  }
  const endpoints: LocalEndpoints = { dynamodb: dynamo.value.endpoint, fauxqs: fauxqs.value.endpoint };
  const clients = createLocalClients(endpoints);
  const stop = async () => {
    destroyClients(clients);
    await Promise.all([dynamo.value.close(), fauxqs.value.stop()]);
  };
  try {
    const resources = await createResources(clients, config);
    log(
      `dynalite-plus (DynamoDB and DynamoDB Streams) on ${endpoints.dynamodb}${options.dataDir ? `, data in ${join(options.dataDir, 'dynamodb')}` : ', in memory'}`,
    );
    log(`table ${resources.tableName}, queue ${config.renderQueueName} (dead letters: ${config.deadLetterQueueName}), bucket ${resources.bucketName}`);
    log(`local stack up in ${Math.round(performance.now() - started)} ms`);
    return { endpoints, config, resources, clients, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
