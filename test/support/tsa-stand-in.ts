// A local stand-in for an RFC 3161 timestamp authority over real HTTP: it reads a DER
// TimeStampReq (application/timestamp-query), and answers a TimeStampResp whose token is a CMS
// SignedData over a TSTInfo (the request's imprint and nonce, the current time), signed with an
// RSA key whose self-signed certificate is for timestamping. `mode` makes it refuse, fail or lie.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSignedData } from '../../lambdas/render/sign/cms.js';
import { bitString, childrenOf, integer, objectId, readDer, sequence, tlv, utf8String } from '../../lambdas/render/sign/der.js';
import { localSigner, selfSignedCertificate } from '../../lambdas/render/sign/signer.js';
import { TIMESTAMP_OID } from '../../lambdas/render/sign/timestamp.js';

/**
 * grant: a token for the request; reject: status rejection with failInfo badAlg; busy: rejection
 * with systemFailure; down: HTTP 503; wrong-imprint: a valid token over another imprint.
 */
type TsaMode = 'grant' | 'reject' | 'busy' | 'down' | 'wrong-imprint';

export interface TsaStandIn {
  url: string;
  mode: TsaMode;
  /** Requests served. */
  requests: number;
  /** The TSA's certificate (DER). */
  certificate: Buffer;
  close(): Promise<void>;
}

const TSA_SUBJECT = { commonName: '测试时间戳服务（样本/demo）', organization: 'notice-pipeline 样本/demo' };

/** GeneralizedTime with milliseconds, as TSAs write genTime. */
const generalizedTime = (d: Date) => tlv(0x18, Buffer.from(d.toISOString().replace(/[-:T]/g, '')));

export async function startTsaStandIn(): Promise<TsaStandIn> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const certificate = selfSignedCertificate(privateKey, TSA_SUBJECT, TIMESTAMP_OID.timeStamping);
  const signer = localSigner(privateKey, certificate);
  let serial = 0;

  async function respond(request: Buffer, mode: TsaMode): Promise<Buffer> {
    if (mode === 'reject') return sequence(sequence(integer(2), sequence(utf8String('只接受 SHA-512 摘要')), bitString(Buffer.from([0x80]))));
    if (mode === 'busy') return sequence(sequence(integer(2), sequence(utf8String('时钟源不可用')), bitString(Buffer.from([0x00, 0x00, 0x00, 0x40]))));
    // TimeStampReq ::= SEQUENCE { version, messageImprint, reqPolicy?, nonce?, certReq?, extensions? }
    const [, imprint, ...rest] = childrenOf(readDer(request), request);
    const nonce = rest.find((n) => n.tag === 0x02);
    const messageImprint =
      mode === 'wrong-imprint' ? sequence(childrenOf(imprint!, request)[0]!.raw, tlv(0x04, createHash('sha256').update('another').digest())) : imprint!.raw;
    serial += 1;
    const tstInfo = sequence(integer(1), objectId('1.2.3.4.5'), messageImprint, integer(serial), generalizedTime(new Date()), ...(nonce ? [nonce.raw] : []));
    const token = await buildSignedData(createHash('sha256').update(tstInfo).digest(), signer, {
      encapsulated: { type: TIMESTAMP_OID.tstInfo, content: tstInfo },
    });
    return sequence(sequence(integer(0)), token);
  }

  const state = { mode: 'grant' as TsaMode, requests: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests += 1;
      if (state.mode === 'down' || req.headers['content-type'] !== 'application/timestamp-query') {
        res.writeHead(state.mode === 'down' ? 503 : 415).end();
        return;
      }
      respond(Buffer.concat(chunks), state.mode).then(
        (body) => res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body),
        () => res.writeHead(400).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    certificate,
    get mode() {
      return state.mode;
    },
    set mode(m) {
      state.mode = m;
    },
    get requests() {
      return state.requests;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
