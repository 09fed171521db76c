import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startDynamoDbLocal } from '../../lambdas/local/dynamodb-local.js';
import { createResources } from '../../lambdas/local/resources.js';
import { createLocalClients, destroyClients } from '../../lambdas/local/aws-clients.js';
import { parseResourceConfig } from '../../lambdas/stores/resource-config.js';

const dataDir = mkdtempSync(join(tmpdir(), 'dynamodb-local-test-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('startDynamoDbLocal', () => {
  it('says to install a JRE when there is no java to run', async () => {
    const lines: string[] = [];
    await expect(startDynamoDbLocal({ java: '/nonexistent/bin/java', log: (l) => lines.push(l) })).rejects.toMatchObject({
      code: 'JAVA_MISSING',
      message: expect.stringContaining('apt-get install -y default-jre-headless'),
    });
    expect(lines).toEqual([]); // it fails before fetching or starting anything
  });

  it('keeps tables in the data folder across a restart', async () => {
    const config = parseResourceConfig({ tableName: 'kept', renderQueueName: 'q', deadLetterQueueName: 'dlq', bucketName: 'kept-docs' });
    const tablesAfterStart = async (create: boolean): Promise<string[] | undefined> => {
      const dynamo = await startDynamoDbLocal({ dbPath: dataDir });
      // Queues and bucket go to the run's fauxqs; only the table lives in this DynamoDB Local.
      const clients = createLocalClients({ dynamodb: dynamo.endpoint, fauxqs: inject('localStack').fauxqs });
      try {
        if (create) await createResources(clients, config);
        return (await clients.dynamodb.send(new ListTablesCommand({}))).TableNames;
      } finally {
        destroyClients(clients);
        await dynamo.stop();
      }
    };
    expect(await tablesAfterStart(true)).toEqual(['kept']);
    expect(await tablesAfterStart(false)).toEqual(['kept']);
  });
});
