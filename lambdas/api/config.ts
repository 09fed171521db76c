// The API's configuration from the environment, validated once per process. Where the table and
// queue are, and how to reach AWS, is read by the pipeline's own schema (opsConfig), so the API
// and the CLI can never disagree about those variables; this file adds what only the API needs.
import * as z from 'zod';
import { ConfigError } from '../errors.js';
import { describeIssues } from '../zod-issues.js';
import { opsConfig } from '../pipeline/config.js';
import type { AwsAccess } from '../pipeline/config.js';
import { ResourceConfig } from '../stores/resource-config.js';
import { DEFAULT_GROUPS_CLAIM } from './identity.js';
import type { OidcClient } from './oidc-discovery.js';

const HttpUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL without a trailing path, e.g. https://notices.example.gov.cn' });

const ApiEnv = z
  .object({
    NOTICE_BUCKET_NAME: ResourceConfig.shape.bucketName,
    /** Where recipients and staff reach this API: download links, verify links, sign-in redirects. */
    NOTICE_PUBLIC_BASE_URL: HttpUrl,
    /** The link secret itself (local use, tests). */
    NOTICE_LINK_SECRET: z.string().min(32, 'at least 32 characters of random text').optional(),
    /** Or the ARN of a Secrets Manager secret holding it, read through the Lambda extension. */
    NOTICE_LINK_SECRET_ARN: z
      .string()
      .regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, 'a Secrets Manager secret ARN')
      .optional(),
    /** How long a recipient's download link stays valid. */
    NOTICE_LINK_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    NOTICE_STAFF_GROUP: z
      .string()
      .regex(/^\S{1,128}$/, '1–128 characters without spaces (API Gateway joins a group list with spaces)')
      .default('staff'),
    /** The claim holding a person's groups: cognito:groups for Cognito, often groups elsewhere. */
    NOTICE_STAFF_GROUPS_CLAIM: z.string().min(1).max(128).default(DEFAULT_GROUPS_CLAIM),
    /**
     * The OpenID Connect issuer staff sign in with (its discovery document is
     * <issuer>/.well-known/openid-configuration), e.g. https://sso.example.gov.cn/realms/notice; unset
     * locally, where staff paste the development token. https only, except on the loopback address.
     */
    NOTICE_OIDC_ISSUER: z
      .url({ protocol: /^https?$/, error: 'an https URL of the OpenID Connect issuer, e.g. https://sso.example.gov.cn/realms/notice' })
      .refine((u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(u), 'https, except on 127.0.0.1 or localhost')
      .optional(),
    /** The console's client id at the issuer: the JWT audience API Gateway checks. */
    NOTICE_OIDC_CLIENT_ID: z
      .string()
      .regex(/^[\w.:@+-]{1,255}$/, 'an OpenID Connect client id')
      .optional(),
    /** Scopes the console asks for; the groups claim must be in the ID token they yield. */
    NOTICE_OIDC_SCOPES: z
      .string()
      .regex(/^openid( [\w:.\/-]+)*$/, 'space-separated scopes, starting with openid')
      .default('openid email profile'),
  })
  .refine((e) => (e.NOTICE_LINK_SECRET === undefined) !== (e.NOTICE_LINK_SECRET_ARN === undefined), {
    error: 'set exactly one of NOTICE_LINK_SECRET and NOTICE_LINK_SECRET_ARN',
    path: ['NOTICE_LINK_SECRET'],
  })
  .refine((e) => (e.NOTICE_OIDC_ISSUER === undefined) === (e.NOTICE_OIDC_CLIENT_ID === undefined), {
    error: 'set both NOTICE_OIDC_ISSUER and NOTICE_OIDC_CLIENT_ID, or neither',
    path: ['NOTICE_OIDC_ISSUER'],
  });

export type LinkSecretSource = { kind: 'value'; secret: string } | { kind: 'secrets-manager'; arn: string };

export interface ApiConfig {
  aws: AwsAccess;
  tableName: string;
  bucketName: string;
  renderQueueUrl: string;
  publicBaseUrl: string;
  linkSecret: LinkSecretSource;
  linkTtlDays: number;
  staffGroup: string;
  staffGroupsClaim: string;
  /** Absent locally, where staff paste the development token instead. */
  signIn?: OidcClient;
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
    linkSecret:
      e.NOTICE_LINK_SECRET !== undefined ? { kind: 'value', secret: e.NOTICE_LINK_SECRET } : { kind: 'secrets-manager', arn: e.NOTICE_LINK_SECRET_ARN! },
    linkTtlDays: e.NOTICE_LINK_TTL_DAYS,
    staffGroup: e.NOTICE_STAFF_GROUP,
    staffGroupsClaim: e.NOTICE_STAFF_GROUPS_CLAIM,
    ...(e.NOTICE_OIDC_ISSUER && e.NOTICE_OIDC_CLIENT_ID
      ? { signIn: { issuer: e.NOTICE_OIDC_ISSUER, clientId: e.NOTICE_OIDC_CLIENT_ID, scopes: e.NOTICE_OIDC_SCOPES } }
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
