// Creates the pipeline's table, queues and bucket on the local stack, shaped as the CDK stack
// deploys them: one table (pk/sk, on-demand, its secondary indexes, NEW_AND_OLD_IMAGES stream), the render
// queue with a redrive policy into its dead-letter queue, and the documents bucket. Safe to call
// again on resources that exist (a table kept in a data folder survives restarts).
import { CreateTableCommand, DescribeTableCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { PARTITION_KEY, SECONDARY_INDEXES, SORT_KEY } from '../lambdas/stores/keys.js';
import type { ResourceConfig } from '../lambdas/stores/resource-config.js';
import type { AwsClients } from './emulator-clients.js';

export interface CreatedResources {
  tableName: string;
  tableStreamArn: string;
  renderQueueUrl: string;
  renderQueueArn: string;
  deadLetterQueueUrl: string;
  deadLetterQueueArn: string;
  bucketName: string;
}

export async function createResources(clients: AwsClients, config: ResourceConfig): Promise<CreatedResources> {
  const [tableStreamArn, queues] = await Promise.all([
    createTable(clients, config.tableName),
    createQueues(clients, config),
    createBucket(clients, config.bucketName),
  ]);
  return { tableName: config.tableName, tableStreamArn, ...queues, bucketName: config.bucketName };
}

async function createTable(clients: AwsClients, tableName: string): Promise<string> {
  try {
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          ...new Set([PARTITION_KEY, SORT_KEY, ...SECONDARY_INDEXES.flatMap((i) => [i.partitionKey, ...(i.sortKey ? [i.sortKey] : [])])]),
        ].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
        KeySchema: [
          { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
          { AttributeName: SORT_KEY, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: SECONDARY_INDEXES.map((i) => ({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
            ...(i.sortKey ? [{ AttributeName: i.sortKey, KeyType: 'RANGE' as const }] : []),
          ],
          Projection:
            typeof i.projection === 'string' ? { ProjectionType: i.projection } : { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...i.projection] },
        })),
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
  if (!Table?.LatestStreamArn) throw new Error(`table ${tableName} exists but has no stream; delete it and start again`);
  // The local DynamoDB cannot add an index to a table (on AWS, the stack update adds it and builds it from the items).
  const missing = SECONDARY_INDEXES.filter((i) => !Table.GlobalSecondaryIndexes?.some((have) => have.IndexName === i.name)).map((i) => i.name);
  if (missing.length > 0) {
    throw new Error(
      `table ${tableName} was created before its index(es) ${missing.join(', ')}; delete the data folder's dynamodb directory and start again (the demo cases are seeded anew)`,
    );
  }
  return Table.LatestStreamArn;
}

async function createQueues(
  clients: AwsClients,
  config: ResourceConfig,
): Promise<Pick<CreatedResources, 'renderQueueUrl' | 'renderQueueArn' | 'deadLetterQueueUrl' | 'deadLetterQueueArn'>> {
  const deadLetterQueueUrl = await createQueue(clients, config.deadLetterQueueName, {
    // Keep dead letters for the 14-day maximum: an operator must see them before they go.
    MessageRetentionPeriod: String(14 * 24 * 3600),
  });
  const deadLetterQueueArn = await queueArn(clients, deadLetterQueueUrl);
  const renderQueueUrl = await createQueue(clients, config.renderQueueName, {
    VisibilityTimeout: String(config.visibilityTimeoutSeconds),
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterQueueArn, maxReceiveCount: config.maxReceiveCount }),
  });
  return { renderQueueUrl, renderQueueArn: await queueArn(clients, renderQueueUrl), deadLetterQueueUrl, deadLetterQueueArn };
}

async function createQueue(clients: AwsClients, name: string, attributes: Record<string, string>): Promise<string> {
  const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (!QueueUrl) throw new Error(`CreateQueue ${name} returned no queue URL`);
  return QueueUrl;
}

async function queueArn(clients: AwsClients, queueUrl: string): Promise<string> {
  const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  if (!Attributes?.QueueArn) throw new Error(`queue ${queueUrl} has no QueueArn attribute`);
  return Attributes.QueueArn;
}

async function createBucket(clients: AwsClients, bucketName: string): Promise<void> {
  try {
    await clients.s3.send(new CreateBucketCommand({ Bucket: bucketName }));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'BucketAlreadyOwnedByYou')) throw error;
  }
}
