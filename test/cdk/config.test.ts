// Deployment configuration from CDK context: defaults, the errors an operator sees, and one synth
// of a production-shaped configuration (an existing Cognito pool as the OpenID Connect issuer, a
// real issuer and seal, an alarm address) to show each setting reaches the resources it configures.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../cdk/app.js';
import { readDeployConfig } from '../../cdk/config.js';
import type { NoticeStack } from '../../cdk/notice-stack.js';
import { renderConfig } from '../../lambdas/config.js';
import { tempDir } from '../support/temp-dirs.js';

let dir: string;
let seal: string;
let notPng: string;

beforeAll(() => {
  dir = tempDir('notice-cdk-config-');
  seal = join(dir, 'seal.png');
  writeFileSync(seal, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]));
  notPng = join(dir, 'seal.jpg');
  writeFileSync(notPng, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]));
});

const ISSUER = { name: '太原市人才工作领导小组办公室', header: '太原市人才工作领导小组办公室文件', printedBy: '太原市人才工作领导小组办公室' };

function configError(context: Record<string, unknown>): string {
  try {
    readDeployConfig(context);
  } catch (error) {
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('readDeployConfig', () => {
  it('gives a demo deployment with the documented defaults when nothing is set', () => {
    expect(readDeployConfig({})).toEqual({
      stackName: 'NoticePipeline',
      demo: true,
      sealDiameterMm: 42,
      kmsSigning: false,
      deployTarget: 'global',
      oidcScopes: 'openid email profile',
      staffGroup: 'staff',
      staffGroupsClaim: 'cognito:groups',
      lambdaRuntime: 'nodejs24.x',
      lambdaArchitecture: 'arm64',
      streamConsumer: 'pipe',
      logRetentionDays: 365,
      workerTimeoutSeconds: 30,
      workerMemoryMb: 1536,
      workerMaxConcurrency: 10,
      workerBatchSize: 5,
      workerBatchingWindowSeconds: 1,
      maxReceiveCount: 3,
      apiRateLimit: 50,
      apiBurstLimit: 100,
      tableIndexes: 3,
    });
  });

  it('reads strings from the command line as the numbers and booleans they spell', () => {
    const config = readDeployConfig({
      demo: 'false',
      issuer: JSON.stringify(ISSUER),
      workerMaxConcurrency: '50',
      logRetentionDays: '90',
      apiRateLimit: '200',
      apiBurstLimit: '400',
    });
    expect(config).toMatchObject({ demo: false, issuer: ISSUER, workerMaxConcurrency: 50, logRetentionDays: 90, apiRateLimit: 200, apiBurstLimit: 400 });
    expect(() => readDeployConfig({ tableIndexes: '4' })).toThrow(/tableIndexes/);
  });

  it('ignores CDK’s own context keys', () => {
    expect(() =>
      readDeployConfig({ '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true, 'aws:cdk:bundling-stacks': [], 'cli-telemetry': false }),
    ).not.toThrow();
  });

  it('rejects a key it does not know, so a typo is not silently ignored', () => {
    expect(configError({ issuerr: '{}' })).toMatch(/issuerr/);
  });

  it('rejects a production deployment without an issuer, naming the key', () => {
    expect(configError({ demo: 'false' })).toMatch(/issuer: required when demo is false/);
  });

  it('rejects an issuer that is not JSON or lacks a field', () => {
    expect(configError({ issuer: '{name: x}' })).toMatch(/issuer: not JSON/);
    expect(configError({ issuer: JSON.stringify({ name: ISSUER.name }) })).toMatch(/issuer\.header/);
  });

  it('rejects a seal image that is missing or not a PNG, naming the file', () => {
    expect(configError({ sealImage: join(dir, 'nowhere.png') })).toMatch(/sealImage: no file at .*nowhere\.png/);
    expect(configError({ sealImage: notPng })).toMatch(/seal\.jpg is not a PNG/);
  });

  it('rejects half of an OpenID Connect client, and a Cognito domain prefix beside it', () => {
    expect(configError({ oidcIssuer: 'https://sso.example.gov.cn/realms/notice' })).toMatch(/oidcIssuer: give oidcIssuer and oidcClientId/);
    expect(configError({ oidcIssuer: 'https://sso.example.gov.cn/realms/notice', oidcClientId: 'c', cognitoDomainPrefix: 'notices' })).toMatch(
      /cognitoDomainPrefix: only for a user pool this stack creates/,
    );
    expect(configError({ oidcIssuer: 'http://sso.example.gov.cn', oidcClientId: 'c' })).toMatch(/oidcIssuer: an https URL/);
  });

  it('rejects a China deployment without an OpenID Connect issuer: there are no Cognito user pools', () => {
    expect(configError({ region: 'cn-northwest-1' })).toMatch(/oidcIssuer: required in the China regions/);
    expect(configError({ deployTarget: 'china' })).toMatch(/oidcIssuer: required in the China regions/);
  });

  it('derives the target from the region and refuses a contradiction', () => {
    const oidc = { oidcIssuer: 'https://sso.example.gov.cn/realms/notice', oidcClientId: 'notice-console' };
    expect(readDeployConfig({ ...oidc, region: 'cn-north-1' })).toMatchObject({
      deployTarget: 'china',
      lambdaRuntime: 'nodejs22.x',
      lambdaArchitecture: 'x86_64',
      staffGroupsClaim: 'groups',
    });
    expect(readDeployConfig({ region: 'us-east-1' })).toMatchObject({ deployTarget: 'global', lambdaRuntime: 'nodejs24.x', lambdaArchitecture: 'arm64' });
    expect(configError({ ...oidc, region: 'cn-north-1', deployTarget: 'global' })).toMatch(/deployTarget: cn-north-1 is a china region/);
    expect(
      readDeployConfig({ ...oidc, deployTarget: 'china', lambdaRuntime: 'nodejs24.x', lambdaArchitecture: 'arm64', streamConsumer: 'function' }),
    ).toMatchObject({
      lambdaRuntime: 'nodejs24.x',
      lambdaArchitecture: 'arm64',
      streamConsumer: 'function',
    });
    expect(configError({ lambdaRuntime: 'nodejs18.x' })).toMatch(/lambdaRuntime/);
  });

  it('rejects an account without a region, and takes a region alone', () => {
    expect(configError({ account: '123456789012' })).toMatch(/account: give a region with the account/);
    expect(readDeployConfig({ region: 'eu-central-1' }).region).toBe('eu-central-1');
  });

  it('rejects settings outside what AWS accepts', () => {
    expect(configError({ workerMaxConcurrency: '1' })).toMatch(/workerMaxConcurrency/);
    expect(configError({ logRetentionDays: '42' })).toMatch(/logRetentionDays: one of 1, 3, 5/);
    expect(configError({ cognitoDomainPrefix: 'my-cognito-staff' })).toMatch(/cognitoDomainPrefix: Cognito refuses/);
    expect(configError({ publicBaseUrl: 'http://notice.example.gov.cn' })).toMatch(/publicBaseUrl: an https URL/);
  });

  it('stops the synth before any construct is built', () => {
    const app = new App({ outdir: tempDir('notice-cdk-out-'), context: { 'aws:cdk:bundling-stacks': [], demo: 'false' } });
    expect(() => buildApp(app)).toThrow(/deploy configuration \(CDK context\): issuer: required/);
    expect(app.node.children).toHaveLength(0);
  });
});

describe('a production-shaped configuration', () => {
  let stack: NoticeStack;
  let template: Template;

  beforeAll(() => {
    const app = new App({
      outdir: tempDir('notice-cdk-out-'),
      context: {
        'aws:cdk:bundling-stacks': [],
        demo: 'false',
        issuer: JSON.stringify(ISSUER),
        sealImage: seal,
        // An existing Cognito pool is one more OpenID Connect issuer.
        oidcIssuer: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_AbC123',
        oidcClientId: '1example23456789abcdefghij',
        staffGroupsClaim: 'cognito:groups',
        publicBaseUrl: 'https://notice.example.gov.cn/',
        alarmEmail: 'ops@example.gov.cn',
      },
    });
    stack = buildApp(app);
    template = Template.fromStack(stack);
  }, 120_000);

  const env = (fn: NoticeStack['worker']) =>
    (template.toJSON().Resources[stack.getLogicalId(fn.node.defaultChild as never)] as { Properties: { Environment: { Variables: Record<string, unknown> } } })
      .Properties.Environment.Variables;

  it('uses the existing user pool as its OpenID Connect issuer instead of creating one', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 0);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Audience: ['1example23456789abcdefghij'], Issuer: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_AbC123' },
    });
    expect(env(stack.api)).toMatchObject({
      NOTICE_OIDC_ISSUER: 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_AbC123',
      NOTICE_OIDC_CLIENT_ID: '1example23456789abcdefghij',
      NOTICE_STAFF_GROUPS_CLAIM: 'cognito:groups',
    });
  });

  it('gives the worker the issuer, the seal inside its asset, and production mode', () => {
    const variables = env(stack.worker);
    expect(variables).toMatchObject({
      NOTICE_DEMO: 'false',
      NOTICE_SEAL_IMAGE: '/var/task/seal/seal.png',
      NOTICE_VERIFY_BASE_URL: 'https://notice.example.gov.cn',
    });
    const strings = Object.fromEntries(Object.entries(variables).filter((e): e is [string, string] => typeof e[1] === 'string'));
    expect(renderConfig(strings)).toMatchObject({ demo: false, issuer: ISSUER, sealImagePath: '/var/task/seal/seal.png' });
  });

  it('subscribes the operators’ address to the alarm topic', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.gov.cn',
      TopicArn: { Ref: stack.getLogicalId(stack.alarmTopic.node.defaultChild as never) },
    });
  });
});
