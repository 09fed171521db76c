// The whole pipeline on AWS (docs/architecture.md), one stack wiring four parts, read top to
// bottom as the flow:
//   storage: table (stream), documents bucket, render queue and dead-letter queues (storage.ts)
//   API and sign-in: HTTP API → API function, staff behind a JWT authorizer (api-and-sign-in.ts)
//   issuing: stream → Pipe or consumer → render queue → render worker → bucket; the bulk sweeper (issuing.ts)
//   monitoring: alarms → SNS topic for operators (monitoring.ts)
// The parts are ResourceGroups: their ids stay out of the logical ids (resource-group.ts), so the
// template is the one the single-constructor stack made and a deploy replaces nothing.
// Partition-aware: ARNs, endpoints and principals come from CDK and Aws.PARTITION/URL_SUFFIX, and
// the target (global or China, cdk/targets.ts) picks runtime, architecture and stream consumer.
// Shapes shared with the local stack come from the code they describe: the table's keys
// (lambdas/stores/keys.ts), the pipe's filter and input (lambdas/pipeline/pipe-filter.ts), the
// API's routes (lambdas/api/routes.ts), the functions' environment variables (typed by their zod schemas).
import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { CfnElement, StackProps } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { FontPackConfig } from '../lambdas/render/fonts.js';
import { ApiAndSignIn } from './api-and-sign-in.js';
import type { DeployConfig } from './config.js';
import { Issuing } from './issuing.js';
import { Monitoring } from './monitoring.js';
import { logicalIdOutsideGroups } from './resource-group.js';
import { Storage } from './storage.js';

export interface NoticeStackProps extends StackProps {
  config: DeployConfig;
  /** The folder holding package.json, package-lock.json, lambdas/ and templates/. */
  projectRoot: string;
  /** The font pack shipped with the worker, with absolute file paths on this machine. */
  fontPack: FontPackConfig;
}

export class NoticeStack extends Stack {
  readonly table: dynamodb.Table;
  readonly bucket: s3.Bucket;
  readonly renderQueue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly pipeDeadLetterQueue: sqs.Queue;
  readonly worker: NodejsFunction;
  readonly api: NodejsFunction;
  readonly bulkSweeper: NodejsFunction;
  readonly httpApi: apigw.HttpApi;
  readonly alarmTopic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[];
  /** Only with streamConsumer=function: the Lambda that does the Pipe's work. */
  readonly streamConsumer?: NodejsFunction;

  constructor(scope: Construct, id: string, props: NoticeStackProps) {
    super(scope, id, props);
    const { config, projectRoot, fontPack } = props;
    const storage = new Storage(this, 'Storage', config);
    const api = new ApiAndSignIn(this, 'ApiAndSignIn', { config, projectRoot, fontPack, storage });
    const issuing = new Issuing(this, 'Issuing', { config, projectRoot, fontPack, storage, publicBaseUrl: api.publicBaseUrl });
    const monitoring = new Monitoring(this, 'Monitoring', { config, storage, worker: issuing.worker, httpApi: api.httpApi });

    this.table = storage.table;
    this.bucket = storage.bucket;
    this.renderQueue = storage.renderQueue;
    this.deadLetterQueue = storage.deadLetterQueue;
    this.pipeDeadLetterQueue = storage.pipeDeadLetterQueue;
    this.api = api.fn;
    this.httpApi = api.httpApi;
    this.worker = issuing.worker;
    this.bulkSweeper = issuing.bulkSweeper;
    this.streamConsumer = issuing.streamConsumer;
    this.alarmTopic = monitoring.alarmTopic;
    this.alarms = monitoring.alarms;

    // What operators and the CLI need.
    new CfnOutput(this, 'ApiUrl', { value: api.publicBaseUrl, description: 'Base URL of the API, download links and verify pages' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'NOTICE_TABLE_NAME' });
    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName, description: 'NOTICE_BUCKET_NAME' });
    new CfnOutput(this, 'RenderQueueUrl', { value: this.renderQueue.queueUrl, description: 'NOTICE_RENDER_QUEUE_URL' });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetterQueue.queueUrl, description: 'NOTICE_DEAD_LETTER_QUEUE_URL (notice redrive)' });
    new CfnOutput(this, 'PipeDeadLetterQueueUrl', { value: this.pipeDeadLetterQueue.queueUrl, description: 'Stream records the pipe could not deliver' });
    new CfnOutput(this, 'StaffSignInIssuer', { value: api.staff.issuer, description: 'OpenID Connect issuer staff sign in with' });
    new CfnOutput(this, 'StaffSignInClientId', { value: api.staff.clientId, description: 'Client id of the staff console (the JWT audience)' });
    if (api.staff.pool) new CfnOutput(this, 'UserPoolId', { value: api.staff.pool.userPoolId, description: 'Cognito user pool of staff' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn, description: 'Subscribe operators here' });
    new CfnOutput(this, 'DocumentEventsTopicArn', { value: issuing.documentEvents.topicArn, description: 'One message per new document version' });
    new CfnOutput(this, 'RenderWorkerName', { value: this.worker.functionName, description: 'The render worker function' });
  }

  /** Logical ids as if every resource sat directly in the stack (resource-group.ts says why). */
  protected override allocateLogicalId(element: CfnElement): string {
    return logicalIdOutsideGroups(this, element);
  }
}
