// The secret that signs download links. On AWS it lives in Secrets Manager and is read through
// the AWS Parameters and Secrets Lambda Extension (a layer the CDK stack adds: it caches the
// value and needs no SDK client in the bundle); locally and in tests it is given directly.
import * as z from 'zod';
import { ConfigError } from '../errors.js';
import type { LinkSecretSource } from './config.js';

const ExtensionAnswer = z.object({ SecretString: z.string().min(32, 'at least 32 characters') });

export async function loadLinkSecret(source: LinkSecretSource, env: Record<string, string | undefined> = process.env): Promise<Buffer> {
  if (source.kind === 'value') return Buffer.from(source.secret, 'utf8');
  const port = env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
  const token = env.AWS_SESSION_TOKEN;
  if (!token) throw new ConfigError('reading the link secret from Secrets Manager needs AWS_SESSION_TOKEN (set by Lambda)');
  const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(source.arn)}`;
  let answer: Response;
  try {
    answer = await fetch(url, { headers: { 'X-Aws-Parameters-Secrets-Token': token }, signal: AbortSignal.timeout(3_000) });
  } catch (error) {
    throw new ConfigError(`the Parameters and Secrets extension did not answer on port ${port} (${(error as Error).message}); add its layer to the function`);
  }
  if (!answer.ok)
    throw new ConfigError(`the Parameters and Secrets extension answered ${answer.status} for ${source.arn}; check the function's permission to read it`);
  const parsed = ExtensionAnswer.safeParse(await answer.json());
  if (!parsed.success) throw new ConfigError(`secret ${source.arn}: SecretString must be at least 32 characters of text`);
  return Buffer.from(parsed.data.SecretString, 'utf8');
}
