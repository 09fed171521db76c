// What every function of the stack shares: runtime, architecture, its own role and log group, and
// the cdk-nag acknowledgements that go with a chosen runtime.
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct, IConstruct } from 'constructs';
import type { DeployConfig } from './config.js';
import { LAMBDA_RUNTIMES } from './targets.js';
import type { LambdaArchitectureName, LambdaRuntimeName } from './targets.js';

/** What the parts of the stack need to build functions. */
export interface FunctionSettings {
  config: DeployConfig;
  /** The folder holding package.json, package-lock.json, lambdas/ and templates/. */
  projectRoot: string;
}

const NODE_RUNTIMES: Record<LambdaRuntimeName, lambda.Runtime> = {
  'nodejs24.x': lambda.Runtime.NODEJS_24_X,
  'nodejs22.x': lambda.Runtime.NODEJS_22_X,
  'nodejs20.x': lambda.Runtime.NODEJS_20_X,
};

/** Records why a cdk-nag finding is accepted; the reason is read in review, so make it specific. */
export function accept(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** Settings every function shares: runtime, architecture, its own role and log group. */
export function functionBasics(
  scope: Construct,
  name: string,
  settings: FunctionSettings,
  architecture: LambdaArchitectureName = settings.config.lambdaArchitecture,
) {
  const logGroup = new logs.LogGroup(scope, `${name}Logs`, { retention: settings.config.logRetentionDays as logs.RetentionDays });
  // Our own role, not the managed AWSLambdaBasicExecutionRole: it may write to its log group only.
  const role = new iam.Role(scope, `${name}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  logGroup.grantWrite(role);
  return {
    runtime: NODE_RUNTIMES[settings.config.lambdaRuntime],
    architecture: architecture === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
    handler: 'handler',
    role,
    logGroup,
    projectRoot: settings.projectRoot,
    depsLockFilePath: join(settings.projectRoot, 'package-lock.json'),
  };
}

/** An older runtime is a choice made for a region that lacks the newest (cdk/targets.ts); say so to cdk-nag. */
export function acceptRuntime(fn: NodejsFunction, config: DeployConfig): void {
  if (config.lambdaRuntime === LAMBDA_RUNTIMES[0]) return;
  accept(
    fn,
    'AwsSolutions-L1',
    `Runs ${config.lambdaRuntime}, not ${LAMBDA_RUNTIMES[0]}: the newest runtime offered in the ${config.deployTarget} target as docs/operations.md records it, or set with lambdaRuntime; raise it when the region offers the newer one.`,
  );
}

/** The renderer's settings (lambdas/config.ts renderConfig) from the deploy configuration. */
export function renderEnvironment(config: DeployConfig): Record<string, string> {
  return {
    NOTICE_DEMO: String(config.demo),
    ...(config.issuer ? { NOTICE_ISSUER: JSON.stringify(config.issuer) } : {}),
    NOTICE_SEAL_DIAMETER_MM: String(config.sealDiameterMm),
  };
}
