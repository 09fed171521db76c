import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { createResources } from '../../local/resources.js';
import { parseResourceConfig } from '../../lambdas/stores/resource-config.js';
import { freshResources } from './fixture.js';

const { clients, config, resources } = await freshResources({ maxReceiveCount: 5, visibilityTimeoutSeconds: 45 });

describe('createResources', () => {
  it('creates the table with pk/sk, on demand, its three indexes and a NEW_AND_OLD_IMAGES stream', async () => {
    const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: config.tableName }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema, i.Projection?.ProjectionType])).toEqual([
      ['byDocId', [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }], 'ALL'],
      [
        'byTypeAndDate',
        [
          { AttributeName: 'docType', KeyType: 'HASH' },
          { AttributeName: 'approvedOn', KeyType: 'RANGE' },
        ],
        'INCLUDE',
      ],
      [
        'revokedByType',
        [
          { AttributeName: 'docType', KeyType: 'HASH' },
          { AttributeName: 'revokedAt', KeyType: 'RANGE' },
        ],
        'KEYS_ONLY',
      ],
    ]);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(resources.tableStreamArn).toBe(Table?.LatestStreamArn);
  });

  it('gives the render queue its visibility timeout and a redrive policy into the dead-letter queue', async () => {
    const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: resources.renderQueueUrl, AttributeNames: ['All'] }));
    expect(Attributes?.VisibilityTimeout).toBe('45');
    expect(JSON.parse(Attributes?.RedrivePolicy ?? '{}')).toEqual({ deadLetterTargetArn: resources.deadLetterQueueArn, maxReceiveCount: 5 });
  });

  it('can be run again on resources that exist', async () => {
    expect(await createResources(clients, config)).toEqual(resources);
  });

  it('refuses a kept table that lacks an index, saying what to do, since the local DynamoDB cannot add one', async () => {
    const tableName = `${config.tableName}-old`;
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    await expect(createResources(clients, { ...config, tableName })).rejects.toThrow(
      /byDocId, byTypeAndDate, revokedByType; delete the data folder's dynamodb directory/,
    );
  });
});

describe('parseResourceConfig', () => {
  it('defaults to three receives before the dead-letter queue', () => {
    const config = parseResourceConfig({ tableName: 'notice', renderQueueName: 'q', deadLetterQueueName: 'dlq', bucketName: 'docs' });
    expect(config.maxReceiveCount).toBe(3);
  });

  it('rejects a bucket name S3 would refuse, naming the field and the rule', () => {
    expect(() => parseResourceConfig({ tableName: 'notice', renderQueueName: 'q', deadLetterQueueName: 'dlq', bucketName: 'Docs_2026' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(/bucketName: an S3 bucket name/) }),
    );
  });
});
