// Fresh resources on the run's local stack for one test file: a table, a render queue with its
// dead-letter queue, and a bucket, all named with a random suffix.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createLocalClients } from '../../local/emulator-clients.js';
import type { AwsClients } from '../../local/emulator-clients.js';
import { createResources } from '../../local/resources.js';
import type { CreatedResources } from '../../local/resources.js';
import { parseResourceConfig } from '../../lambdas/stores/resource-config.js';
import type { ResourceConfig, ResourceConfigInput } from '../../lambdas/stores/resource-config.js';

export interface TestResources {
  clients: AwsClients;
  config: ResourceConfig;
  resources: CreatedResources;
}

export async function freshResources(overrides: Partial<ResourceConfigInput> = {}): Promise<TestResources> {
  const clients = createLocalClients(inject('localStack'));
  const suffix = randomBytes(4).toString('hex');
  const config = parseResourceConfig({
    tableName: `test-${suffix}`,
    renderQueueName: `test-render-${suffix}`,
    deadLetterQueueName: `test-render-dlq-${suffix}`,
    bucketName: `test-documents-${suffix}`,
    ...overrides,
  });
  return { clients, config, resources: await createResources(clients, config) };
}
