// The CDK app: configuration from context (validated, cdk/config.ts), one stack, cdk-nag's
// AwsSolutions checks as a validation plugin. Synthesises offline: no lookups, and the stack is
// environment-agnostic unless a region (and perhaps an account) is given.
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { defaultFontPackConfig, readFontPackConfig } from '../lambdas/render/fonts.js';
import { readDeployConfig } from './config.js';
import { NoticeStack } from './notice-stack.js';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

/**
 * Feature flags the stack relies on, set here because cdk.json carries none: S3 access logs
 * delivered under a bucket policy (the documents bucket's log bucket keeps ACLs disabled).
 */
const FEATURE_FLAGS = { '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true } as const;

/** Builds the app's stack into `app` (which must still be empty); tests call this with their own App. */
export function buildApp(app: App): NoticeStack {
  for (const [flag, value] of Object.entries(FEATURE_FLAGS)) app.node.setContext(flag, value);
  const config = readDeployConfig(app.node.getAllContext());
  const fontPack = config.fontPack ? readFontPackConfig(config.fontPack) : defaultFontPackConfig();
  const stack = new NoticeStack(app, config.stackName, {
    config,
    projectRoot: PROJECT_ROOT,
    fontPack,
    // A region alone pins the region; the account is then the one deploying.
    ...(config.region ? { env: { region: config.region, ...(config.account ? { account: config.account } : {}) } } : {}),
    description: 'notice-pipeline: GB/T 9704 official documents for 并发〔2018〕2号, rendered from approved cases',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const app = new App();
  buildApp(app);
  app.synth();
}
