// Where the pipeline keeps things: one table (its stream feeds issuing), the documents bucket and
// its access-log bucket, the render queue and the two dead-letter queues. The table and the
// buckets keep their data when the stack is deleted. Grants on the table and the documents go
// through here, so each stops at what the caller needs.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { PARTITION_KEY, SECONDARY_INDEXES, SORT_KEY } from '../lambdas/stores/keys.js';
import type { DeployConfig } from './config.js';
import { accept } from './lambda-function.js';
import { renderQueueTiming } from './queue-timing.js';
import { ResourceGroup } from './resource-group.js';

/** Where the worker writes PDFs (lambdas/pipeline/document-identity.ts documentKey); grants stop there. */
export const DOCUMENTS_PREFIX = 'documents/';

export class Storage extends ResourceGroup {
  readonly table: dynamodb.Table;
  readonly bucket: s3.Bucket;
  readonly renderQueue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly pipeDeadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, config: DeployConfig) {
    super(scope, id);
    this.table = caseTable(this, config.tableIndexes);
    this.bucket = documentsBucket(this, config.logRetentionDays);

    // The render queue's visibility timeout follows the worker's timeout (queue-timing.ts).
    const timing = renderQueueTiming({
      workerTimeoutSeconds: config.workerTimeoutSeconds,
      batchingWindowSeconds: config.workerBatchingWindowSeconds,
    });
    this.deadLetterQueue = new sqs.Queue(this, 'RenderDeadLetterQueue', {
      // SQS keeps a message's original enqueue time when it dead-letters it: the DLQ must keep
      // messages longer than the source queue, or they expire before anyone looks.
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.renderQueue = new sqs.Queue(this, 'RenderQueue', {
      visibilityTimeout: Duration.seconds(timing.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: config.maxReceiveCount },
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.pipeDeadLetterQueue = new sqs.Queue(this, 'PipeDeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    accept(
      this.pipeDeadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is the dead-letter target of the stream pipe; a dead-letter queue has no dead-letter queue of its own.',
    );
  }

  /** `actions` on the table, and with `withIndex` on its secondary indexes too. */
  grantTable(fn: lambda.IFunction, actions: string[], withIndex: boolean): void {
    const resources = [this.table.tableArn, ...(withIndex ? SECONDARY_INDEXES.map((i) => `${this.table.tableArn}/index/${i.name}`) : [])];
    fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources }));
  }

  /** `actions` on the documents under DOCUMENTS_PREFIX, nothing else in the bucket. */
  grantDocuments(fn: lambda.IFunction, actions: string[]): void {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [this.bucket.arnForObjects(`${DOCUMENTS_PREFIX}*`)] }));
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    accept(
      fn.role!,
      `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${DOCUMENTS_PREFIX}*]`,
      `Document keys are made per case and version (${DOCUMENTS_PREFIX}<caseId>/<docType>/<docId>-<hash>.pdf); the grant stops at that prefix.`,
    );
  }
}

/** Cases, counters, versions and the rest (lambdas/stores/keys.ts), with the stream issuing reads. */
function caseTable(scope: Construct, indexCount: number): dynamodb.Table {
  const table = new dynamodb.Table(scope, 'Table', {
    partitionKey: { name: PARTITION_KEY, type: dynamodb.AttributeType.STRING },
    sortKey: { name: SORT_KEY, type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    // Old images too: the pipe passes a case only when it *became* APPROVED.
    stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // docId lookups, and the bulk selection's indexes (lambdas/stores/keys.ts). DynamoDB adds one
  // index per update: an older stack steps up with tableIndexes (docs/operations.md).
  for (const index of SECONDARY_INDEXES.slice(0, indexCount)) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
      ...(index.sortKey ? { sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING } } : {}),
      ...(typeof index.projection === 'string'
        ? { projectionType: index.projection === 'ALL' ? dynamodb.ProjectionType.ALL : dynamodb.ProjectionType.KEYS_ONLY }
        : { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] }),
    });
  }
  return table;
}

/** The issued PDFs, versioned, with server access logs kept for the log retention period. */
function documentsBucket(scope: Construct, logRetentionDays: number): s3.Bucket {
  const accessLogs = new s3.Bucket(scope, 'AccessLogs', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ expiration: Duration.days(logRetentionDays) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  return new s3.Bucket(scope, 'Documents', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: 'documents-bucket/',
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
