// CMS SignedData for a PAdES baseline B-B signature (ETSI EN 319 142-1 with CAdES, RFC 5652):
// detached content, SHA-256, signed attributes contentType, messageDigest and
// signing-certificate-v2 (RFC 5035), and deliberately no signingTime — the PDF's /M carries the
// time, so the same input gives the same bytes.
import { createHash, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { ConfigError } from '../../errors.js';
import { childrenOf, decodeObjectId, DerError, derNull, explicit, integer, objectId, octetString, readDer, sequence, setOf, tlv, type DerNode } from './der.js';
import { OID as X509_OID, signatureAlgorithmId, type Signer } from './signer.js';

/** The signer's key and its certificate do not belong together: a configuration error, not worth retrying. */
export class SignerMismatchError extends ConfigError {}

const CMS_OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
} as const;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();
const attribute = (oid: string, value: Buffer) => sequence(objectId(oid), setOf(value));

/** Issuer name and serial number, copied as encoded from the certificate's TBSCertificate. */
function issuerAndSerial(certificate: Buffer): Buffer {
  const cert = readDer(certificate);
  const tbs = childrenOf(cert, certificate)[0]!;
  const fields = childrenOf(tbs, certificate);
  const shift = fields[0]!.tag === 0xa0 ? 1 : 0; // [0] version present in v3 certificates
  return sequence(fields[shift + 2]!.raw, fields[shift]!.raw);
}

/** What every signature by one certificate repeats: its public key, its ESS signing-certificate-v2 attribute, its issuer and serial. */
interface SignerCertificate {
  publicKey: KeyObject;
  signingCertificateV2: Buffer;
  issuerAndSerial: Buffer;
}

// Worked out once per certificate (a signer keeps its certificates' buffers), not parsed again for every document.
const signerCertificates = new WeakMap<Buffer, SignerCertificate>();

function signerCertificate(certificate: Buffer): SignerCertificate {
  let known = signerCertificates.get(certificate);
  if (!known) {
    // ESSCertIDv2 with the default hash algorithm (SHA-256) left out, as DER requires.
    const essCertId = sequence(octetString(sha256(certificate)));
    known = {
      publicKey: new X509Certificate(certificate).publicKey,
      signingCertificateV2: attribute(CMS_OID.signingCertificateV2, sequence(sequence(essCertId))),
      issuerAndSerial: issuerAndSerial(certificate),
    };
    signerCertificates.set(certificate, known);
  }
  return known;
}

/** The DER SET OF the signed attributes: what the signer signs (RFC 5652 5.4). */
function signedAttributes(contentType: string, contentDigest: Buffer, certificate: SignerCertificate): Buffer {
  return setOf(
    attribute(CMS_OID.contentType, objectId(contentType)),
    attribute(CMS_OID.messageDigest, octetString(contentDigest)),
    certificate.signingCertificateV2,
  );
}

export interface SignedDataOptions {
  /** Content carried inside the SignedData (a timestamp token's TSTInfo) instead of detached. */
  encapsulated?: { type: string; content: Buffer };
  /** Asks for a timestamp token over the signature value; it becomes the unsigned attribute id-aa-signatureTimeStampToken (PAdES B-T). */
  timestamp?: ((signatureValue: Buffer) => Promise<Buffer>) | undefined;
}

/** A CMS SignedData (ContentInfo) over content whose SHA-256 is `contentDigest`: detached unless `encapsulated`. */
export async function buildSignedData(contentDigest: Buffer, signer: Signer, options: SignedDataOptions = {}): Promise<Buffer> {
  const certificate = signer.certificates[0];
  if (!certificate) throw new Error('the signer has no certificate');
  const { encapsulated, timestamp } = options;
  const contentType = encapsulated?.type ?? CMS_OID.data;
  const known = signerCertificate(certificate);
  const attrs = signedAttributes(contentType, contentDigest, known);
  const signature = await signer.sign(sha256(attrs));
  // A signer whose key is elsewhere (KMS) could be paired with the wrong certificate: such a
  // signature would never verify, so it fails here, before anything is written.
  if (!verify('sha256', attrs, known.publicKey, signature)) {
    throw new SignerMismatchError('签名值无法用签名证书的公钥验证：签名密钥与所配置的证书不匹配（检查 KMS 密钥与证书参数）');
  }
  const sha256Algorithm = sequence(objectId(X509_OID.sha256));
  // unsignedAttrs [1] IMPLICIT SET OF Attribute.
  const unsigned = timestamp ? [tlv(0xa1, attribute(CMS_OID.signatureTimeStampToken, await timestamp(signature)))] : [];
  const signerInfo = sequence(
    integer(1),
    known.issuerAndSerial,
    sha256Algorithm,
    // In the SignerInfo the attributes are [0] IMPLICIT: the SET's tag becomes 0xA0.
    Buffer.concat([Buffer.from([0xa0]), attrs.subarray(1)]),
    // RSA keeps the rsaEncryption identifier most verifiers expect in a SignerInfo (RFC 3370 3.2); ECDSA names the scheme (RFC 5753 7.1.3).
    signer.algorithm === 'ECDSA_SHA_256' ? signatureAlgorithmId(signer.algorithm) : sequence(objectId(X509_OID.rsaEncryption), derNull()),
    octetString(signature),
    ...unsigned,
  );
  const signedData = sequence(
    // Version 3 when the content is not id-data (RFC 5652 5.1).
    integer(encapsulated ? 3 : 1),
    setOf(sha256Algorithm),
    encapsulated ? sequence(objectId(contentType), explicit(0, octetString(encapsulated.content))) : sequence(objectId(CMS_OID.data)),
    tlv(0xa0, ...signer.certificates),
    setOf(signerInfo),
  );
  return sequence(objectId(CMS_OID.signedData), explicit(0, signedData));
}

export interface ParsedSignedData {
  certificates: X509Certificate[];
  /** The encapsulated content's type, and the content when it is not detached. */
  contentType: string;
  content?: Buffer;
  /** The unsigned attribute id-aa-signatureTimeStampToken (B-T): a timestamp token, DER ContentInfo. */
  timestampToken?: Buffer;
  /** The signer's certificate as encoded (the one the SignerInfo names). */
  signerCertificate: Buffer;
  /** The signed attributes re-tagged as the SET OF that was signed. */
  signedAttributes: Buffer;
  /** The messageDigest attribute: SHA-256 of the signed bytes. */
  messageDigest?: Buffer;
  /** The certificate hash in signing-certificate-v2 (the first ESSCertIDv2). */
  certificateHash?: Buffer;
  /** Offset of the signature value inside the CMS bytes (tests alter it). */
  signatureOffset: number;
  signature: Buffer;
  signatureAlgorithm: string;
}

/** The first value of each attribute in a SET OF Attribute (signed or unsigned), by type. */
function attributesOf(set: DerNode, der: Buffer): Map<string, DerNode> {
  const attributes = new Map<string, DerNode>();
  for (const attr of childrenOf(set, der)) {
    const [oid, values] = childrenOf(attr, der);
    attributes.set(decodeObjectId(oid!), childrenOf(values!, der)[0]!);
  }
  return attributes;
}

/** Reads what a verifier needs from a SignedData; throws DerError when the structure is not one. */
export function parseSignedData(der: Buffer): ParsedSignedData {
  const info = readDer(der);
  const [type, wrapped] = childrenOf(info, der);
  if (!type || decodeObjectId(type) !== CMS_OID.signedData || !wrapped) throw new DerError('not a CMS SignedData');
  const signedData = childrenOf(wrapped, der)[0]!;
  const fields = childrenOf(signedData, der);
  const [contentTypeNode, contentNode] = childrenOf(fields[2]!, der);
  const content = contentNode ? childrenOf(contentNode, der)[0]?.content : undefined;
  const certsNode = fields.find((f) => f.tag === 0xa0);
  const certs = certsNode ? childrenOf(certsNode, der).map((c) => c.raw) : [];
  const signerInfos = fields[fields.length - 1]!;
  const signerInfo = childrenOf(signerInfos, der)[0];
  if (!signerInfo) throw new DerError('the SignedData has no SignerInfo');
  const si = childrenOf(signerInfo, der);
  const sid = si[1]!;
  const signerCertificate = certs.find((c) => issuerAndSerial(c).equals(sid.raw));
  if (!signerCertificate) throw new DerError('the signer certificate is not in the SignedData');
  const attrsNode = si.find((f) => f.tag === 0xa0);
  if (!attrsNode) throw new DerError('the SignerInfo has no signed attributes');
  const attributes = attributesOf(attrsNode, der);
  const unsignedNode = si.find((f) => f.tag === 0xa1);
  const timestampToken = unsignedNode ? attributesOf(unsignedNode, der).get(CMS_OID.signatureTimeStampToken)?.raw : undefined;
  const ess = attributes.get(CMS_OID.signingCertificateV2);
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 { [hashAlgorithm], certHash OCTET STRING, … } }
  const essCertId = ess ? childrenOf(childrenOf(ess, der)[0]!, der)[0] : undefined;
  const certificateHash = essCertId ? childrenOf(essCertId, der).find((n) => n.tag === 0x04)?.content : undefined;
  const messageDigest = attributes.get(CMS_OID.messageDigest)?.content;
  // …, signatureAlgorithm, signature, [1] unsignedAttrs?
  const last = si.length - (unsignedNode ? 2 : 1);
  const signatureNode = si[last]!;
  const algorithmNode = si[last - 1]!;
  return {
    certificates: certs.map((c) => new X509Certificate(c)),
    contentType: decodeObjectId(contentTypeNode!),
    ...(content ? { content } : {}),
    ...(timestampToken ? { timestampToken } : {}),
    signerCertificate,
    signedAttributes: Buffer.concat([Buffer.from([0x31]), attrsNode.raw.subarray(1)]),
    ...(messageDigest ? { messageDigest } : {}),
    ...(certificateHash ? { certificateHash } : {}),
    signatureOffset: signatureNode.contentOffset,
    signature: signatureNode.content,
    signatureAlgorithm: decodeObjectId(childrenOf(algorithmNode, der)[0]!),
  };
}
