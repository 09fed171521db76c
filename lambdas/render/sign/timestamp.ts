// PAdES B-T: an RFC 3161 timestamp over the signature value, from the timestamp authority (TSA)
// the operator configures (NOTICE_SIGNING_TSA_URL). The client sends a DER TimeStampReq with a
// SHA-256 message imprint and a nonce over HTTP, reads the TimeStampResp, and accepts the token only
// if it is granted, names our imprint and nonce, and its signature verifies with the TSA's
// certificate; the token then goes into the CMS as the unsigned attribute
// id-aa-signatureTimeStampToken (cms.ts). readTimestampToken is what `notice verify` uses too.
import { createHash, randomBytes, verify, X509Certificate } from 'node:crypto';
import { NoticeError } from '../../errors.js';
import { parseSignedData } from './cms.js';
import { boolean, childrenOf, decodeObjectId, DerError, derNull, integer, objectId, octetString, readDer, sequence, type DerNode } from './der.js';
import { OID } from './signer.js';

export const TIMESTAMP_OID = {
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

/** The TSA did not answer (network, timeout, HTTP 5xx or 429, or it said to come back later): the message is retried. */
export class TimestampUnavailableError extends NoticeError {
  readonly code = 'TSA_UNAVAILABLE';
  override readonly permanent = false;
}

/** The TSA answered but refused the request, or its answer is not a token for our request: retrying the same request will not help. */
export class TimestampRejectedError extends NoticeError {
  readonly code = 'TSA_REJECTED';
}

/** How long one timestamp request may take before the message is retried. */
const TIMEOUT_MS = 10_000;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

/** TimeStampReq (RFC 3161 2.4.1): v1, SHA-256 imprint, nonce, certReq TRUE (the TSA's certificate goes into the token, so verifiers need nothing else). */
export function timestampRequest(imprint: Buffer, nonce: Buffer): Buffer {
  return sequence(integer(1), sequence(sequence(objectId(OID.sha256), derNull()), octetString(imprint)), integer(nonce), boolean(true));
}

/** PKIFailureInfo bits (RFC 3161 2.4.2) by position, for the operator's message. */
const FAILURE: Record<number, string> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
};
/** Refusals that say the TSA itself is in trouble: worth retrying later. */
const PASSING_FAILURES = new Set(['timeNotAvailable', 'systemFailure']);
const STATUS = ['granted', 'grantedWithMods', 'rejection', 'waiting', 'revocationWarning', 'revocationNotification'];

function failureNames(bits: DerNode): string[] {
  const names: string[] = [];
  for (let i = 0; i < (bits.content.length - 1) * 8; i++) {
    if (bits.content[1 + (i >> 3)]! & (0x80 >> (i & 7))) names.push(FAILURE[i] ?? `bit ${i}`);
  }
  return names;
}

/** The token of a TimeStampResp (RFC 3161 2.4.2), or the error its status asks for. */
export function tokenOf(response: Buffer, url: string): Buffer {
  let status: number;
  let token: DerNode | undefined;
  let details: string[] = [];
  let failures: string[] = [];
  try {
    const [info, tokenNode] = childrenOf(readDer(response), response);
    const [statusNode, ...rest] = childrenOf(info!, response);
    status = statusNode!.content.readUIntBE(0, statusNode!.content.length);
    token = tokenNode;
    for (const node of rest) {
      if (node.tag === 0x30) details = childrenOf(node, response).map((s) => s.content.toString('utf8'));
      if (node.tag === 0x03) failures = failureNames(node);
    }
  } catch (e) {
    throw new TimestampRejectedError(
      `时间戳服务 ${url} 的应答不是 RFC 3161 TimeStampResp（${(e as Error).message}）：检查 NOTICE_SIGNING_TSA_URL 是否指向时间戳服务`,
    );
  }
  const said = [STATUS[status] ?? `status ${status}`, ...failures, ...details].join('; ');
  if ((status === 0 || status === 1) && token) return token.raw;
  if (status === 3 || failures.some((f) => PASSING_FAILURES.has(f)))
    throw new TimestampUnavailableError(`时间戳服务 ${url} 暂时无法签发时间戳（${said}），稍后重试`);
  throw new TimestampRejectedError(`时间戳服务 ${url} 拒绝了时间戳请求（${said}）：检查该服务是否接受 SHA-256 摘要、无策略 OID 的请求，或联系其运营方`);
}

export interface TimestampToken {
  /** The TSA's time (TSTInfo genTime). */
  time: Date;
  /** The messageImprint's hash algorithm and value: SHA-256 of what was timestamped. */
  hashAlgorithm: string;
  imprint: Buffer;
  nonce?: Buffer;
  /** The certificate that signed the token. */
  authority: X509Certificate;
  /** The token's own signature: messageDigest = SHA-256 of TSTInfo, signature verifies with the TSA certificate. */
  signatureValid: boolean;
  /** The TSA certificate is for timestamping (extended key usage id-kp-timeStamping, RFC 3161 2.3). */
  forTimestamping: boolean;
}

/** GeneralizedTime YYYYMMDDHHMMSS[.fff]Z. */
function generalizedTime(text: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(text);
  if (!m) throw new DerError(`genTime ${text} is not a GeneralizedTime in UTC`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}Z`);
}

/** Reads and checks a timestamp token (a CMS SignedData over a TSTInfo); throws DerError when it is not one. */
export function readTimestampToken(token: Buffer): TimestampToken {
  const cms = parseSignedData(token);
  if (cms.contentType !== TIMESTAMP_OID.tstInfo || !cms.content) throw new DerError('the token does not hold a TSTInfo');
  const tst = cms.content;
  const fields = childrenOf(readDer(tst), tst);
  // TSTInfo ::= SEQUENCE { version, policy, messageImprint, serialNumber, genTime, accuracy?, ordering?, nonce?, [0] tsa?, [1] extensions? }
  const [algorithm, hashed] = childrenOf(fields[2]!, tst);
  const after = fields.slice(5);
  const nonce = after.find((n) => n.tag === 0x02)?.content;
  const authority = new X509Certificate(cms.signerCertificate);
  let signatureValid = cms.messageDigest?.equals(sha256(tst)) ?? false;
  try {
    signatureValid &&= verify('sha256', cms.signedAttributes, authority.publicKey, cms.signature);
  } catch {
    signatureValid = false;
  }
  return {
    time: generalizedTime(fields[4]!.content.toString('latin1')),
    hashAlgorithm: decodeObjectId(childrenOf(algorithm!, tst)[0]!),
    imprint: hashed!.content,
    ...(nonce ? { nonce } : {}),
    authority,
    signatureValid,
    forTimestamping: (authority.keyUsage ?? []).includes(TIMESTAMP_OID.timeStamping),
  };
}

/** Whether a token timestamps exactly `signatureValue` with SHA-256. */
export const tokenCovers = (token: TimestampToken, signatureValue: Buffer): boolean =>
  token.hashAlgorithm === OID.sha256 && token.imprint.equals(sha256(signatureValue));

/** Asks the TSA at `url` for a timestamp over a signature value; returns the token (DER ContentInfo). */
export async function requestTimestamp(url: string, signatureValue: Buffer): Promise<Buffer> {
  // A random nonce: it ties the answer to this request. Deriving it from the document would not make the token deterministic (genTime, serial and the TSA's signature change anyway).
  const nonce = randomBytes(8);
  nonce[0]! &= 0x7f;
  let response: Response;
  let body: Buffer;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: timestampRequest(sha256(signatureValue), nonce),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    body = Buffer.from(await response.arrayBuffer());
  } catch (e) {
    const cause = (e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message;
    throw new TimestampUnavailableError(`时间戳服务 ${url} 无法连接或未在 ${TIMEOUT_MS / 1000} 秒内应答（${cause}），稍后重试`);
  }
  if (response.status >= 500 || response.status === 429) throw new TimestampUnavailableError(`时间戳服务 ${url} 返回 HTTP ${response.status}，稍后重试`);
  if (!response.ok) throw new TimestampRejectedError(`时间戳服务 ${url} 返回 HTTP ${response.status}：检查 NOTICE_SIGNING_TSA_URL 与该服务的访问授权`);
  const token = tokenOf(body, url);
  let read: TimestampToken;
  try {
    read = readTimestampToken(token);
  } catch (e) {
    throw new TimestampRejectedError(`时间戳服务 ${url} 返回的时间戳令牌无法解析（${(e as Error).message}）`);
  }
  if (!tokenCovers(read, signatureValue)) throw new TimestampRejectedError(`时间戳服务 ${url} 返回的时间戳不是对本签名值的（messageImprint 不符）`);
  if (!read.nonce || !integer(read.nonce).equals(integer(nonce))) throw new TimestampRejectedError(`时间戳服务 ${url} 返回的时间戳 nonce 与请求不符`);
  if (!read.signatureValid) throw new TimestampRejectedError(`时间戳服务 ${url} 返回的时间戳令牌签名无效`);
  return token;
}
