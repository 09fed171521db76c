// Creates the pipeline's table, queues and bucket on the local stack, shaped as the CDK stack
// deploys them: one table (pk/sk, on-demand, byDocId index, NEW_AND_OLD_IMAGES stream), the render
// queue with a redrive policy into its dead-letter queue, and the documents bucket. Safe to call
// again on resources that exist (a table kept in a data folder survives restarts).
import { CreateTableCommand, DescribeTableCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { DOC_ID_INDEX, DOC_ID_INDEX_KEY, PARTITION_KEY, SORT_KEY } from '../stores/keys.js';
import type { ResourceConfig } from '../stores/resource-config.js';
import type { AwsClients } from './aws-clients.js';

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
          { AttributeName: PARTITION_KEY, AttributeType: 'S' },
          { AttributeName: SORT_KEY, AttributeType: 'S' },
          { AttributeName: DOC_ID_INDEX_KEY, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
          { AttributeName: SORT_KEY, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: DOC_ID_INDEX,
            KeySchema: [{ AttributeName: DOC_ID_INDEX_KEY, KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
  if (!Table?.LatestStreamArn) throw new Error(`table ${tableName} exists but has no stream; delete it and start again`);
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
  const { Attributes } = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
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
