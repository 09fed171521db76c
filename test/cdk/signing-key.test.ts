// KMS signing in the stack (kmsSigning=true): an asymmetric RSA_2048 signing key kept on stack
// deletion, kms:Sign on it for the worker only, ssm:GetParameter on the one certificate parameter,
// and the worker configured for both (and for a timestamp service when signingTsaUrl names one) — and nothing of it in a stack without kmsSigning.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../cdk/app.js';
import type { NoticeStack } from '../../cdk/notice-stack.js';
import { renderConfig } from '../../lambdas/config.js';
import { tempDir } from '../support/temp-dirs.js';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties are free-form JSON
type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

let app: App;
let stack: NoticeStack;
let resources: Record<string, Resource>;

beforeAll(() => {
  app = new App({
    outdir: tempDir('notice-cdk-out-'),
    context: { 'aws:cdk:bundling-stacks': [], kmsSigning: 'true', signingTsaUrl: 'https://tsa.example.com.cn/tsr', stackName: 'Notices' },
  });
  stack = buildApp(app);
  resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
}, 120_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const statements = () =>
  ofType('AWS::IAM::Policy').flatMap(([, p]) =>
    (p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).map((s) => ({
      roles: p.Properties.Roles,
      actions: [s.Action].flat(),
      resource: s.Resource,
    })),
  );
const workerRole = () => ({ Ref: stack.getLogicalId(stack.worker.role!.node.defaultChild as never) });

describe('a stack that signs with KMS', () => {
  it('creates one asymmetric RSA_2048 signing key, kept when the stack is deleted', () => {
    const keys = ofType('AWS::KMS::Key');
    expect(keys).toHaveLength(1);
    const [, key] = keys[0]!;
    expect(key.Properties).toMatchObject({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    expect(key.DeletionPolicy).toBe('Retain');
  });

  it('lets the worker, and no one else, call kms:Sign on that key and read the certificate parameter', () => {
    const [keyId] = ofType('AWS::KMS::Key')[0]!;
    const kms = statements().filter((s) => s.actions.some((a) => a.startsWith('kms:')));
    expect(kms).toEqual([{ roles: [workerRole()], actions: ['kms:Sign'], resource: { 'Fn::GetAtt': [keyId, 'Arn'] } }]);
    const ssm = statements().filter((s) => s.actions.some((a) => a.startsWith('ssm:')));
    expect(ssm).toHaveLength(1);
    expect(ssm[0]).toMatchObject({ roles: [workerRole()], actions: ['ssm:GetParameter'] });
    expect(JSON.stringify(ssm[0]!.resource)).toContain(':parameter/Notices/signing-certificate');
  });

  it('configures the worker with the key and the parameter, which the renderer accepts', () => {
    const env = resources[stack.getLogicalId(stack.worker.node.defaultChild as never)]!.Properties.Environment.Variables as Record<string, unknown>;
    expect(env.NOTICE_SIGNING_CERT_PARAMETER).toBe('/Notices/signing-certificate');
    expect(env.NOTICE_SIGNING_TSA_URL).toBe('https://tsa.example.com.cn/tsr');
    expect(env.NOTICE_SIGNING_KMS_KEY).toEqual({ 'Fn::GetAtt': [ofType('AWS::KMS::Key')[0]![0], 'Arn'] });
    const config = renderConfig({
      NOTICE_DEMO: 'true',
      NOTICE_SIGNING_KMS_KEY: 'arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      NOTICE_SIGNING_CERT_PARAMETER: String(env.NOTICE_SIGNING_CERT_PARAMETER),
    });
    expect(config.kmsSigning?.certificateParameter).toBe('/Notices/signing-certificate');
  });

  it('leaves no cdk-nag AwsSolutions error or warning unacknowledged', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });
});
