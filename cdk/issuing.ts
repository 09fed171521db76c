// Issuing, in the order a case travels: the table's stream → only cases that became APPROVED,
// shaped into `issue` messages (an EventBridge Pipe, or where Pipes is not used a small function
// with the same filter and shaping) → the render queue → the render worker, which renders, stores
// and records documents and announces each new version. The bulk-run sweeper keeps bulk
// regenerations moving when their sender died.
import { join } from 'node:path';
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { WorkerEnv } from '../lambdas/pipeline/config.js';
import { RENDER_PIPE_FILTER_CRITERIA, RENDER_PIPE_INPUT_TEMPLATE } from '../lambdas/pipeline/pipe-filter.js';
import type { FontPackConfig } from '../lambdas/render/fonts.js';
import { afterBundling, bundlingOptions } from './bundling.js';
import { accept, acceptRuntime, functionBasics, renderEnvironment } from './lambda-function.js';
import type { FunctionSettings } from './lambda-function.js';
import { ResourceGroup } from './resource-group.js';
import type { Storage } from './storage.js';
import { LAMBDA_TASK_ROOT, workerAssetCommands, workerAssetEnvironment } from './worker-asset.js';

export interface IssuingProps extends FunctionSettings {
  storage: Storage;
  /** The font pack shipped with the worker, with absolute file paths on this machine. */
  fontPack: FontPackConfig;
  /** Where the QR code of each document points (the API's verify page). */
  publicBaseUrl: string;
}

export class Issuing extends ResourceGroup {
  readonly worker: NodejsFunction;
  readonly bulkSweeper: NodejsFunction;
  /** One message per new document version, for whoever tells recipients. */
  readonly documentEvents: sns.Topic;
  /** Only with streamConsumer=function: the Lambda that does the Pipe's work. */
  readonly streamConsumer?: NodejsFunction;

  constructor(scope: Construct, id: string, props: IssuingProps) {
    super(scope, id);
    this.documentEvents = new sns.Topic(this, 'DocumentEventsTopic', { displayName: 'notice-pipeline document versions', enforceSSL: true });
    this.worker = this.renderWorker(props);
    this.bulkSweeper = bulkRunSweeper(this, props);
    if (props.config.streamConsumer === 'pipe') renderPipe(this, props.storage);
    else this.streamConsumer = streamConsumerFunction(this, props);
  }

  private renderWorker(props: IssuingProps): NodejsFunction {
    const { config, storage } = props;
    const worker = new NodejsFunction(this, 'RenderWorker', {
      ...functionBasics(this, 'RenderWorker', props),
      entry: join(props.projectRoot, 'lambdas/handlers/render-worker.ts'),
      description: 'Renders, stores and records official documents from render-queue messages',
      memorySize: config.workerMemoryMb,
      timeout: Duration.seconds(config.workerTimeoutSeconds),
      environment: {
        ...({
          NOTICE_TABLE_NAME: storage.table.tableName,
          NOTICE_BUCKET_NAME: storage.bucket.bucketName,
          NOTICE_VERIFY_BASE_URL: props.publicBaseUrl,
          NOTICE_NOTIFY_TOPIC_ARN: this.documentEvents.topicArn,
        } satisfies Omit<WorkerEnv, 'AWS_REGION'>),
        ...renderEnvironment(config),
        ...workerAssetEnvironment(LAMBDA_TASK_ROOT, config.sealImage !== undefined),
      },
      bundling: bundlingOptions({
        commandHooks: afterBundling((outputDir) =>
          workerAssetCommands({ projectRoot: props.projectRoot, fontPack: props.fontPack, sealImage: config.sealImage }, outputDir),
        ),
      }),
    });
    acceptRuntime(worker, config);
    worker.addEventSource(
      new SqsEventSource(storage.renderQueue, {
        batchSize: config.workerBatchSize,
        maxBatchingWindow: Duration.seconds(config.workerBatchingWindowSeconds),
        reportBatchItemFailures: true,
        maxConcurrency: config.workerMaxConcurrency,
      }),
    );
    // Cases, 发文字号 counters, versions, request markers, audit events and rejections: read
    // with GetItem/Query (consistent), written with Put/Update and TransactWriteItems of those.
    storage.grantTable(worker, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'], false);
    // PutObject with If-None-Match; HeadObject (s3:GetObject) to tell a redelivery from a conflict.
    storage.grantDocuments(worker, ['s3:PutObject', 's3:GetObject']);
    this.documentEvents.grantPublish(worker);
    if (config.kmsSigning) signingKey(this, worker, config.stackName);
    if (config.signingTsaUrl) worker.addEnvironment('NOTICE_SIGNING_TSA_URL', config.signingTsaUrl);
    return worker;
  }
}

/**
 * What KMS signing takes: an asymmetric RSA_2048 key (deterministic PKCS#1 v1.5 signatures, so
 * documents stay byte-identical) that only the worker may use, and only for kms:Sign; the worker
 * reads the certificate issued for it from one SSM parameter the operator fills (docs/operations.md).
 */
function signingKey(scope: Construct, worker: NodejsFunction, stackName: string): kms.Key {
  const key = new kms.Key(scope, 'SigningKey', {
    description: 'Signs the PAdES signature of each issued document (the worker only, kms:Sign only)',
    keySpec: kms.KeySpec.RSA_2048,
    keyUsage: kms.KeyUsage.SIGN_VERIFY,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.grant(worker, 'kms:Sign');
  const parameterName = `/${stackName}/signing-certificate`;
  const parameterArn = Stack.of(scope).formatArn({ service: 'ssm', resource: 'parameter', resourceName: parameterName.slice(1) });
  worker.addToRolePolicy(new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: [parameterArn] }));
  worker.addEnvironment('NOTICE_SIGNING_KMS_KEY', key.keyArn);
  worker.addEnvironment('NOTICE_SIGNING_CERT_PARAMETER', parameterName);
  new CfnOutput(scope, 'SigningKeyArn', {
    value: key.keyArn,
    description: `KMS key that signs documents; store its certificate chain (PEM) in SSM parameter ${parameterName}`,
  });
  return key;
}

/**
 * Every minute, queues the parts of bulk runs the API recorded but did not queue itself, and
 * sends again the requests that still have no outcome 15 minutes after they were queued
 * (lambdas/api/bulk-regeneration.ts sweepBulkRuns): a run whose sender died half-way still
 * finishes, and the request ids keep resends from making versions.
 */
function bulkRunSweeper(scope: Construct, props: IssuingProps): NodejsFunction {
  const { storage } = props;
  const fn = new NodejsFunction(scope, 'BulkSweeper', {
    ...functionBasics(scope, 'BulkSweeper', props),
    entry: join(props.projectRoot, 'lambdas/handlers/bulk-sweeper.ts'),
    description: 'Queues recorded bulk-regeneration runs and re-queues requests that have no outcome long after they were queued',
    memorySize: 512,
    timeout: Duration.minutes(5),
    environment: { NOTICE_TABLE_NAME: storage.table.tableName, NOTICE_RENDER_QUEUE_URL: storage.renderQueue.queueUrl },
    bundling: bundlingOptions(),
  });
  // Runs, their case lists, request markers, cases and rejections (Get, BatchGet, Query); the run's and its parts' queue times (Update).
  storage.grantTable(fn, ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], false);
  storage.renderQueue.grantSendMessages(fn);
  new events.Rule(scope, 'BulkSweeperSchedule', {
    description: 'Queues bulk regenerations and finishes those whose sender died',
    schedule: events.Schedule.rate(Duration.minutes(1)),
    targets: [new targets.LambdaFunction(fn, { retryAttempts: 0 })],
  });
  acceptRuntime(fn, props.config);
  return fn;
}

/** Table stream → render queue through an EventBridge Pipe: the filter and input template of lambdas/pipeline/pipe-filter.ts. */
function renderPipe(scope: Construct, storage: Storage): CfnPipe {
  const role = new iam.Role(scope, 'RenderPipeRole', {
    assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } } }),
  });
  const streamArn = storage.table.tableStreamArn!;
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
      resources: [streamArn],
    }),
  );
  storage.renderQueue.grantSendMessages(role);
  storage.pipeDeadLetterQueue.grantSendMessages(role);
  const logGroup = new logs.LogGroup(scope, 'RenderPipeLogs', { retention: logs.RetentionDays.THREE_MONTHS });
  logGroup.grantWrite(role);

  const pipe = new CfnPipe(scope, 'RenderPipe', {
    roleArn: role.roleArn,
    description: 'Cases that became APPROVED → issue messages on the render queue',
    source: streamArn,
    sourceParameters: {
      dynamoDbStreamParameters: {
        // From the oldest record kept (24 h): a pipe replaced during a deploy misses no approval;
        // a repeat is harmless because the issue request id is derived from the case.
        startingPosition: 'TRIM_HORIZON',
        batchSize: 10,
        maximumRetryAttempts: 10,
        onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
        deadLetterConfig: { arn: storage.pipeDeadLetterQueue.queueArn },
      },
      filterCriteria: RENDER_PIPE_FILTER_CRITERIA,
    },
    target: storage.renderQueue.queueArn,
    targetParameters: { inputTemplate: RENDER_PIPE_INPUT_TEMPLATE },
    logConfiguration: { level: 'ERROR', cloudwatchLogsLogDestination: { logGroupArn: logGroup.logGroupArn } },
  });
  pipe.node.addDependency(role);
  return pipe;
}

/** The stream pipe's work as a function (streamConsumer=function), with the pipe's retry and dead-letter behaviour. */
function streamConsumerFunction(scope: Construct, props: IssuingProps): NodejsFunction {
  const { storage } = props;
  const fn = new NodejsFunction(scope, 'StreamConsumer', {
    ...functionBasics(scope, 'StreamConsumer', props),
    entry: join(props.projectRoot, 'lambdas/handlers/stream-consumer.ts'),
    description: 'Cases that became APPROVED → issue messages on the render queue (in place of an EventBridge Pipe)',
    memorySize: 256,
    timeout: Duration.seconds(30),
    environment: { NOTICE_TABLE_NAME: storage.table.tableName, NOTICE_RENDER_QUEUE_URL: storage.renderQueue.queueUrl },
    bundling: bundlingOptions(),
  });
  fn.addEventSource(
    new DynamoEventSource(storage.table, {
      // As the pipe: from the oldest record kept, 10 at a time, retried and bisected, then dead-lettered.
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 10,
      retryAttempts: 10,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(storage.pipeDeadLetterQueue),
    }),
  );
  storage.renderQueue.grantSendMessages(fn);
  accept(
    fn.role!,
    'AwsSolutions-IAM5[Resource::*]',
    'The DynamoDB event source grants dynamodb:ListStreams, which has no resource-level permissions (it takes Resource *); reading records is granted on this table’s stream only.',
  );
  acceptRuntime(fn, props.config);
  return fn;
}
