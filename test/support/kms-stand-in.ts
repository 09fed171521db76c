// A local stand-in for AWS KMS (and the one SSM call the signer makes), enough for the signer: it
// speaks their JSON protocol over HTTP (X-Amz-Target TrentService.Sign, TrentService.GetPublicKey,
// AmazonSSM.GetParameter; application/x-amz-json-1.1), so the adapter is tested through the real
// @aws-sdk/client-kms and client-ssm. Keys are made with node:crypto; ECDSA
// over a given digest is computed here (node signs only messages it hashes itself).
import { createServer, type Server } from 'node:http';
import { createPublicKey, generateKeyPairSync, privateEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { integer, sequence } from '../../lambdas/render/sign/der.js';

export type KeySpec = 'ECC_NIST_P256' | 'RSA_2048';

// P-256 (FIPS 186-4 D.1.2.3).
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const G: Point = [0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n, 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n];
type Point = [bigint, bigint] | null;

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;
function inverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return mod(s0, m);
}
function add(a: Point, b: Point): Point {
  if (!a) return b;
  if (!b) return a;
  if (a[0] === b[0] && mod(a[1] + b[1], P) === 0n) return null;
  const l = a[0] === b[0] ? mod(3n * a[0] * a[0] - 3n, P) * inverse(2n * a[1], P) : mod(b[1] - a[1], P) * inverse(b[0] - a[0], P);
  const x = mod(l * l - a[0] - b[0], P);
  return [x, mod(l * (a[0] - x) - a[1], P)];
}
function multiply(k: bigint, point: Point): Point {
  let out: Point = null;
  for (let q = point; k > 0n; k >>= 1n, q = add(q, q)) if (k & 1n) out = add(out, q);
  return out;
}
const big = (b: Buffer) => BigInt(`0x${b.toString('hex') || '0'}`);
const bytes = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');

/** ECDSA P-256 over a SHA-256 digest, DER SEQUENCE { r, s } as KMS returns it. */
function ecdsaSignDigest(key: KeyObject, digest: Buffer): Buffer {
  const d = big(Buffer.from(key.export({ format: 'jwk' }).d!, 'base64url'));
  for (;;) {
    const k = mod(big(randomBytes(32)), N);
    if (k === 0n) continue;
    const r = mod(multiply(k, G)![0], N);
    const s = mod(inverse(k, N) * (big(digest) + r * d), N);
    if (r !== 0n && s !== 0n) return sequence(integer(bytes(r)), integer(bytes(s)));
  }
}

const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

interface StandInKey {
  spec: KeySpec;
  key: KeyObject;
}

export interface KmsStandIn {
  endpoint: string;
  /** Makes a key and returns its id. */
  createKey(spec: KeySpec): string;
  /** Stores an SSM String parameter. */
  putParameter(name: string, value: string): void;
  /** Requests served, by operation (Sign, GetPublicKey, GetParameter). */
  calls: Record<string, number>;
  close(): Promise<void>;
}

export async function startKmsStandIn(): Promise<KmsStandIn> {
  const keys = new Map<string, StandInKey>();
  const parameters = new Map<string, string>();
  const calls: Record<string, number> = {};
  const algorithms = (spec: KeySpec) => (spec === 'RSA_2048' ? ['RSASSA_PKCS1_V1_5_SHA_256'] : ['ECDSA_SHA_256']);

  const handle = (operation: string, body: Record<string, string>): [number, unknown] => {
    calls[operation] = (calls[operation] ?? 0) + 1;
    if (operation === 'GetParameter') {
      const value = parameters.get(body.Name ?? '');
      return value === undefined
        ? [400, { __type: 'ParameterNotFound', message: '' }]
        : [200, { Parameter: { Name: body.Name, Type: 'String', Value: value, Version: 1 } }];
    }
    const k = keys.get(body.KeyId ?? '');
    if (!k) return [400, { __type: 'NotFoundException', message: `Key '${body.KeyId}' does not exist` }];
    if (operation === 'GetPublicKey') {
      const spki = createPublicKey(k.key).export({ format: 'der', type: 'spki' });
      return [200, { KeyId: body.KeyId, PublicKey: spki.toString('base64'), KeySpec: k.spec, KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: algorithms(k.spec) }];
    }
    if (operation === 'Sign') {
      const message = Buffer.from(body.Message ?? '', 'base64');
      if (body.MessageType !== 'DIGEST' || message.length !== 32)
        return [400, { __type: 'ValidationException', message: 'this stand-in signs SHA-256 digests only' }];
      if (!algorithms(k.spec).includes(body.SigningAlgorithm ?? ''))
        return [400, { __type: 'InvalidKeyUsageException', message: `${body.SigningAlgorithm} is not valid for ${k.spec}` }];
      const signature = k.spec === 'RSA_2048' ? privateEncrypt(k.key, Buffer.concat([SHA256_DIGEST_INFO, message])) : ecdsaSignDigest(k.key, message);
      return [200, { KeyId: body.KeyId, Signature: signature.toString('base64'), SigningAlgorithm: body.SigningAlgorithm }];
    }
    return [400, { __type: 'UnsupportedOperationException', message: `${operation} is not in this stand-in` }];
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace(/^(TrentService|AmazonSSM)\./, '');
      const [status, out] = handle(operation, JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    putParameter: (name, value) => void parameters.set(name, value),
    createKey(spec) {
      const id = `key-${keys.size + 1}`;
      const { privateKey } = spec === 'RSA_2048' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
      keys.set(id, { spec, key: privateKey });
      return id;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
