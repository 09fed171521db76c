// The embedded local stack (design.md "Running on one machine"): DynamoDB Local and fauxqs,
// started by the project itself, the pipeline's resources created in them, and SDK clients
// pointed at them. `npm start` starts it once; the vitest global setup starts it once per run.
//
// What persists: with `dataDir`, DynamoDB Local keeps its tables in `<dataDir>/dynamodb`.
// fauxqs has no persistence, so queues and S3 objects start empty every time; after a restart
// the table can name documents whose PDFs are gone, and they must be issued again.
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
  /** Keep the table in this folder across restarts; everything is in memory when absent. */
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
    startFauxqsServer({ log }),
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
