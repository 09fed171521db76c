// The signer whose key lives in AWS KMS: the renderer sends the 32-byte digest of the CMS signed
// attributes (kms:Sign, MessageType DIGEST) and gets the signature value back; the private key
// never leaves KMS. The certificate issued for the key comes from an SSM parameter (PEM, signer
// first), read once per process. docs/operations.md says how to get that certificate.
import { GetPublicKeyCommand, KMSClient, SignCommand, type SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { createHash } from 'node:crypto';
import { ConfigError } from '../../errors.js';
import {
  algorithmOf,
  derCertificates,
  pem,
  pemCertificates,
  selfSignedTbs,
  signedStructure,
  name,
  DEMO_SUBJECT,
  type SignatureAlgorithm,
  type Signer,
} from './signer.js';
import { integer, sequence, tlv } from './der.js';

export interface KmsSigning {
  /** Key id, ARN or alias of an asymmetric SIGN_VERIFY key (ECC_NIST_P256 or RSA_2048). */
  keyId: string;
  /** SSM parameter holding the PEM certificate chain issued for the key. */
  certificateParameter: string;
}

/** kms:Sign over a SHA-256 digest. A throttled or failed call throws: the message is retried and nothing has been written. */
async function kmsSign(client: KMSClient, keyId: string, algorithm: SignatureAlgorithm, digest: Buffer): Promise<Buffer> {
  if (digest.length !== 32) throw new Error(`a SHA-256 digest has 32 bytes, got ${digest.length}`);
  const out = await client.send(new SignCommand({ KeyId: keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: algorithm }));
  if (!out.Signature) throw new Error(`KMS Sign for ${keyId} returned no signature`);
  return Buffer.from(out.Signature);
}

/** A Signer over a KMS key and the certificates issued for it; the scheme follows the certificate's key. */
export function kmsSigner(client: KMSClient, keyId: string, certificates: Buffer[]): Signer {
  const algorithm = algorithmOf(certificates[0]!);
  return { certificates, algorithm, sign: (digest) => kmsSign(client, keyId, algorithm, digest) };
}

/** The certificate chain stored in an SSM parameter (PEM, signer first). */
export async function certificatesFromParameter(ssm: SSMClient, parameter: string): Promise<Buffer[]> {
  let value: string | undefined;
  try {
    value = (await ssm.send(new GetParameterCommand({ Name: parameter }))).Parameter?.Value;
  } catch (e) {
    throw new ConfigError(`NOTICE_SIGNING_CERT_PARAMETER: cannot read SSM parameter ${parameter} (${(e as Error).message})`);
  }
  if (!value?.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(
      `NOTICE_SIGNING_CERT_PARAMETER: SSM parameter ${parameter} holds no PEM certificate; put the chain issued for the KMS key there (docs/operations.md)`,
    );
  }
  return derCertificates(Buffer.from(value, 'latin1'));
}

/** The KMS signer the configuration names, its certificate read from SSM. */
export async function configuredKmsSigner(signing: KmsSigning, clients: { kms?: KMSClient; ssm?: SSMClient } = {}): Promise<Signer> {
  const certificates = await certificatesFromParameter(clients.ssm ?? new SSMClient({}), signing.certificateParameter);
  return kmsSigner(clients.kms ?? new KMSClient({}), signing.keyId, certificates);
}

// Getting a certificate for a KMS key: a PKCS#10 request for the agency's CA, or (demo stacks) a
// self-signed certificate, both signed through kms:Sign with the key's public key from GetPublicKey.

/** The key's public key (SPKI, DER) and the scheme it signs with. */
export async function kmsPublicKey(client: KMSClient, keyId: string): Promise<{ spki: Buffer; algorithm: SignatureAlgorithm }> {
  const out = await client.send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (out.KeyUsage !== 'SIGN_VERIFY' || !out.PublicKey)
    throw new ConfigError(`KMS key ${keyId} is not an asymmetric signing key (KeyUsage ${out.KeyUsage ?? '?'})`);
  const algorithms = out.SigningAlgorithms ?? [];
  const algorithm = (['ECDSA_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_256'] as const).find((a) => algorithms.includes(a as SigningAlgorithmSpec));
  if (!algorithm)
    throw new ConfigError(
      `KMS key ${keyId} (${out.KeySpec ?? '?'}) signs with none of ECDSA_SHA_256 or RSASSA_PKCS1_V1_5_SHA_256; create an ECC_NIST_P256 or RSA_2048 key`,
    );
  return { spki: Buffer.from(out.PublicKey), algorithm };
}

const signThroughKms = (client: KMSClient, keyId: string, algorithm: SignatureAlgorithm, tbs: Buffer) =>
  kmsSign(client, keyId, algorithm, createHash('sha256').update(tbs).digest());

/** A PKCS#10 certification request (RFC 2986) for the KMS key, to send to the agency's CA (DER). */
export async function kmsCertificationRequest(client: KMSClient, keyId: string, subject: { commonName: string; organization: string }): Promise<Buffer> {
  const { spki, algorithm } = await kmsPublicKey(client, keyId);
  // CertificationRequestInfo: version 0, subject, SPKI, no attributes ([0] empty).
  const info = sequence(integer(0), name(subject), spki, tlv(0xa0));
  return signedStructure(info, algorithm, await signThroughKms(client, keyId, algorithm, info));
}

/** A self-signed demo certificate (样本/demo in its subject) for the KMS key (DER). */
export async function kmsSelfSignedCertificate(client: KMSClient, keyId: string, subject = DEMO_SUBJECT): Promise<Buffer> {
  const { spki, algorithm } = await kmsPublicKey(client, keyId);
  const tbs = selfSignedTbs(spki, algorithm, subject);
  return signedStructure(tbs, algorithm, await signThroughKms(client, keyId, algorithm, tbs));
}

/**
 * `notice kms-certificate`: PEM text of a certification request for the agency's CA (with
 * `subject`), or of a self-signed demo certificate (without), for the KMS key.
 */
export async function kmsCertificatePem(keyId: string, subject?: { commonName: string; organization: string }, client = new KMSClient({})): Promise<string> {
  if (!subject) return pemCertificates([await kmsSelfSignedCertificate(client, keyId)]);
  const der = await kmsCertificationRequest(client, keyId, subject);
  return pem('CERTIFICATE REQUEST', der);
}
