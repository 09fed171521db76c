// Who signs: the renderer hands a SHA-256 digest to a Signer and gets the signature back, so the
// private key can live in KMS or an electronic-seal service instead of this process
// (docs/signing.md says what such an adapter must provide). The local signer keeps an RSA key in
// memory or under the data folder, with a self-signed certificate marked 样本/demo.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  generateKeyPairSync,
  privateEncrypt,
  randomBytes,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bitString, boolean, derNull, explicit, integer, objectId, octetString, printableString, sequence, setOf, time, utf8String } from './der.js';

/** Named as AWS KMS names them; ECDSA signatures are DER SEQUENCE { r, s }, as KMS returns them. */
export type SignatureAlgorithm = 'RSASSA_PKCS1_V1_5_SHA_256' | 'ECDSA_SHA_256';

export interface Signer {
  /** DER X.509 certificates, the signer's own first, then the chain towards its CA. */
  certificates: Buffer[];
  /** The scheme `sign` uses; named as AWS KMS names it. */
  algorithm: SignatureAlgorithm;
  /** Signs a SHA-256 digest (32 bytes): the raw signature value, as KMS Sign with MessageType DIGEST returns it. */
  sign(digest: Buffer): Promise<Buffer>;
}

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  country: '2.5.4.6',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  extendedKeyUsage: '2.5.29.37',
} as const;

/** DigestInfo prefix for SHA-256 (RFC 8017 9.2 note 1): PKCS#1 v1.5 signs prefix ‖ digest. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** RSA PKCS#1 v1.5 over a given digest: deterministic, so equal input gives equal signatures. */
function rsaSignDigest(key: KeyObject, digest: Buffer): Buffer {
  if (digest.length !== 32) throw new Error(`a SHA-256 digest has 32 bytes, got ${digest.length}`);
  return privateEncrypt(key, Buffer.concat([SHA256_DIGEST_INFO, digest]));
}

export function localSigner(key: KeyObject, certificate: Buffer): Signer {
  return { certificates: [certificate], algorithm: 'RSASSA_PKCS1_V1_5_SHA_256', sign: async (digest) => rsaSignDigest(key, digest) };
}

/** The AlgorithmIdentifier of a signature value made with `algorithm` (RFC 4055 for RSA, RFC 5758 3.2 for ECDSA: no parameters). */
export function signatureAlgorithmId(algorithm: SignatureAlgorithm): Buffer {
  return algorithm === 'ECDSA_SHA_256' ? sequence(objectId(OID.ecdsaWithSha256)) : sequence(objectId(OID.sha256WithRSAEncryption), derNull());
}

/** The scheme a certificate's key signs with: RSA PKCS#1 v1.5 or ECDSA, both over SHA-256. */
export function algorithmOf(certificate: Buffer): SignatureAlgorithm {
  const type = new X509Certificate(certificate).publicKey.asymmetricKeyType;
  if (type === 'rsa') return 'RSASSA_PKCS1_V1_5_SHA_256';
  if (type === 'ec') return 'ECDSA_SHA_256';
  throw new Error(`the signing certificate has a ${type} key; only RSA and ECDSA (P-256) keys are supported`);
}

/** Every certificate in PEM text (signer first), or the one DER certificate the bytes are. */
export function derCertificates(bytes: Buffer): Buffer[] {
  const pems = [...bytes.toString('latin1').matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)].map((m) =>
    Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'),
  );
  return pems.length > 0 ? pems : [bytes];
}

/** One PEM block (RFC 7468): base64 in lines of 64 between BEGIN and END lines naming `label`. */
export const pem = (label: string, der: Buffer): string =>
  `-----BEGIN ${label}-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;

/** PEM text of DER certificates, as files and SSM parameters hold them. */
export const pemCertificates = (certificates: Buffer[]): string => certificates.map((der) => pem('CERTIFICATE', der)).join('');

export const DEMO_SUBJECT = { commonName: '太原市人才工作领导小组办公室（样本/demo 签名）', organization: 'notice-pipeline 样本/demo' };

export function name(subject: { commonName: string; organization: string }): Buffer {
  const rdn = (oid: string, value: Buffer) => setOf(sequence(objectId(oid), value));
  return sequence(
    rdn(OID.country, printableString('CN')),
    rdn(OID.organization, utf8String(subject.organization)),
    rdn(OID.commonName, utf8String(subject.commonName)),
  );
}

/**
 * The TBSCertificate of a self-signed X.509 v3 certificate for a public key (SPKI, DER), valid from
 * 2018 (the policy's year, so every 成文日期 falls inside) to 2049, for signatures only
 * (keyUsage digitalSignature + nonRepudiation), and for `extendedKeyUsage` only when given (critical,
 * as RFC 3161 2.3 asks of a timestamp authority's certificate).
 */
export function selfSignedTbs(spki: Buffer, algorithm: SignatureAlgorithm, subject = DEMO_SUBJECT, extendedKeyUsage?: string): Buffer {
  const subjectName = name(subject);
  const keyUsage = sequence(objectId(OID.keyUsage), boolean(true), octetString(Buffer.from([0x03, 0x02, 0x06, 0xc0])));
  const basicConstraints = sequence(objectId(OID.basicConstraints), octetString(sequence()));
  const eku = extendedKeyUsage ? [sequence(objectId(OID.extendedKeyUsage), boolean(true), octetString(sequence(objectId(extendedKeyUsage))))] : [];
  return sequence(
    explicit(0, integer(2)),
    integer(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])),
    signatureAlgorithmId(algorithm),
    subjectName,
    sequence(time(new Date('2018-01-01T00:00:00Z')), time(new Date('2049-12-31T23:59:59Z'))),
    subjectName,
    spki,
    explicit(3, sequence(basicConstraints, keyUsage, ...eku)),
  );
}

/** A signed X.509 structure (certificate, or PKCS#10 request): the signed part, its algorithm, the signature. */
export const signedStructure = (tbs: Buffer, algorithm: SignatureAlgorithm, signature: Buffer): Buffer =>
  sequence(tbs, signatureAlgorithmId(algorithm), bitString(signature));

/** The demo certificate of a local RSA key (self-signed, 样本/demo in its subject). */
export function selfSignedCertificate(key: KeyObject, subject = DEMO_SUBJECT, extendedKeyUsage?: string): Buffer {
  const spki = Buffer.from(createPublicKey(key).export({ format: 'der', type: 'spki' }));
  const tbs = selfSignedTbs(spki, 'RSASSA_PKCS1_V1_5_SHA_256', subject, extendedKeyUsage);
  return signedStructure(tbs, 'RSASSA_PKCS1_V1_5_SHA_256', rsaSignDigest(key, createHash('sha256').update(tbs).digest()));
}

function createDemoKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

let inMemory: Promise<Signer> | undefined;

/**
 * The process's demo signer: a key and certificate made on first call and kept in memory. The RSA
 * key (45–250 ms of CPU, by luck of the prime search) is made on libuv's thread pool, so a renderer
 * that asks for it when it is created has it by its first signature without the first document waiting.
 */
export function inMemoryDemoSigner(): Promise<Signer> {
  inMemory ??= promisify(generateKeyPair)('rsa', { modulusLength: 2048 }).then(({ privateKey }) => localSigner(privateKey, selfSignedCertificate(privateKey)));
  return inMemory;
}

export interface SigningFiles {
  keyPath: string;
  certificatePath: string;
}

/** Where `npm start -- --data DIR` keeps the demo key and certificate. */
export function demoSigningFiles(dir: string): SigningFiles {
  return { keyPath: join(dir, 'signing-key.pem'), certificatePath: join(dir, 'signing-cert.pem') };
}

/** Creates the demo key and certificate in `dir` unless they are there already (so documents stay signed by the same key across runs). */
export function ensureDemoSigningFiles(dir: string): SigningFiles {
  const files = demoSigningFiles(dir);
  if (!existsSync(files.keyPath) || !existsSync(files.certificatePath)) {
    mkdirSync(dir, { recursive: true });
    const key = createDemoKey();
    const der = selfSignedCertificate(key);
    writeFileSync(files.keyPath, key.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    writeFileSync(files.certificatePath, pemCertificates([der]));
  }
  return files;
}

/** A local signer from a PEM private key and a PEM (or DER) certificate chain, signer first. */
export function fileSigner(files: SigningFiles): Signer {
  const key = createPrivateKey(readFileSync(files.keyPath));
  const certificates = derCertificates(readFileSync(files.certificatePath));
  return { ...localSigner(key, certificates[0]!), certificates };
}
