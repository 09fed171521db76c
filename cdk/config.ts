// What an operator may configure for a deployment, read from CDK context (`cdk synth -c key=value`
// or the `context` block of cdk.json) and validated with zod before any construct is built, so a
// mistyped value fails the synth with the key, the value and the rule — not a broken deploy.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';
import { Issuer } from '../lambdas/config.js';
import { ConfigError } from '../lambdas/errors.js';
import { describeIssues } from '../lambdas/zod-issues.js';
import { SECONDARY_INDEXES } from '../lambdas/stores/keys.js';
import { DEFAULT_RESOURCE_CONFIG, ResourceConfig } from '../lambdas/stores/resource-config.js';
import { LAMBDA_RUNTIMES, targetDefaults, targetOfRegion } from './targets.js';
import type { DeployTarget, LambdaArchitectureName, LambdaRuntimeName, StreamConsumer } from './targets.js';

/** Retention periods CloudWatch Logs accepts (PutRetentionPolicy). */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** `-c key=value` always gives strings; cdk.json may give JSON values. Both are accepted. */
const Bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')]);
const Int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A file on the build machine: checked at synth, because bundling copies it into the asset. */
const ExistingFile = z
  .string()
  .min(1)
  .transform((p) => resolve(p))
  // abort: a missing file needs no further checks.
  .refine((p) => existsSync(p), { error: (i) => `no file at ${String(i.input)} (paths are relative to the directory cdk runs in)`, abort: true });

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PngFile = ExistingFile.refine((p) => readFileSync(p).subarray(0, 8).equals(PNG_SIGNATURE), {
  error: (i) => `${String(i.input)} is not a PNG file (the seal must be a PNG, ideally with a transparent background)`,
});

/** The issuer as JSON text (`-c issuer='{"name":…}'`) or as an object in cdk.json. */
const IssuerValue = z
  .unknown()
  .transform((value, ctx) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON: give {"name","header","printedBy"}' });
      return z.NEVER;
    }
  })
  .pipe(Issuer);

const DEFAULTS = ResourceConfig.parse(DEFAULT_RESOURCE_CONFIG);

const DeployContext = z
  .strictObject({
    /** Pin the stack to an account and region; env-agnostic (any account, no lookups) when absent. */
    account: z
      .string()
      .regex(/^\d{12}$/, 'a 12-digit AWS account id')
      .optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region such as cn-north-1')
      .optional(),
    stackName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'a CloudFormation stack name')
      .default('NoticePipeline'),
    /** Demo documents carry a 样本 watermark and the drawn demo seal. A real deployment sets false. */
    demo: Bool.default(true),
    issuer: IssuerValue.optional(),
    /** The agency's seal, a PNG on the build machine, shipped inside the worker asset. */
    sealImage: PngFile.optional(),
    sealDiameterMm: Int(30, 60).default(42),
    /**
     * Sign every document with an RSA_2048 KMS key the stack creates (docs/signing.md); its
     * certificate chain goes into the SSM parameter /<stackName>/signing-certificate (docs/operations.md).
     */
    kmsSigning: Bool.default(false),
    /**
     * An RFC 3161 timestamp service (the agency's CA's TSA): signatures then carry a timestamp
     * (PAdES B-T, docs/signing.md). Needs kmsSigning; the worker calls it over the internet.
     */
    signingTsaUrl: z.url({ protocol: /^https?$/, error: 'an http(s) URL of an RFC 3161 timestamp service' }).optional(),
    /** A font pack JSON on the build machine (lambdas/render/fonts.ts); the open Noto pack when absent. */
    fontPack: ExistingFile.optional(),
    /** Base of the links printed in documents and sent to recipients; the HTTP API's own URL when absent. */
    publicBaseUrl: z.url({ protocol: /^https$/, error: 'an https URL such as https://notice.example.gov.cn' }).optional(),
    /**
     * global (partition aws) or china (aws-cn: cn-north-1, cn-northwest-1). Follows the region
     * when one is given; an unpinned stack is global unless this says china.
     */
    deployTarget: z.enum(['global', 'china']).optional(),
    /**
     * Staff sign in with this OpenID Connect issuer (an agency SSO, Keycloak, a domestic identity
     * service, or an existing Cognito pool's https://cognito-idp.<region>.amazonaws.com/<pool id>).
     * Without it, a global deployment creates a Cognito user pool; a China deployment needs it.
     */
    oidcIssuer: z.url({ protocol: /^https$/, error: 'an https URL of the OpenID Connect issuer, exactly as its tokens’ iss claim' }).optional(),
    /** The staff console's client id at that issuer: the audience the JWT authorizer accepts. */
    oidcClientId: z
      .string()
      .regex(/^[\w.:@+-]{1,255}$/, 'an OpenID Connect client id')
      .optional(),
    /** Scopes the console asks for; the ID token they yield must carry the groups claim. */
    oidcScopes: z
      .string()
      .regex(/^openid( [\w:./-]+)*$/, 'space-separated scopes, starting with openid')
      .default('openid email profile'),
    /** The claim naming a person's groups: cognito:groups for Cognito (the default with a created pool), groups otherwise. */
    staffGroupsClaim: z.string().min(1).max(128).optional(),
    /** Prefix of the created pool's sign-in domain (unique in the region); notice-<account id> when absent. */
    cognitoDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and “-”, at most 63')
      .refine((s) => !/aws|amazon|cognito/.test(s), 'Cognito refuses prefixes containing aws, amazon or cognito')
      .optional(),
    /** Group names are joined with spaces on their way through API Gateway, so none here. */
    staffGroup: z
      .string()
      .regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u, 'a group name without spaces')
      .default('staff'),
    /** The functions' runtime and architecture; the target's defaults (cdk/targets.ts) when absent. */
    lambdaRuntime: z.enum(LAMBDA_RUNTIMES).optional(),
    lambdaArchitecture: z.enum(['arm64', 'x86_64']).optional(),
    /** pipe (EventBridge Pipes) or function (a stream-consumer Lambda with the same filter and shaping). */
    streamConsumer: z.enum(['pipe', 'function']).optional(),
    /**
     * Sending a recipient their link (docs/recipients.md): an existing SNS topic per channel that the
     * office's SMS / mail / WeChat gateway subscribes to, and/or a webhook (a domestic provider in the
     * China regions, where SNS sends no SMS). Without any, the console offers copy and QR only.
     */
    sendSmsTopicArn: z
      .string()
      .regex(/^arn:aws(-cn)?:sns:[\w-]+:\d{12}:[\w-]{1,256}$/, 'an SNS topic ARN')
      .optional(),
    sendEmailTopicArn: z
      .string()
      .regex(/^arn:aws(-cn)?:sns:[\w-]+:\d{12}:[\w-]{1,256}$/, 'an SNS topic ARN')
      .optional(),
    sendWechatTopicArn: z
      .string()
      .regex(/^arn:aws(-cn)?:sns:[\w-]+:\d{12}:[\w-]{1,256}$/, 'an SNS topic ARN')
      .optional(),
    sendWebhookUrl: z.url({ protocol: /^https$/, error: 'an https URL of the notification webhook' }).optional(),
    /** Subscribed to the alarm topic (the address must confirm the subscription). */
    alarmEmail: z.email().optional(),
    logRetentionDays: z.coerce
      .number()
      .refine((n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n), `one of ${LOG_RETENTION_DAYS.join(', ')}`)
      .default(365),
    workerTimeoutSeconds: Int(10, 900).default(30),
    workerMemoryMb: Int(512, 10_240).default(1536),
    /** Lambda's SQS maximum concurrency: at most this many workers render at once (2–1000). */
    workerMaxConcurrency: Int(2, 1000).default(10),
    workerBatchSize: Int(1, 10).default(5),
    workerBatchingWindowSeconds: Int(0, 300).default(1),
    maxReceiveCount: Int(1, 1000).default(DEFAULTS.maxReceiveCount),
    /** The HTTP API stage's throttle: steady requests a second, and the burst above it (docs/scale.md). */
    apiRateLimit: Int(1, 10_000).default(50),
    apiBurstLimit: Int(1, 5_000).default(100),
    /**
     * How many of the table's secondary indexes (lambdas/stores/keys.ts, in order) to deploy. DynamoDB
     * adds one index per update, so a table deployed with fewer steps up one deployment at a time.
     */
    tableIndexes: Int(1, SECONDARY_INDEXES.length).default(SECONDARY_INDEXES.length),
  })
  .superRefine((c, ctx) => {
    if (c.account !== undefined && c.region === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['account'],
        message: 'give a region with the account (a region alone is fine: the account is then the one deploying)',
      });
    }
    if (!c.demo && !c.issuer) {
      ctx.addIssue({ code: 'custom', path: ['issuer'], message: 'required when demo is false: documents never go out under the demo issuer' });
    }
    const regionTarget = targetOfRegion(c.region);
    if (c.deployTarget && regionTarget && c.deployTarget !== regionTarget) {
      ctx.addIssue({
        code: 'custom',
        path: ['deployTarget'],
        message: `${c.region} is a ${regionTarget} region; leave deployTarget out or make it ${regionTarget}`,
      });
    }
    if ((c.oidcIssuer === undefined) !== (c.oidcClientId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['oidcIssuer'], message: 'give oidcIssuer and oidcClientId (the JWT audience) together' });
    }
    if ((c.deployTarget ?? regionTarget) === 'china' && c.oidcIssuer === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['oidcIssuer'],
        message:
          'required in the China regions, which have no Cognito user pools: give the agency’s OpenID Connect issuer and the console’s client id (docs/operations.md “Staff sign-in”)',
      });
    }
    if (c.oidcIssuer !== undefined && c.cognitoDomainPrefix !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['cognitoDomainPrefix'],
        message: 'only for a user pool this stack creates, which it does not when oidcIssuer is given',
      });
    }
  })
  .transform((c) => {
    const target: DeployTarget = c.deployTarget ?? targetOfRegion(c.region) ?? 'global';
    const defaults = targetDefaults(target);
    const resolved: {
      deployTarget: DeployTarget;
      lambdaRuntime: LambdaRuntimeName;
      lambdaArchitecture: LambdaArchitectureName;
      streamConsumer: StreamConsumer;
    } = {
      deployTarget: target,
      lambdaRuntime: c.lambdaRuntime ?? defaults.runtime,
      lambdaArchitecture: c.lambdaArchitecture ?? defaults.architecture,
      streamConsumer: c.streamConsumer ?? defaults.streamConsumer,
    };
    return {
      ...c,
      ...resolved,
      staffGroupsClaim: c.staffGroupsClaim ?? (c.oidcIssuer ? 'groups' : 'cognito:groups'),
    };
  });
export type DeployConfig = z.output<typeof DeployContext>;

/**
 * This app's keys are plain camelCase words; CDK's own carry `:`, `/`, `@` or `-` (feature flags,
 * `aws:cdk:…`, lookups). Only ours are read, and strictly: a mistyped key fails the synth.
 */
const isAppKey = (key: string) => /^[a-z][A-Za-z0-9]*$/.test(key);

/** Reads the deployment configuration from a CDK context (`app.node.getAllContext()`). Throws ConfigError naming each bad key and why. */
export function readDeployConfig(context: Record<string, unknown>): DeployConfig {
  const ours = Object.fromEntries(Object.entries(context).filter(([k, v]) => isAppKey(k) && v !== undefined));
  const parsed = DeployContext.safeParse(ours);
  if (!parsed.success) throw new ConfigError(`deploy configuration (CDK context): ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}
