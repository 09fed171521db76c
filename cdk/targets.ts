// Where the stack may be deployed and what each place offers. The global regions (partition aws)
// get the newest choices; the China regions (partition aws-cn: cn-north-1 Beijing, cn-northwest-1
// Ningxia) get what docs/operations.md “Service availability in the China regions” records for
// them, and an operator overrides any of it with lambdaRuntime, lambdaArchitecture and
// streamConsumer once the region's console shows more. Nothing here names a partition or an
// endpoint: the stack uses Aws.PARTITION and Aws.URL_SUFFIX for those.
import { RegionInfo } from 'aws-cdk-lib/region-info';

export type DeployTarget = 'global' | 'china';
export const LAMBDA_RUNTIMES = ['nodejs24.x', 'nodejs22.x', 'nodejs20.x'] as const;
export type LambdaRuntimeName = (typeof LAMBDA_RUNTIMES)[number];
export type LambdaArchitectureName = 'arm64' | 'x86_64';
/** How the table's stream reaches the render queue: an EventBridge Pipe, or a small Lambda doing the same. */
export type StreamConsumer = 'pipe' | 'function';

export interface TargetDefaults {
  runtime: LambdaRuntimeName;
  architecture: LambdaArchitectureName;
  streamConsumer: StreamConsumer;
}

const CHINA_REGIONS = ['cn-north-1', 'cn-northwest-1'] as const;

const GLOBAL: TargetDefaults = { runtime: 'nodejs24.x', architecture: 'arm64', streamConsumer: 'pipe' };

/**
 * The China regions: what could be confirmed offline is kept, the rest is the safe older choice
 * (docs/operations.md lists which is which). Node.js 22 on x86_64 runs this code unchanged.
 */
const CHINA: TargetDefaults = { runtime: 'nodejs22.x', architecture: 'x86_64', streamConsumer: 'pipe' };

export function targetOfRegion(region: string | undefined): DeployTarget | undefined {
  if (region === undefined) return undefined;
  return region.startsWith('cn-') ? 'china' : 'global';
}

export function targetDefaults(target: DeployTarget): TargetDefaults {
  return target === 'china' ? CHINA : GLOBAL;
}

/** The Parameters and Secrets extension version the API function runs with. */
export const PARAMS_AND_SECRETS_VERSION = '1.0.103';

/**
 * The architecture the API function can run with the Parameters and Secrets extension in every
 * region it may be deployed to (one region, or — unpinned — every region of the target): the
 * configured one when AWS publishes the layer for it there, else x86_64, which is published
 * wherever the extension is. CDK's region facts are the source; they list no arm64 layer in the
 * China regions.
 */
export function apiArchitecture(configured: LambdaArchitectureName, target: DeployTarget, region: string | undefined): LambdaArchitectureName {
  const regions = region ? [region] : target === 'china' ? [...CHINA_REGIONS] : [];
  const published = regions.every((r) => RegionInfo.get(r).paramsAndSecretsLambdaLayerArn(PARAMS_AND_SECRETS_VERSION, configured) !== undefined);
  return published ? configured : 'x86_64';
}
