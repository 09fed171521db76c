// Renderer configuration from the environment, validated once at start-up.
import * as z from 'zod';
import { ConfigError } from './errors.js';
import { describeIssues } from './zod-issues.js';

/** Who issues the documents: 署名, 标志 and 印发机关. */
export const Issuer = z.object({
  name: z.string().min(2),
  header: z.string().min(2),
  printedBy: z.string().min(2),
});
export type Issuer = z.infer<typeof Issuer>;

/** The issuer of demo documents; its drawn seal only ever appears under a 样本 watermark. */
export const DEMO_ISSUER: Issuer = {
  name: '太原市人才工作领导小组办公室',
  header: '太原市人才工作领导小组办公室文件',
  printedBy: '太原市人才工作领导小组办公室',
};

const RenderEnv = z.object({
  NOTICE_DEMO: z.enum(['true', 'false']).default('true'),
  NOTICE_ISSUER: z.string().optional(),
  NOTICE_SEAL_IMAGE: z.string().optional(),
  NOTICE_SEAL_DIAMETER_MM: z.coerce.number().min(30).max(60).default(42),
  NOTICE_RED: z
    .string()
    .regex(/^#[0-9A-Fa-f]{6}$/)
    .default('#FF0000'),
  NOTICE_SIGNING_KEY: z.string().optional(),
  NOTICE_SIGNING_CERT: z.string().optional(),
  NOTICE_SIGNING_KMS_KEY: z.string().optional(),
  NOTICE_SIGNING_CERT_PARAMETER: z.string().optional(),
  NOTICE_SIGNING_TSA_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//, 'an http(s) URL of an RFC 3161 timestamp service')
    .optional(),
});

export interface RenderConfig {
  demo: boolean;
  issuer: Issuer;
  sealImagePath?: string;
  sealDiameterMm: number;
  red: string;
  /** PEM key and certificate chain that sign each PDF (docs/signing.md). */
  signing?: { keyPath: string; certificatePath: string };
  /** A KMS key that signs each PDF and the SSM parameter with its certificate chain (docs/signing.md). */
  kmsSigning?: { keyId: string; certificateParameter: string };
  /** An RFC 3161 timestamp service that timestamps each signature, PAdES B-T (docs/signing.md). */
  timestampUrl?: string;
}

/**
 * Reads the renderer's configuration. Outside demo mode an issuer must be configured
 * (NOTICE_ISSUER as JSON {name, header, printedBy}): documents never go out under the demo name.
 */
export function renderConfig(env: NodeJS.ProcessEnv = process.env): RenderConfig {
  const parsed = RenderEnv.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`configuration: ${describeIssues(parsed.error.issues)}`);
  }
  const e = parsed.data;
  if (!e.NOTICE_SIGNING_KEY !== !e.NOTICE_SIGNING_CERT)
    throw new ConfigError('NOTICE_SIGNING_KEY and NOTICE_SIGNING_CERT go together: set both (PEM files) or neither');
  if (!e.NOTICE_SIGNING_KMS_KEY !== !e.NOTICE_SIGNING_CERT_PARAMETER)
    throw new ConfigError('NOTICE_SIGNING_KMS_KEY and NOTICE_SIGNING_CERT_PARAMETER go together: set both (KMS key, SSM parameter) or neither');
  if (e.NOTICE_SIGNING_KEY && e.NOTICE_SIGNING_KMS_KEY)
    throw new ConfigError('NOTICE_SIGNING_KEY and NOTICE_SIGNING_KMS_KEY both name a signing key: keep one');
  const demo = e.NOTICE_DEMO === 'true';
  if (e.NOTICE_SIGNING_TSA_URL && !demo && !e.NOTICE_SIGNING_KEY && !e.NOTICE_SIGNING_KMS_KEY)
    throw new ConfigError(
      'NOTICE_SIGNING_TSA_URL timestamps signatures, but no signing key is configured: set NOTICE_SIGNING_KEY or NOTICE_SIGNING_KMS_KEY too',
    );
  let issuer = DEMO_ISSUER;
  if (e.NOTICE_ISSUER) {
    const r = Issuer.safeParse(JSON.parse(e.NOTICE_ISSUER));
    if (!r.success) throw new ConfigError(`NOTICE_ISSUER: ${describeIssues(r.error.issues)}`);
    issuer = r.data;
  } else if (!demo) {
    throw new ConfigError('NOTICE_ISSUER is required outside demo mode: set it to JSON {"name","header","printedBy"}');
  }
  return {
    demo,
    issuer,
    ...(e.NOTICE_SEAL_IMAGE ? { sealImagePath: e.NOTICE_SEAL_IMAGE } : {}),
    sealDiameterMm: e.NOTICE_SEAL_DIAMETER_MM,
    red: e.NOTICE_RED,
    ...(e.NOTICE_SIGNING_KEY && e.NOTICE_SIGNING_CERT ? { signing: { keyPath: e.NOTICE_SIGNING_KEY, certificatePath: e.NOTICE_SIGNING_CERT } } : {}),
    ...(e.NOTICE_SIGNING_KMS_KEY && e.NOTICE_SIGNING_CERT_PARAMETER
      ? { kmsSigning: { keyId: e.NOTICE_SIGNING_KMS_KEY, certificateParameter: e.NOTICE_SIGNING_CERT_PARAMETER } }
      : {}),
    ...(e.NOTICE_SIGNING_TSA_URL ? { timestampUrl: e.NOTICE_SIGNING_TSA_URL } : {}),
  };
}
