// The stack for each deploy target, synthesized offline with bundling skipped: the China regions
// (cn-northwest-1 Ningxia, cn-north-1 Beijing, and an unpinned `deployTarget: china`) get the
// OpenID Connect authorizer and no Cognito, no hard-coded partition or endpoint, only resource
// types the availability table in docs/operations.md covers, the runtime and architecture
// configured for the target, the stream-consumer function where Pipes is not used — and cdk-nag's
// AwsSolutions verdict for each.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../cdk/app.js';
import type { NoticeStack } from '../../cdk/notice-stack.js';
import { tempDir } from '../support/temp-dirs.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
const ISSUER = 'https://sso.taiyuan.example.gov.cn/realms/notice';
const OIDC = { oidcIssuer: ISSUER, oidcClientId: 'notice-console' };

/** Every type the stack may use in the China regions: each is a row of the availability table. */
const CHINA_RESOURCE_TYPES = new Set([
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Stage',
  'AWS::CloudWatch::Alarm',
  'AWS::DynamoDB::Table',
  'AWS::Events::Rule',
  'AWS::IAM::Policy',
  'AWS::IAM::Role',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::Logs::LogGroup',
  'AWS::Pipes::Pipe',
  'AWS::S3::Bucket',
  'AWS::S3::BucketPolicy',
  'AWS::SNS::Topic',
  'AWS::SNS::TopicPolicy',
  'AWS::SecretsManager::Secret',
  'AWS::SQS::Queue',
  'AWS::SQS::QueuePolicy',
]);

function synth(context: Record<string, unknown>) {
  const app = new App({ outdir: tempDir('notice-cdk-out-'), context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const stack: NoticeStack = buildApp(app);
  const template = Template.fromStack(stack);
  const json = template.toJSON() as { Resources: Record<string, Resource>; Mappings?: Record<string, Record<string, Record<string, string>>> };
  return { app, stack, template, json, resources: Object.values(json.Resources) };
}

const functionsOf = (resources: Resource[]) => resources.filter((r) => r.Type === 'AWS::Lambda::Function');

describe.each([
  { name: 'Ningxia (cn-northwest-1, pinned)', context: { ...OIDC, account: '123456789012', region: 'cn-northwest-1' } },
  { name: 'Beijing (cn-north-1, region only), stream consumer function', context: { ...OIDC, region: 'cn-north-1', streamConsumer: 'function' } },
  { name: 'China, unpinned (deployTarget china)', context: { ...OIDC, deployTarget: 'china' } },
])('the China target: $name', ({ context }) => {
  const { app, stack, template, json, resources } = synth(context);

  it('signs staff in through the configured OpenID Connect issuer, with no Cognito resource', () => {
    expect(resources.filter((r) => r.Type.startsWith('AWS::Cognito::'))).toEqual([]);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: ISSUER, Audience: ['notice-console'] },
    });
    const env = (
      functionsOf(resources).find((f) => JSON.stringify(f.Properties).includes('NOTICE_OIDC_ISSUER'))!.Properties.Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;
    expect(env).toMatchObject({ NOTICE_OIDC_ISSUER: ISSUER, NOTICE_OIDC_CLIENT_ID: 'notice-console', NOTICE_STAFF_GROUPS_CLAIM: 'groups' });
  });

  it('names no partition, endpoint or region of its own: ARNs and URLs come from the deployment', () => {
    // Service principals (lambda.amazonaws.com, …) are the same in every partition; anything else is not.
    const text = JSON.stringify(json.Resources, (key, value: unknown) =>
      (key === 'Service' || key === 'Principal') && typeof value === 'string' ? 'a-service-principal' : value,
    );
    expect(text.match(/.{0,60}(arn:aws:|amazonaws\.com|cognito|us-east-1).{0,20}/g)).toBeNull();
    expect(text).toContain('AWS::URLSuffix');
    expect(text).toContain('AWS::Partition');
  });

  it('uses only resource types the availability table covers, and no X-Ray tracing (not offered there)', () => {
    expect([...new Set(resources.map((r) => r.Type))].filter((t) => !CHINA_RESOURCE_TYPES.has(t))).toEqual([]);
    for (const fn of functionsOf(resources)) expect(fn.Properties.TracingConfig).toBeUndefined();
  });

  it('runs every function on the target’s runtime and architecture', () => {
    for (const fn of functionsOf(resources)) expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['x86_64'] });
  });

  it('takes the secrets extension layer published in the region', () => {
    const layers = JSON.stringify((functionsOf(resources).find((f) => f.Properties.Layers)!.Properties.Layers as unknown[])[0]);
    if (stack.region.startsWith('cn-')) {
      expect(layers).toMatch(new RegExp(`arn:aws-cn:lambda:${stack.region}:\\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension:`));
    } else {
      // Unpinned: a mapping chosen at deploy time, which must hold both China regions.
      const [mapping] = Object.values(json.Mappings ?? {}).filter((m) => JSON.stringify(m).includes('Parameters-and-Secrets'));
      expect(Object.keys(mapping!)).toEqual(expect.arrayContaining(['cn-north-1', 'cn-northwest-1']));
      expect(layers).toContain('Fn::FindInMap');
    }
  });

  it('leaves no cdk-nag AwsSolutions error or warning unacknowledged', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });

  it('moves approvals from the stream to the render queue with a Pipe or, where configured, the stream-consumer function', () => {
    if ('streamConsumer' in context && context.streamConsumer === 'function') {
      template.resourceCountIs('AWS::Pipes::Pipe', 0);
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [stack.getLogicalId(stack.table.node.defaultChild as never), 'StreamArn'] },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 10,
        MaximumRetryAttempts: 10,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [stack.getLogicalId(stack.pipeDeadLetterQueue.node.defaultChild as never), 'Arn'] } } },
      });
      expect(stack.streamConsumer).toBeDefined();
    } else {
      template.resourceCountIs('AWS::Pipes::Pipe', 1);
      expect(stack.streamConsumer).toBeUndefined();
    }
  });
});

describe('sending recipients their link in the China regions (no SNS SMS there)', () => {
  const SMS_TOPIC = 'arn:aws-cn:sns:cn-northwest-1:123456789012:notice-sms-gateway';
  const { resources } = synth({ ...OIDC, region: 'cn-northwest-1', sendWebhookUrl: 'https://sms.example.gov.cn/notice', sendSmsTopicArn: SMS_TOPIC });
  const api = functionsOf(resources).find((f) => JSON.stringify(f.Properties).includes('NOTICE_OIDC_ISSUER'))!;

  it('hands the API the configured webhook and topic, and lets it publish to that topic only', () => {
    expect((api.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
      NOTICE_SEND_WEBHOOK_URL: 'https://sms.example.gov.cn/notice',
      NOTICE_SEND_SMS_TOPIC_ARN: SMS_TOPIC,
    });
    const publish = resources
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => (r.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement)
      .filter((st) => st.Action === 'sns:Publish' && JSON.stringify(st.Resource).includes('notice-sms-gateway'));
    expect(publish).toEqual([{ Action: 'sns:Publish', Resource: SMS_TOPIC, Effect: 'Allow' }]);
  });

  it('refuses a webhook that is not https', () => {
    expect(() => synth({ ...OIDC, region: 'cn-northwest-1', sendWebhookUrl: 'http://sms.example.gov.cn/notice' })).toThrow(/sendWebhookUrl/);
  });
});

describe('the global target with the fallbacks chosen by configuration', () => {
  const { resources } = synth({ region: 'eu-central-1', lambdaRuntime: 'nodejs22.x', lambdaArchitecture: 'x86_64' });

  it('keeps the created Cognito pool and runs on the configured runtime and architecture', () => {
    expect(resources.filter((r) => r.Type === 'AWS::Cognito::UserPool')).toHaveLength(1);
    for (const fn of functionsOf(resources)) expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['x86_64'] });
  });
});
