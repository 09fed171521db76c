// Offline check of a PDF's signatures: does the byte range cover the whole file but the
// signature, does the digest of those bytes match the signed one, does the signature verify
// with the certificate, is that the certificate the signature names, and was it valid at the
// signing time (/M). Findings come as sentences in Chinese for the person who asked.
import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { beijingWallClock } from '../../beijing-time.js';
import { parseSignedData, type ParsedSignedData } from './cms.js';
import { readDer } from './der.js';
import { readTimestampToken, tokenCovers } from './timestamp.js';

interface SignatureFinding {
  byteRange: [number, number, number, number];
  /** The signed ranges end at the end of the file (nothing appended after signing); required of the last signature. */
  coversWholeFile: boolean;
  digestMatches: boolean;
  signatureValid: boolean;
  /** signing-certificate-v2 names the certificate that verified the signature. */
  certificateBound: boolean;
  signer?: { subject: string; issuer: string; validFrom: Date; validTo: Date; fingerprint256: string; selfSigned: boolean; trusted: boolean };
  signingTime?: Date;
  signingTimeInValidity: boolean;
  subFilter?: string;
  /** The signature timestamp (PAdES B-T), when the signature carries one. */
  timestamp?: { time: Date; authority: string; valid: boolean; trusted: boolean };
  /** What went wrong, in Chinese; empty when the signature is intact. */
  problems: string[];
}

export interface VerificationReport {
  signatures: SignatureFinding[];
  /** At least one signature, every one intact, the last covering the whole file. */
  intact: boolean;
  lines: string[];
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** D:YYYYMMDDHHmmSS with an optional offset +HH'mm' (ISO 32000-1 7.9.4). */
export function parsePdfDate(value: string): Date | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([+-])(\d{2})'?(\d{2})?'?|Z)?/.exec(value);
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const offset = sign ? `${sign}${oh}:${om}` : 'Z';
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const beijing = (d: Date) => `${beijingWallClock(d).replace('T', ' ')}（北京时间）`;

/** The certificate is one of `trusted`, or issued by one of them. */
const isTrusted = (cert: X509Certificate, trusted: X509Certificate[]) =>
  trusted.some((t) => t.fingerprint256 === cert.fingerprint256 || (cert.checkIssued(t) && cert.verify(t.publicKey)));

type ByteRange = SignatureFinding['byteRange'];

/** The signature dictionary around this /ByteRange: its /M and /SubFilter. */
function readSignatureDictionary(finding: SignatureFinding, text: string, at: number): void {
  const dict = text.slice(text.lastIndexOf(' obj', at), text.indexOf('endobj', at));
  const m = /\/M\s*\(([^)]*)\)/.exec(dict);
  if (m) finding.signingTime = parsePdfDate(m[1]!);
  finding.subFilter = /\/SubFilter\s*\/([^\s/>]+)/.exec(dict)?.[1];
}

/** The ranges start at the file's start and skip exactly the hex signature value `<…>`. */
function byteRangeWellFormed([start, len1, start2, len2]: ByteRange, pdf: Buffer, text: string): boolean {
  return start === 0 && start2 + len2 <= pdf.length && len1 < start2 && text[len1] === '<' && text[start2 - 1] === '>';
}

/** The CMS signed data in the gap between the ranges, or undefined (a problem noted) when it cannot be read. */
function readSignedData(finding: SignatureFinding, text: string, [, len1, start2]: ByteRange): ParsedSignedData | undefined {
  try {
    const hex = Buffer.from(text.slice(len1 + 1, start2 - 1), 'hex');
    return parseSignedData(hex.subarray(0, readDer(hex).raw.length));
  } catch (e) {
    finding.problems.push(`签名值无法解析为 CMS 签名数据（${(e as Error).message}），签名值可能被改动`);
    return undefined;
  }
}

/** The signed bytes' digest, the signature value against the certificate, and the certificate bound by signing-certificate-v2. */
function checkSignedData(finding: SignatureFinding, pdf: Buffer, [, len1, start2, len2]: ByteRange, cms: ParsedSignedData, cert: X509Certificate): void {
  const { problems } = finding;
  const digest = createHash('sha256')
    .update(pdf.subarray(0, len1))
    .update(pdf.subarray(start2, start2 + len2))
    .digest();
  finding.digestMatches = cms.messageDigest?.equals(digest) ?? false;
  if (!finding.digestMatches) problems.push('文件内容与签名时不一致：签名范围内的字节被改动过');

  try {
    finding.signatureValid = verifySignature('sha256', cms.signedAttributes, cert.publicKey, cms.signature);
  } catch {
    finding.signatureValid = false;
  }
  if (!finding.signatureValid) problems.push('签名值与签名证书的公钥不符：签名值或签名属性被改动过');

  const certHash = createHash('sha256').update(cms.signerCertificate).digest();
  finding.certificateBound = cms.certificateHash?.equals(certHash) ?? false;
  if (!finding.certificateBound) problems.push('签名属性没有绑定签名证书（signing-certificate-v2 缺失或不符）');
}

/** Who signed, whether that certificate is trusted, and whether /M falls in its validity; returns that validity. */
function checkSigner(finding: SignatureFinding, cert: X509Certificate, trusted: X509Certificate[]): { validFrom: Date; validTo: Date } {
  // Not checkIssued: OpenSSL's issuer check wants keyCertSign, which a signing-only certificate lacks.
  const selfSigned = cert.subject === cert.issuer && cert.verify(cert.publicKey);
  const validFrom = new Date(cert.validFrom);
  const validTo = new Date(cert.validTo);
  finding.signer = {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    validFrom,
    validTo,
    fingerprint256: cert.fingerprint256,
    selfSigned,
    trusted: isTrusted(cert, trusted),
  };
  if (!finding.signingTime) finding.problems.push('签名字典没有可读的签名时间（/M）');
  else {
    finding.signingTimeInValidity = finding.signingTime >= validFrom && finding.signingTime <= validTo;
    if (!finding.signingTimeInValidity) finding.problems.push('签名时间不在签名证书的有效期内');
  }
  return { validFrom, validTo };
}

function checkOne(pdf: Buffer, text: string, match: RegExpExecArray, trusted: X509Certificate[], last: boolean): SignatureFinding {
  const byteRange = match.slice(1, 5).map(Number) as ByteRange;
  const [, , start2, len2] = byteRange;
  const finding: SignatureFinding = {
    byteRange,
    coversWholeFile: false,
    digestMatches: false,
    signatureValid: false,
    certificateBound: false,
    signingTimeInValidity: false,
    problems: [],
  };
  readSignatureDictionary(finding, text, match.index);
  if (!byteRangeWellFormed(byteRange, pdf, text)) {
    finding.problems.push('签名的字节范围（ByteRange）不合规：它没有从文件开头起、恰好跳过签名值');
    return finding;
  }
  finding.coversWholeFile = start2 + len2 === pdf.length;
  if (last && !finding.coversWholeFile) finding.problems.push(`签名之后文件又被追加了 ${pdf.length - start2 - len2} 字节，追加的内容不受签名保护`);

  const cms = readSignedData(finding, text, byteRange);
  if (!cms) return finding;
  const cert = new X509Certificate(cms.signerCertificate);
  checkSignedData(finding, pdf, byteRange, cms, cert);
  const validity = checkSigner(finding, cert, trusted);
  if (cms.timestampToken) checkTimestamp(finding, cms.timestampToken, cms.signature, validity, trusted);
  return finding;
}

/** A B-T signature's timestamp: it must cover this signature value, verify with its TSA's timestamping certificate, and fall within the signer certificate's validity. */
function checkTimestamp(
  finding: SignatureFinding,
  der: Buffer,
  signatureValue: Buffer,
  { validFrom, validTo }: { validFrom: Date; validTo: Date },
  trusted: X509Certificate[],
): void {
  let token;
  try {
    token = readTimestampToken(der);
  } catch (e) {
    finding.problems.push(`签名时间戳无法解析（${(e as Error).message}）`);
    return;
  }
  const problems: string[] = [];
  if (!tokenCovers(token, signatureValue)) problems.push('签名时间戳不是对本签名值的（messageImprint 不符）');
  if (!token.signatureValid) problems.push('签名时间戳的签名无效：时间戳令牌被改动过');
  if (!token.forTimestamping) problems.push('签发时间戳的证书不是时间戳专用证书（缺少扩展密钥用法 timeStamping）');
  const authorityFrom = new Date(token.authority.validFrom);
  const authorityTo = new Date(token.authority.validTo);
  if (token.time < authorityFrom || token.time > authorityTo) problems.push('时间戳时间不在时间戳服务证书的有效期内');
  if (token.time < validFrom || token.time > validTo) problems.push('时间戳时间不在签名证书的有效期内：签名时证书已失效或尚未生效');
  const tsa = token.authority;
  finding.timestamp = { time: token.time, authority: tsa.subject.replace(/\n/g, ', '), valid: problems.length === 0, trusted: isTrusted(tsa, trusted) };
  finding.problems.push(...problems);
}

export function verifyPdf(pdf: Buffer, trusted: X509Certificate[] = []): VerificationReport {
  const text = pdf.toString('latin1');
  const matches = [...text.matchAll(BYTE_RANGE)];
  // Earlier signatures of a file signed twice cover only the file as it was; the last must cover all.
  const signatures = matches.map((m, i) => checkOne(pdf, text, m, trusted, i === matches.length - 1));
  const lines: string[] = [];
  if (signatures.length === 0) lines.push('未找到数字签名：此文件不能证明自身的完整性与来源。');
  for (const [i, s] of signatures.entries()) {
    lines.push(`签名 ${i + 1}${s.subFilter ? `（${s.subFilter}）` : ''}：${s.problems.length === 0 ? '完整有效，文件自签名后未被改动。' : '无效。'}`);
    for (const p of s.problems) lines.push(`  ✗ ${p}`);
    if (s.signer) {
      lines.push(`  签名人证书：${s.signer.subject}`);
      lines.push(`  颁发者：${s.signer.issuer}${s.signer.selfSigned ? '（自签名证书）' : ''}`);
      lines.push(`  证书有效期：${beijing(s.signer.validFrom)} 至 ${beijing(s.signer.validTo)}`);
      lines.push(`  证书指纹（SHA-256）：${s.signer.fingerprint256}`);
      lines.push(
        s.signer.trusted
          ? '  证书信任：由所给的可信证书签发或即为其一。'
          : `  证书信任：未经可信根验证${/样本|demo/.test(s.signer.subject) ? '；这是样本（demo）证书，不代表真实机关' : ''}。`,
      );
    }
    if (s.signingTime) lines.push(`  签名时间：${beijing(s.signingTime)}`);
    if (s.timestamp)
      lines.push(
        `  时间戳：${beijing(s.timestamp.time)}，由 ${s.timestamp.authority} 签发${s.timestamp.valid ? '，证明签名在此时间之前已存在' : '，无效'}${s.timestamp.trusted ? '；时间戳服务证书由所给的可信证书签发或即为其一' : '；时间戳服务证书未经可信根验证'}。`,
      );
  }
  const intact = signatures.length > 0 && signatures.every((s) => s.problems.length === 0);
  return { signatures, intact, lines };
}
