import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { apiConfig } from '../../lambdas/api/config.js';
import { loadLinkSecret } from '../../lambdas/api/link-secret.js';
import { ConfigError } from '../../lambdas/errors.js';

const base = {
  AWS_REGION: 'cn-north-1',
  NOTICE_TABLE_NAME: 'notices',
  NOTICE_BUCKET_NAME: 'notice-documents',
  NOTICE_RENDER_QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/notice-render',
  NOTICE_PUBLIC_BASE_URL: 'https://notices.example.gov.cn/',
};
const ARN = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:link-AbCdEf';

describe('API configuration', () => {
  it('reads the table, queue, bucket, base URL and staff group, defaulting the group to “staff”', () => {
    const config = apiConfig({ ...base, NOTICE_LINK_SECRET_ARN: ARN });
    expect(config).toMatchObject({
      tableName: 'notices',
      bucketName: 'notice-documents',
      publicBaseUrl: 'https://notices.example.gov.cn',
      staffGroup: 'staff',
      staffGroupsClaim: 'cognito:groups',
      linkTtlDays: 30,
      linkSecret: { kind: 'secrets-manager', arn: ARN },
    });
    expect(config.signIn).toBeUndefined();
  });

  it('reads the OpenID Connect issuer, client and scopes, keeping the issuer exactly as tokens spell it', () => {
    const config = apiConfig({
      ...base,
      NOTICE_LINK_SECRET_ARN: ARN,
      NOTICE_OIDC_ISSUER: 'https://sso.example.gov.cn/realms/notice/',
      NOTICE_OIDC_CLIENT_ID: 'notice-console',
      NOTICE_STAFF_GROUPS_CLAIM: 'groups',
    });
    expect(config.signIn).toEqual({ issuer: 'https://sso.example.gov.cn/realms/notice/', clientId: 'notice-console', scopes: 'openid email profile' });
    expect(config.staffGroupsClaim).toBe('groups');
  });

  it('names the variable at fault: no link secret, both secrets, a short secret, half a sign-in setting, a plain-http issuer, a staff group with a space', () => {
    const message = (env: Record<string, string>) => {
      try {
        apiConfig(env);
        return '';
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
    };
    expect(message(base)).toContain('NOTICE_LINK_SECRET');
    expect(message({ ...base, NOTICE_LINK_SECRET: 'x'.repeat(40), NOTICE_LINK_SECRET_ARN: ARN })).toContain('exactly one');
    expect(message({ ...base, NOTICE_LINK_SECRET: 'short' })).toContain('32');
    expect(message({ ...base, NOTICE_LINK_SECRET_ARN: ARN, NOTICE_OIDC_ISSUER: 'https://sso.example.gov.cn' })).toContain('NOTICE_OIDC_ISSUER: set both');
    expect(message({ ...base, NOTICE_LINK_SECRET_ARN: ARN, NOTICE_OIDC_ISSUER: 'http://sso.example.gov.cn', NOTICE_OIDC_CLIENT_ID: 'c' })).toContain(
      'https, except on 127.0.0.1',
    );
    expect(message({ ...base, NOTICE_LINK_SECRET_ARN: ARN, NOTICE_STAFF_GROUP: 'staff members' })).toContain('NOTICE_STAFF_GROUP');
  });
});

describe('the link secret', () => {
  it('is read from Secrets Manager through the Lambda extension with the session token', async () => {
    const seen: { url?: string; token?: string } = {};
    const server = createServer((req, res) => {
      seen.url = req.url;
      seen.token = req.headers['x-aws-parameters-secrets-token'] as string;
      res.end(JSON.stringify({ SecretString: 's'.repeat(40) }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = String((server.address() as AddressInfo).port);
      const secret = await loadLinkSecret(
        { kind: 'secrets-manager', arn: ARN },
        { PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: port, AWS_SESSION_TOKEN: 'session' },
      );
      expect(secret.toString()).toBe('s'.repeat(40));
      expect(seen).toEqual({ url: `/secretsmanager/get?secretId=${encodeURIComponent(ARN)}`, token: 'session' });
    } finally {
      server.close();
    }
  });

  it('fails with a configuration error when the extension is not there', async () => {
    await expect(
      loadLinkSecret({ kind: 'secrets-manager', arn: ARN }, { PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '9', AWS_SESSION_TOKEN: 't' }),
    ).rejects.toThrow(/extension/);
  });
});
