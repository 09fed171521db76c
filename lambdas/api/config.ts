// The API's configuration from the environment, validated once per process. Where the table and
// queue are, and how to reach AWS, is read by the pipeline's own schema (opsConfig), so the API
// and the CLI can never disagree about those variables; this file adds what only the API needs.
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { describeIssues } from '../issues.js';
import { opsConfig } from '../pipeline/config.js';
import type { AwsAccess } from '../pipeline/config.js';
import { ResourceConfig } from '../stores/resource-config.js';

const HttpUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL without a trailing path, e.g. https://notices.example.gov.cn' });

const ApiEnv = z
  .object({
    NOTICE_BUCKET_NAME: ResourceConfig.shape.bucketName,
    /** Where recipients and staff reach this API: download links, verify links, sign-in redirects. */
    NOTICE_PUBLIC_BASE_URL: HttpUrl,
    /** The link secret itself (local use, tests). */
    NOTICE_LINK_SECRET: z.string().min(32, 'at least 32 characters of random text').optional(),
    /** Or the ARN of a Secrets Manager secret holding it, read through the Lambda extension. */
    NOTICE_LINK_SECRET_ARN: z.string().regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, 'a Secrets Manager secret ARN').optional(),
    /** How long a recipient's download link stays valid. */
    NOTICE_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    NOTICE_STAFF_GROUP: z.string().min(1).max(128).default('staff'),
    /** The Cognito hosted UI domain, e.g. https://notices.auth.cn-north-1.amazoncognito.com; unset locally. */
    NOTICE_COGNITO_DOMAIN: HttpUrl.optional(),
    NOTICE_COGNITO_CLIENT_ID: z.string().regex(/^[\w+]{1,128}$/, 'a Cognito app client id').optional(),
  })
  .refine((e) => (e.NOTICE_LINK_SECRET === undefined) !== (e.NOTICE_LINK_SECRET_ARN === undefined), {
    error: 'set exactly one of NOTICE_LINK_SECRET and NOTICE_LINK_SECRET_ARN',
    path: ['NOTICE_LINK_SECRET'],
  })
  .refine((e) => (e.NOTICE_COGNITO_DOMAIN === undefined) === (e.NOTICE_COGNITO_CLIENT_ID === undefined), {
    error: 'set both NOTICE_COGNITO_DOMAIN and NOTICE_COGNITO_CLIENT_ID, or neither',
    path: ['NOTICE_COGNITO_DOMAIN'],
  });

export type LinkSecretSource = { kind: 'value'; secret: string } | { kind: 'secrets-manager'; arn: string };

export interface CognitoSignIn {
  domain: string;
  clientId: string;
}

export interface ApiConfig {
  aws: AwsAccess;
  tableName: string;
  bucketName: string;
  renderQueueUrl: string;
  publicBaseUrl: string;
  linkSecret: LinkSecretSource;
  linkTtlDays: number;
  staffGroup: string;
  /** Absent locally, where staff paste the development token instead. */
  cognito?: CognitoSignIn;
}

export function apiConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  const ops = sharedSettings(env);
  const parsed = ApiEnv.safeParse(env);
  if (!parsed.success) throw new ConfigError(`API configuration: ${describeIssues(parsed.error.issues)}`);
  const e = parsed.data;
  return {
    aws: ops.aws,
    tableName: ops.tableName,
    renderQueueUrl: ops.renderQueueUrl,
    bucketName: e.NOTICE_BUCKET_NAME,
    publicBaseUrl: e.NOTICE_PUBLIC_BASE_URL.replace(/\/+$/, ''),
    linkSecret: e.NOTICE_LINK_SECRET !== undefined ? { kind: 'value', secret: e.NOTICE_LINK_SECRET } : { kind: 'secrets-manager', arn: e.NOTICE_LINK_SECRET_ARN! },
    linkTtlDays: e.NOTICE_LINK_TTL_DAYS,
    staffGroup: e.NOTICE_STAFF_GROUP,
    ...(e.NOTICE_COGNITO_DOMAIN && e.NOTICE_COGNITO_CLIENT_ID
      ? { cognito: { domain: e.NOTICE_COGNITO_DOMAIN.replace(/\/+$/, ''), clientId: e.NOTICE_COGNITO_CLIENT_ID } }
      : {}),
  };
}

/** The pipeline's own schema names itself in its errors; say it is the API's configuration. */
function sharedSettings(env: Record<string, string | undefined>): ReturnType<typeof opsConfig> {
  try {
    return opsConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(`API configuration: ${error.message.replace(/^[^:]*configuration: /, '')}`);
  }
}
