// The render worker's asset run alone, as Lambda runs it, against the local stack: where synth put
// the asset and the function's environment, that environment pointed at a copy of the asset and
// at the stack, SQS events as the event source hands them, and bundled-worker-driver.mjs's report.
// worker-bundle.test.ts runs one process of it; bench/worker-cold.ts alternates two trees.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import type { NoticeStack } from '../../cdk/notice-stack.js';
import { LAMBDA_TASK_ROOT } from '../../cdk/worker-asset.js';
import type { ResourceConfig } from '../../lambdas/stores/resource-config.js';
import type { LocalEndpoints } from '../../local/emulator-clients.js';

const run = promisify(execFile);
const DRIVER = fileURLToPath(new URL('./bundled-worker-driver.mjs', import.meta.url));

/** The worker's asset folder and its environment variables as the template gives them. */
export function workerAssetOf(assembly: CloudAssembly, stack: NoticeStack): { assetDir: string; variables: Record<string, unknown> } {
  const template = assembly.getStackByName(stack.stackName).template as {
    Resources: Record<string, { Properties: { Environment: { Variables: Record<string, unknown> } } }>;
  };
  return {
    assetDir: join(assembly.directory, (stack.worker.node.findChild('Code') as Asset).assetPath),
    variables: template.Resources[stack.getLogicalId(stack.worker.node.defaultChild as CfnFunction)]!.Properties.Environment.Variables,
  };
}

/**
 * The function's environment with its asset paths pointed at `assetDir`, and the resources
 * CloudFormation would name (tokens in the template, left out) taken from the local stack.
 */
export function localWorkerEnvironment(
  variables: Record<string, unknown>,
  assetDir: string,
  endpoints: LocalEndpoints,
  config: ResourceConfig,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value === 'string') env[name] = value.startsWith(`${LAMBDA_TASK_ROOT}/`) ? join(assetDir, value.slice(LAMBDA_TASK_ROOT.length)) : value;
  }
  return {
    ...env,
    NOTICE_TABLE_NAME: config.tableName,
    NOTICE_BUCKET_NAME: config.bucketName,
    NOTICE_VERIFY_BASE_URL: 'https://notice.example.gov.cn',
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    NOTICE_DYNAMODB_ENDPOINT: endpoints.dynamodb,
    NOTICE_S3_ENDPOINT: endpoints.fauxqs,
    NOTICE_SQS_ENDPOINT: endpoints.fauxqs,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/** One SQS message as Lambda's event source hands it to the handler, as JSON. */
export function sqsEvent(body: string, messageId: string, queueArn: string): string {
  const now = String(Date.now());
  const record = {
    messageId,
    receiptHandle: `${messageId}-receipt`,
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: now, SenderId: 'local', ApproximateFirstReceiveTimestamp: now },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'us-east-1',
  };
  return JSON.stringify({ Records: [record] });
}

/** What the driver reports: its import (the init) and each event's handling, wall and CPU ms. */
export interface WorkerRun {
  importMs: number;
  importCpuMs: number;
  invocations: { ms: number; cpuMs: number; response: { batchItemFailures: unknown[] } }[];
}

/** A new process that imports the asset's bundle and hands its handler `events`, one after another. */
export async function runWorkerAlone(assetDir: string, env: Record<string, string>, events: readonly string[]): Promise<WorkerRun> {
  const { stdout } = await run(process.execPath, [DRIVER, assetDir, ...events], { cwd: assetDir, env, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as WorkerRun;
}
