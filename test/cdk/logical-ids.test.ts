// The stack's CloudFormation logical ids and types, for the default configuration and for one that
// turns on every optional part (stream-consumer function, KMS signing, an outside OpenID Connect
// issuer). A changed logical id makes CloudFormation replace the resource on the next deploy: for
// the table or the bucket that is a new, empty store. The snapshot was taken before the stack was
// split into constructs; update it only for a resource that is meant to be new or gone.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../cdk/app.js';
import { tempDir } from '../support/temp-dirs.js';

type Section = Record<string, { Type?: string }>;

function logicalIds(context: Record<string, unknown>) {
  const app = new App({ outdir: tempDir('notice-cdk-out-'), context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const json = Template.fromStack(buildApp(app)).toJSON() as { Resources: Section; Outputs?: Section };
  return {
    resources: Object.entries(json.Resources)
      .map(([id, r]) => `${id} ${r.Type}`)
      .sort(),
    outputs: Object.keys(json.Outputs ?? {}).sort(),
  };
}

describe('the logical ids of the stack', () => {
  it('stay as they were for the default configuration', () => {
    expect(logicalIds({})).toMatchSnapshot();
  }, 120_000);

  it('stay as they were with the stream-consumer function, KMS signing and an outside sign-in issuer', () => {
    const context = {
      streamConsumer: 'function',
      kmsSigning: 'true',
      signingTsaUrl: 'https://tsa.example.com.cn/tsr',
      oidcIssuer: 'https://sso.example.gov.cn/realms/notice',
      oidcClientId: 'notice-console',
    };
    expect(logicalIds(context)).toMatchSnapshot();
  }, 120_000);
});
