// The whole pipeline on AWS (design.md "On AWS"), one stack, read top to bottom as the flow:
//   table (stream) → Pipe (APPROVED only, shaped into `issue` messages) → render queue (+ DLQ)
//   → render worker (SQS event source, partial batch responses) → documents bucket
//   HTTP API → API function (staff routes behind a JWT authorizer for the staff's OpenID Connect
//   issuer: the agency's own, or a Cognito pool this stack creates in the global regions)
//   alarms → SNS topic for operators.
// Partition-aware: ARNs, endpoints and principals come from CDK and Aws.PARTITION/URL_SUFFIX, and
// the target (global or China, cdk/targets.ts) picks runtime, architecture and stream consumer.
// Shapes shared with the local stack come from the code they describe: the table's keys
// (lambdas/stores/keys.ts), the queue defaults (resource-config.ts), the pipe's filter and input
// (lambdas/pipeline/pipe-filter.ts), the API's routes (lambdas/api/routes.ts), the functions' environment
// variables (typed by their zod schemas).
import { dirname, join } from 'node:path';
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import { API_ROUTES } from '../lambdas/api/routes.js';
import type { RouteId } from '../lambdas/api/routes.js';
import type { WorkerEnv } from '../lambdas/pipeline/config.js';
import type { FontPackConfig } from '../lambdas/render/fonts.js';
import { PARTITION_KEY, SECONDARY_INDEXES, SORT_KEY } from '../lambdas/stores/keys.js';
import { afterBundling, bundlingOptions } from './bundling.js';
import { CONSOLE_SCRIPT_ASSET, consoleScriptFile } from './console-asset.js';
import type { DeployConfig } from './config.js';
import { RENDER_PIPE_FILTER_CRITERIA, RENDER_PIPE_INPUT_TEMPLATE } from '../lambdas/pipeline/pipe-filter.js';
import { renderQueueTiming } from './queue-timing.js';
import { LAMBDA_RUNTIMES, PARAMS_AND_SECRETS_VERSION, apiArchitecture } from './targets.js';
import type { LambdaArchitectureName, LambdaRuntimeName } from './targets.js';
import { LAMBDA_TASK_ROOT, UNBUNDLED_PACKAGES, shellQuote, workerAssetCommands, workerAssetEnvironment } from './worker-asset.js';
import { PDF_VIEWER_FILES, PDF_VIEWER_SOURCE_DIR } from '../lambdas/api/pages/pdf-viewer.js';

/** Where the worker writes PDFs (lambdas/pipeline/document-identity.ts documentKey); grants stop there. */
export const DOCUMENTS_PREFIX = 'documents/';

/** Where the API function's asset holds pdf.js for the staff console (NOTICE_PDFJS_DIR). */
const PDF_VIEWER_ASSET_DIR = 'pdfjs';

/** A message waiting this long means the worker is not keeping up or keeps failing it. */
export const OLDEST_MESSAGE_ALARM_SECONDS = 15 * 60;

export interface NoticeStackProps extends StackProps {
  config: DeployConfig;
  /** The folder holding package.json, package-lock.json, lambdas/ and templates/. */
  projectRoot: string;
  /** The font pack shipped with the worker, with absolute file paths on this machine. */
  fontPack: FontPackConfig;
}

const NODE_RUNTIMES: Record<LambdaRuntimeName, lambda.Runtime> = {
  'nodejs24.x': lambda.Runtime.NODEJS_24_X,
  'nodejs22.x': lambda.Runtime.NODEJS_22_X,
  'nodejs20.x': lambda.Runtime.NODEJS_20_X,
};

/** Records why a cdk-nag finding is accepted; the reason is read in review, so make it specific. */
function accept(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
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
  readonly alarms: cloudwatch.Alarm[] = [];
  /** Only with streamConsumer=function: the Lambda that does the Pipe's work. */
  streamConsumer?: NodejsFunction;

  constructor(scope: Construct, id: string, props: NoticeStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRetention = config.logRetentionDays as logs.RetentionDays;

    // ---------------------------------------------------------------------------------------
    // Data: one table, one bucket. Both keep their data when the stack is deleted.

    this.table = new dynamodb.Table(this, 'Table', {
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
    for (const index of SECONDARY_INDEXES.slice(0, config.tableIndexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        ...(index.sortKey ? { sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING } } : {}),
        ...(typeof index.projection === 'string'
          ? { projectionType: index.projection === 'ALL' ? dynamodb.ProjectionType.ALL : dynamodb.ProjectionType.KEYS_ONLY }
          : { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] }),
      });
    }

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(config.logRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new s3.Bucket(this, 'Documents', {
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

    // ---------------------------------------------------------------------------------------
    // Queues. The render queue's visibility timeout follows the worker's timeout (queue-timing.ts).

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
    accept(this.pipeDeadLetterQueue, 'AwsSolutions-SQS3', 'This queue is the dead-letter target of the stream pipe; a dead-letter queue has no dead-letter queue of its own.');

    // ---------------------------------------------------------------------------------------
    // Topics: alarms for operators; document events for whoever tells recipients.

    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { displayName: 'notice-pipeline alarms', enforceSSL: true });
    if (config.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));

    const documentEvents = new sns.Topic(this, 'DocumentEventsTopic', { displayName: 'notice-pipeline document versions', enforceSSL: true });

    const linkSecret = new secretsmanager.Secret(this, 'LinkSecret', {
      description: 'HMAC key that signs recipients’ download links',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    accept(linkSecret, 'AwsSolutions-SMG4', 'Rotating the link key invalidates every download link already sent to recipients; it is rotated by hand with the procedure in docs/operations.md, when a leak is suspected.');

    // ---------------------------------------------------------------------------------------
    // HTTP API (its URL goes into both functions and the sign-in client before routes exist),
    // and staff identity: any OpenID Connect issuer, or a Cognito user pool created here.

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'notice-pipeline: staff regeneration, recipient download, public verification',
      createDefaultStage: false,
    });
    const apiAccessLogs = new logs.LogGroup(this, 'HttpApiAccessLogs', { retention: logRetention });
    new apigw.HttpStage(this, 'HttpApiStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      // Common Log Format: request id, caller IP, route, status. Paths carry case and document
      // ids, never an ID number.
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(apiAccessLogs) },
      // A ceiling against floods; far above what clerks and recipients send (docs/scale.md).
      throttle: { rateLimit: config.apiRateLimit, burstLimit: config.apiBurstLimit },
    });
    const apiUrl = `https://${this.httpApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    const publicBaseUrl = config.publicBaseUrl?.replace(/\/+$/, '') ?? apiUrl;

    const staff = this.staffSignIn(config, publicBaseUrl);
    // API Gateway reads <issuer>/.well-known/openid-configuration and the key set it names; both must be reachable from the internet.
    const authorizer = new HttpJwtAuthorizer('StaffAuthorizer', staff.issuer, { jwtAudience: [staff.clientId] });

    // ---------------------------------------------------------------------------------------
    // The render worker.

    const worker = new NodejsFunction(this, 'RenderWorker', {
      ...this.functionBasics('RenderWorker', props, logRetention, config.lambdaArchitecture),
      entry: join(props.projectRoot, 'lambdas/handlers/render-worker.ts'),
      description: 'Renders, stores and records official documents from render-queue messages',
      memorySize: config.workerMemoryMb,
      timeout: Duration.seconds(config.workerTimeoutSeconds),
      environment: {
        ...({
          NOTICE_TABLE_NAME: this.table.tableName,
          NOTICE_BUCKET_NAME: this.bucket.bucketName,
          NOTICE_VERIFY_BASE_URL: publicBaseUrl,
          NOTICE_NOTIFY_TOPIC_ARN: documentEvents.topicArn,
        } satisfies Omit<WorkerEnv, 'AWS_REGION'>),
        ...renderEnvironment(config),
        ...workerAssetEnvironment(LAMBDA_TASK_ROOT, config.sealImage !== undefined),
      },
      bundling: bundlingOptions({
        external: UNBUNDLED_PACKAGES,
        commandHooks: afterBundling((outputDir) =>
          workerAssetCommands({ projectRoot: props.projectRoot, fontPack: props.fontPack, sealImage: config.sealImage }, outputDir),
        ),
      }),
    });
    this.worker = worker;
    this.acceptRuntime(worker, config);
    worker.addEventSource(
      new SqsEventSource(this.renderQueue, {
        batchSize: config.workerBatchSize,
        maxBatchingWindow: Duration.seconds(config.workerBatchingWindowSeconds),
        reportBatchItemFailures: true,
        maxConcurrency: config.workerMaxConcurrency,
      }),
    );
    // Cases, 发文字号 counters, versions, request markers, audit events and rejections: read
    // with GetItem/Query (consistent), written with Put/Update and TransactWriteItems of those.
    this.grantTable(worker, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'], false);
    // PutObject with If-None-Match; HeadObject (s3:GetObject) to tell a redelivery from a conflict.
    this.grantDocuments(worker, ['s3:PutObject', 's3:GetObject']);
    documentEvents.grantPublish(worker);
    if (config.kmsSigning) this.signingKey(worker, config.stackName);
    if (config.signingTsaUrl) worker.addEnvironment('NOTICE_SIGNING_TSA_URL', config.signingTsaUrl);

    // ---------------------------------------------------------------------------------------
    // The API function and its routes.

    const api = new NodejsFunction(this, 'Api', {
      // The Parameters and Secrets extension is not published for arm64 everywhere (not in the China regions).
      ...this.functionBasics('Api', props, logRetention, apiArchitecture(config.lambdaArchitecture, config.deployTarget, config.region)),
      entry: join(props.projectRoot, 'lambdas/handlers/api.ts'),
      description: 'Staff regeneration and history, recipient downloads, public verification',
      memorySize: 512,
      timeout: Duration.seconds(15),
      environment: {
        NOTICE_TABLE_NAME: this.table.tableName,
        NOTICE_BUCKET_NAME: this.bucket.bucketName,
        NOTICE_RENDER_QUEUE_URL: this.renderQueue.queueUrl,
        NOTICE_PUBLIC_BASE_URL: publicBaseUrl,
        NOTICE_LINK_SECRET_ARN: linkSecret.secretArn,
        NOTICE_STAFF_GROUP: config.staffGroup,
        NOTICE_STAFF_GROUPS_CLAIM: config.staffGroupsClaim,
        NOTICE_OIDC_ISSUER: staff.issuer,
        NOTICE_OIDC_CLIENT_ID: staff.clientId,
        NOTICE_OIDC_SCOPES: config.oidcScopes,
        ...sendEnvironment(config),
        // The verification page names the issuer and says whether a document is a demo sample.
        ...renderEnvironment(config),
        // Regeneration previews render in this function (as 样本, without the seal image), and the
        // console's pdf.js comes from its asset.
        ...workerAssetEnvironment(LAMBDA_TASK_ROOT, false),
        NOTICE_PDFJS_DIR: `${LAMBDA_TASK_ROOT}/${PDF_VIEWER_ASSET_DIR}`,
        NOTICE_CONSOLE_SCRIPT: `${LAMBDA_TASK_ROOT}/${CONSOLE_SCRIPT_ASSET}`,
      },
      // The link secret is read through the extension's local cache, not an SDK call per request.
      paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(PARAMS_AND_SECRETS_VERSION as lambda.ParamsAndSecretsVersions, {
        cacheEnabled: true,
        logLevel: lambda.ParamsAndSecretsLogLevel.WARN,
      }),
      bundling: bundlingOptions({
        external: UNBUNDLED_PACKAGES,
        commandHooks: afterBundling((outputDir) => [
          ...workerAssetCommands({ projectRoot: props.projectRoot, fontPack: props.fontPack }, outputDir),
          `mkdir -p ${shellQuote(join(outputDir, PDF_VIEWER_ASSET_DIR))}`,
          ...PDF_VIEWER_FILES.map((f) => `cp ${shellQuote(join(props.projectRoot, PDF_VIEWER_SOURCE_DIR, f))} ${shellQuote(join(outputDir, PDF_VIEWER_ASSET_DIR, f))}`),
          `mkdir -p ${shellQuote(join(outputDir, dirname(CONSOLE_SCRIPT_ASSET)))} && cp ${shellQuote(consoleScriptFile(props.projectRoot))} ${shellQuote(join(outputDir, CONSOLE_SCRIPT_ASSET))}`,
        ]),
      }),
    });
    this.api = api;
    this.acceptRuntime(api, config);
    // Case lookups (Get, BatchGet, Query, the case search's Scan), docId lookups on the index,
    // audit events and bulk-regeneration jobs (PutItem; UpdateItem only to cancel or resume a run).
    // Versions are the worker's.
    this.grantTable(api, ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], true);
    this.grantDocuments(api, ['s3:GetObject']);
    this.renderQueue.grantSendMessages(api);
    linkSecret.grantRead(api);
    const sendTopics = [config.sendSmsTopicArn, config.sendEmailTopicArn, config.sendWechatTopicArn].filter((t): t is string => t !== undefined);
    if (sendTopics.length > 0) api.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: sendTopics }));

    const integration = new HttpLambdaIntegration('ApiIntegration', api);
    const open = new apigw.HttpNoneAuthorizer();
    for (const route of API_ROUTES) {
      const [created] = this.httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration,
        authorizer: route.auth === 'staff' ? authorizer : open,
      });
      if (route.auth === 'public') accept(created!, 'AwsSolutions-APIG4', publicRouteReason(route.id));
    }

    this.bulkSweeper = this.bulkRunSweeper(props, logRetention);

    // ---------------------------------------------------------------------------------------
    // Table stream → render queue, only cases that became APPROVED: an EventBridge Pipe, or
    // where Pipes is not used, a small function with the same filter and shaping.

    if (config.streamConsumer === 'pipe') this.renderPipe();
    else this.streamConsumer = this.streamConsumerFunction(props, logRetention);

    // ---------------------------------------------------------------------------------------
    // Alarms → operators.

    this.alarm('RenderDeadLetters', 'Render messages failed every retry and wait in the dead-letter queue; see docs/operations.md “Redrive”', this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }), 1);
    this.alarm('PipeDeadLetters', `Approved cases the stream ${config.streamConsumer === 'pipe' ? 'pipe' : 'consumer'} could not put on the render queue; issue them again with \`notice issue\``, this.pipeDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }), 1);
    this.alarm('RenderWorkerErrors', 'The render worker crashed or timed out (not a per-message failure, which SQS retries)', worker.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), 1);
    this.alarm('RenderQueueOldestMessage', `A render message has waited over ${OLDEST_MESSAGE_ALARM_SECONDS / 60} minutes: the worker is failing it or not keeping up`, this.renderQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' }), OLDEST_MESSAGE_ALARM_SECONDS);
    this.alarm('ApiServerErrors', 'The API answered with 5xx errors', this.httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }), 5);

    // ---------------------------------------------------------------------------------------
    // What operators and the CLI need.

    new CfnOutput(this, 'ApiUrl', { value: publicBaseUrl, description: 'Base URL of the API, download links and verify pages' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'NOTICE_TABLE_NAME' });
    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName, description: 'NOTICE_BUCKET_NAME' });
    new CfnOutput(this, 'RenderQueueUrl', { value: this.renderQueue.queueUrl, description: 'NOTICE_RENDER_QUEUE_URL' });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetterQueue.queueUrl, description: 'NOTICE_DEAD_LETTER_QUEUE_URL (notice redrive)' });
    new CfnOutput(this, 'PipeDeadLetterQueueUrl', { value: this.pipeDeadLetterQueue.queueUrl, description: 'Stream records the pipe could not deliver' });
    new CfnOutput(this, 'StaffSignInIssuer', { value: staff.issuer, description: 'OpenID Connect issuer staff sign in with' });
    new CfnOutput(this, 'StaffSignInClientId', { value: staff.clientId, description: 'Client id of the staff console (the JWT audience)' });
    if (staff.pool) new CfnOutput(this, 'UserPoolId', { value: staff.pool.userPoolId, description: 'Cognito user pool of staff' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn, description: 'Subscribe operators here' });
    new CfnOutput(this, 'DocumentEventsTopicArn', { value: documentEvents.topicArn, description: 'One message per new document version' });
    new CfnOutput(this, 'RenderWorkerName', { value: worker.functionName, description: 'The render worker function' });
  }

  /** Settings every function shares: runtime, architecture, its own role and log group. */
  private functionBasics(name: string, props: NoticeStackProps, retention: logs.RetentionDays, architecture: LambdaArchitectureName) {
    const logGroup = new logs.LogGroup(this, `${name}Logs`, { retention });
    // Our own role, not the managed AWSLambdaBasicExecutionRole: it may write to its log group only.
    const role = new iam.Role(this, `${name}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    return {
      runtime: NODE_RUNTIMES[props.config.lambdaRuntime],
      architecture: architecture === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
      handler: 'handler',
      role,
      logGroup,
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
    };
  }

  /** An older runtime is a choice made for a region that lacks the newest (cdk/targets.ts); say so to cdk-nag. */
  private acceptRuntime(fn: NodejsFunction, config: DeployConfig): void {
    if (config.lambdaRuntime === LAMBDA_RUNTIMES[0]) return;
    accept(fn, 'AwsSolutions-L1', `Runs ${config.lambdaRuntime}, not ${LAMBDA_RUNTIMES[0]}: the newest runtime offered in the ${config.deployTarget} target as docs/operations.md records it, or set with lambdaRuntime; raise it when the region offers the newer one.`);
  }

  /**
   * Every minute, queues the parts of bulk runs the API recorded but did not queue itself, and
   * sends again the requests that still have no outcome 15 minutes after they were queued
   * (lambdas/api/bulk-regeneration.ts sweepBulkRuns): a run whose sender died half-way still
   * finishes, and the request ids keep resends from making versions.
   */
  private bulkRunSweeper(props: NoticeStackProps, logRetention: logs.RetentionDays): NodejsFunction {
    const fn = new NodejsFunction(this, 'BulkSweeper', {
      ...this.functionBasics('BulkSweeper', props, logRetention, props.config.lambdaArchitecture),
      entry: join(props.projectRoot, 'lambdas/handlers/bulk-sweeper.ts'),
      description: 'Queues recorded bulk-regeneration runs and re-queues requests that have no outcome long after they were queued',
      memorySize: 512,
      timeout: Duration.minutes(5),
      environment: { NOTICE_TABLE_NAME: this.table.tableName, NOTICE_RENDER_QUEUE_URL: this.renderQueue.queueUrl },
      bundling: bundlingOptions(),
    });
    // Runs, their case lists, request markers, cases and rejections (Get, BatchGet, Query); the run's and its parts' queue times (Update).
    this.grantTable(fn, ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], false);
    this.renderQueue.grantSendMessages(fn);
    new events.Rule(this, 'BulkSweeperSchedule', {
      description: 'Queues bulk regenerations and finishes those whose sender died',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(fn, { retryAttempts: 0 })],
    });
    this.acceptRuntime(fn, props.config);
    return fn;
  }

  private grantTable(fn: lambda.IFunction, actions: string[], withIndex: boolean): void {
    const resources = [this.table.tableArn, ...(withIndex ? SECONDARY_INDEXES.map((i) => `${this.table.tableArn}/index/${i.name}`) : [])];
    fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources }));
  }

  private grantDocuments(fn: NodejsFunction, actions: string[]): void {
    fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [this.bucket.arnForObjects(`${DOCUMENTS_PREFIX}*`)] }));
    accept(fn.role!, `AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/${DOCUMENTS_PREFIX}*]`, `Document keys are made per case and version (${DOCUMENTS_PREFIX}<caseId>/<docType>/<docId>-<hash>.pdf); the grant stops at that prefix.`);
  }

  /**
   * What KMS signing takes: an asymmetric RSA_2048 key (deterministic PKCS#1 v1.5 signatures, so
   * documents stay byte-identical) that only the worker may use, and only for kms:Sign; the worker
   * reads the certificate issued for it from one SSM parameter the operator fills (docs/operations.md).
   */
  private signingKey(worker: NodejsFunction, stackName: string): kms.Key {
    const key = new kms.Key(this, 'SigningKey', {
      description: 'Signs the PAdES signature of each issued document (the worker only, kms:Sign only)',
      keySpec: kms.KeySpec.RSA_2048,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.grant(worker, 'kms:Sign');
    const parameterName = `/${stackName}/signing-certificate`;
    worker.addToRolePolicy(new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: [this.formatArn({ service: 'ssm', resource: 'parameter', resourceName: parameterName.slice(1) })] }));
    worker.addEnvironment('NOTICE_SIGNING_KMS_KEY', key.keyArn);
    worker.addEnvironment('NOTICE_SIGNING_CERT_PARAMETER', parameterName);
    new CfnOutput(this, 'SigningKeyArn', { value: key.keyArn, description: `KMS key that signs documents; store its certificate chain (PEM) in SSM parameter ${parameterName}` });
    return key;
  }

  private alarm(id: string, description: string, metric: cloudwatch.IMetric, threshold: number): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    alarm.addOkAction(new SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
  }

  private renderPipe(): CfnPipe {
    const role = new iam.Role(this, 'RenderPipeRole', {
      assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } } }),
    });
    const streamArn = this.table.tableStreamArn!;
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
        resources: [streamArn],
      }),
    );
    this.renderQueue.grantSendMessages(role);
    this.pipeDeadLetterQueue.grantSendMessages(role);
    const logGroup = new logs.LogGroup(this, 'RenderPipeLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    logGroup.grantWrite(role);

    const pipe = new CfnPipe(this, 'RenderPipe', {
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
          deadLetterConfig: { arn: this.pipeDeadLetterQueue.queueArn },
        },
        filterCriteria: RENDER_PIPE_FILTER_CRITERIA,
      },
      target: this.renderQueue.queueArn,
      targetParameters: { inputTemplate: RENDER_PIPE_INPUT_TEMPLATE },
      logConfiguration: { level: 'ERROR', cloudwatchLogsLogDestination: { logGroupArn: logGroup.logGroupArn } },
    });
    pipe.node.addDependency(role);
    return pipe;
  }

  /** The stream pipe's work as a function (streamConsumer=function), with the pipe's retry and dead-letter behaviour. */
  private streamConsumerFunction(props: NoticeStackProps, retention: logs.RetentionDays): NodejsFunction {
    const fn = new NodejsFunction(this, 'StreamConsumer', {
      ...this.functionBasics('StreamConsumer', props, retention, props.config.lambdaArchitecture),
      entry: join(props.projectRoot, 'lambdas/handlers/stream-consumer.ts'),
      description: 'Cases that became APPROVED → issue messages on the render queue (in place of an EventBridge Pipe)',
      memorySize: 256,
      timeout: Duration.seconds(30),
      environment: { NOTICE_TABLE_NAME: this.table.tableName, NOTICE_RENDER_QUEUE_URL: this.renderQueue.queueUrl },
      bundling: bundlingOptions(),
    });
    fn.addEventSource(
      new DynamoEventSource(this.table, {
        // As the pipe: from the oldest record kept, 10 at a time, retried and bisected, then dead-lettered.
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        retryAttempts: 10,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.pipeDeadLetterQueue),
      }),
    );
    this.renderQueue.grantSendMessages(fn);
    accept(fn.role!, 'AwsSolutions-IAM5[Resource::*]', 'The DynamoDB event source grants dynamodb:ListStreams, which has no resource-level permissions (it takes Resource *); reading records is granted on this table’s stream only.');
    this.acceptRuntime(fn, props.config);
    return fn;
  }

  private staffSignIn(config: DeployConfig, publicBaseUrl: string): StaffSignIn {
    if (config.oidcIssuer && config.oidcClientId) return { issuer: config.oidcIssuer, clientId: config.oidcClientId };
    // The configuration refuses a China deployment without an issuer: no user pools there.
    const pool = new cognito.UserPool(this, 'StaffPool', {
      userPoolName: `${this.stackName}-staff`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    accept(pool, 'AwsSolutions-COG8', 'The Plus plan adds threat protection billed per active user; staff accounts are few, created by an administrator (no self sign-up) and must use TOTP MFA.');
    new cognito.UserPoolGroup(this, 'StaffGroup', { userPool: pool, groupName: config.staffGroup, description: 'May list, regenerate and download documents' });
    // The sign-in pages; the pool's discovery document names them as its authorization endpoint.
    pool.addDomain('StaffSignIn', {
      cognitoDomain: { domainPrefix: config.cognitoDomainPrefix ?? `notice-${Aws.ACCOUNT_ID}` },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
    // The console page is /staff (lambdas/api/routes.ts); Cognito sends staff back there.
    const callbacks = [`${publicBaseUrl}/staff`];
    const client = pool.addClient('StaffConsoleClient', {
      generateSecret: false,
      preventUserExistenceErrors: true,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: callbacks,
        logoutUrls: callbacks,
      },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    return { issuer: `https://${pool.userPoolProviderUrl}`, clientId: client.userPoolClientId, pool };
  }
}

interface StaffSignIn {
  /** The OpenID Connect issuer, exactly as its tokens' iss claim. */
  issuer: string;
  /** The console's client id: the JWT audience. */
  clientId: string;
  /** Only when this stack created the pool. */
  pool?: cognito.IUserPool;
}

/** Why each public route needs no sign-in. A new public route fails the synth until it has a reason here. */
const PUBLIC_ROUTE_REASONS: Partial<Record<RouteId, string>> = {
  staffConsole: 'The staff console page is static HTML that sends staff to their OpenID Connect sign-in; every route it calls afterwards is behind the JWT authorizer.',
  recipientDownload: 'Recipients have no account: they hold a download link whose HMAC signature and expiry the handler checks.',
  recipientFile: 'The landing page’s download button: the same signed, expiring grant as the recipient link, checked by the handler.',
  verifyPage: 'Anyone holding a printed document scans its QR code to learn whether it is genuine and current; that is the point of the code.',
  verifyBytes: 'Anyone holding a PDF may ask whether its bytes are a genuine, current version; the answer reveals nothing the PDF does not hold.',
  staffPdfViewer: 'The open-source pdf.js library the console page loads (a script tag cannot send a token); two fixed files, no data.',
};

function publicRouteReason(id: RouteId): string {
  const reason = PUBLIC_ROUTE_REASONS[id];
  if (!reason) throw new Error(`route ${id} is public (lambdas/api/routes.ts) but cdk/notice-stack.ts gives no reason why it needs no sign-in; add one to PUBLIC_ROUTE_REASONS or make the route staff-only`);
  return reason;
}

/** The renderer's settings (lambdas/config.ts renderConfig) from the deploy configuration. */
function renderEnvironment(config: DeployConfig): Record<string, string> {
  return {
    NOTICE_DEMO: String(config.demo),
    ...(config.issuer ? { NOTICE_ISSUER: JSON.stringify(config.issuer) } : {}),
    NOTICE_SEAL_DIAMETER_MM: String(config.sealDiameterMm),
  };
}

/** The API's recipient-notification settings (lambdas/notify/recipient-notifier.ts), from the deploy configuration. */
function sendEnvironment(config: DeployConfig): Record<string, string> {
  return {
    ...(config.sendSmsTopicArn ? { NOTICE_SEND_SMS_TOPIC_ARN: config.sendSmsTopicArn } : {}),
    ...(config.sendEmailTopicArn ? { NOTICE_SEND_EMAIL_TOPIC_ARN: config.sendEmailTopicArn } : {}),
    ...(config.sendWechatTopicArn ? { NOTICE_SEND_WECHAT_TOPIC_ARN: config.sendWechatTopicArn } : {}),
    ...(config.sendWebhookUrl ? { NOTICE_SEND_WEBHOOK_URL: config.sendWebhookUrl } : {}),
  };
}
