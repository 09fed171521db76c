// Where the pipeline's resources are, from the environment, validated once at start-up. The
// render worker (on AWS and locally), the ops CLI and the local stack all go through these
// schemas, so a missing or mistyped setting is named before any message is read.
//
// Endpoints are only set against the local stack (or another emulator); on AWS the SDK finds the
// regional endpoints itself. Credentials are taken from these variables when given (the local
// stack passes dummies), else from the SDK's default chain (the Lambda role, a profile).
import * as z from 'zod';
import { ConfigError } from '../errors.js';
import { describeIssues } from '../zod-issues.js';
import { ResourceConfig } from '../stores/resource-config.js';

const HttpUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. http://127.0.0.1:4566' });

const AwsEnv = z.object({
  AWS_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region such as cn-north-1 or us-east-1'),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_SESSION_TOKEN: z.string().min(1).optional(),
  NOTICE_DYNAMODB_ENDPOINT: HttpUrl.optional(),
  NOTICE_S3_ENDPOINT: HttpUrl.optional(),
  NOTICE_SQS_ENDPOINT: HttpUrl.optional(),
  NOTICE_SNS_ENDPOINT: HttpUrl.optional(),
  NOTICE_TABLE_NAME: ResourceConfig.shape.tableName,
});

const WorkerEnv = AwsEnv.extend({
  NOTICE_BUCKET_NAME: ResourceConfig.shape.bucketName,
  /** Base of the verify page printed as a QR code: `<base>/v/<docId>`. No QR code when unset. */
  NOTICE_VERIFY_BASE_URL: HttpUrl.optional(),
  /** SNS topic told about each new version; nobody is told when unset. */
  NOTICE_NOTIFY_TOPIC_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, 'an SNS topic ARN')
    .optional(),
});
export type WorkerEnv = z.input<typeof WorkerEnv>;

const SqsUrl = z.url({ protocol: /^https?$/, error: 'an SQS queue URL' });

const OpsEnv = AwsEnv.extend({
  NOTICE_RENDER_QUEUE_URL: SqsUrl,
  NOTICE_DEAD_LETTER_QUEUE_URL: SqsUrl.optional(),
  /** For `notice photo put` (a card holder's photo) and the verify links `notice revoke` prints. */
  NOTICE_BUCKET_NAME: ResourceConfig.shape.bucketName.optional(),
  NOTICE_VERIFY_BASE_URL: HttpUrl.optional(),
});

export interface AwsAccess {
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  endpoints: { dynamodb?: string; s3?: string; sqs?: string; sns?: string };
}

export interface WorkerConfig {
  aws: AwsAccess;
  tableName: string;
  bucketName: string;
  verifyBaseUrl?: string;
  notifyTopicArn?: string;
}

export interface OpsConfig {
  aws: AwsAccess;
  tableName: string;
  renderQueueUrl: string;
  deadLetterQueueUrl?: string;
  bucketName?: string;
  verifyBaseUrl?: string;
}

function parse<T>(schema: z.ZodType<T>, env: Record<string, string | undefined>, who: string): T {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`${who} configuration: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

function awsAccess(e: z.output<typeof AwsEnv>): AwsAccess {
  const endpoints = {
    ...(e.NOTICE_DYNAMODB_ENDPOINT ? { dynamodb: e.NOTICE_DYNAMODB_ENDPOINT } : {}),
    ...(e.NOTICE_S3_ENDPOINT ? { s3: e.NOTICE_S3_ENDPOINT } : {}),
    ...(e.NOTICE_SQS_ENDPOINT ? { sqs: e.NOTICE_SQS_ENDPOINT } : {}),
    ...(e.NOTICE_SNS_ENDPOINT ? { sns: e.NOTICE_SNS_ENDPOINT } : {}),
  };
  const credentials =
    e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY
      ? {
          accessKeyId: e.AWS_ACCESS_KEY_ID,
          secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
          ...(e.AWS_SESSION_TOKEN ? { sessionToken: e.AWS_SESSION_TOKEN } : {}),
        }
      : undefined;
  return { region: e.AWS_REGION, ...(credentials ? { credentials } : {}), endpoints };
}

export function workerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const e = parse(WorkerEnv, env, 'render worker');
  return {
    aws: awsAccess(e),
    tableName: e.NOTICE_TABLE_NAME,
    bucketName: e.NOTICE_BUCKET_NAME,
    ...(e.NOTICE_VERIFY_BASE_URL ? { verifyBaseUrl: e.NOTICE_VERIFY_BASE_URL.replace(/\/+$/, '') } : {}),
    ...(e.NOTICE_NOTIFY_TOPIC_ARN ? { notifyTopicArn: e.NOTICE_NOTIFY_TOPIC_ARN } : {}),
  };
}

export function opsConfig(env: Record<string, string | undefined> = process.env): OpsConfig {
  const e = parse(OpsEnv, env, 'notice CLI');
  return {
    aws: awsAccess(e),
    tableName: e.NOTICE_TABLE_NAME,
    renderQueueUrl: e.NOTICE_RENDER_QUEUE_URL,
    ...(e.NOTICE_DEAD_LETTER_QUEUE_URL ? { deadLetterQueueUrl: e.NOTICE_DEAD_LETTER_QUEUE_URL } : {}),
    ...(e.NOTICE_BUCKET_NAME ? { bucketName: e.NOTICE_BUCKET_NAME } : {}),
    ...(e.NOTICE_VERIFY_BASE_URL ? { verifyBaseUrl: e.NOTICE_VERIFY_BASE_URL.replace(/\/+$/, '') } : {}),
  };
}
