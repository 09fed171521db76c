// The few DER pieces a CMS signature and a demo certificate need (ITU-T X.690), written here
// rather than pulling a general ASN.1 library into the renderer: encoders that return bytes and
// a reader that returns a tree with each node's offsets in its buffer.

function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
}

export const sequence = (...items: Buffer[]): Buffer => tlv(0x30, ...items);
/** DER orders the members of a SET OF by their encodings. */
export const setOf = (...items: Buffer[]): Buffer => tlv(0x31, ...[...items].sort(Buffer.compare));
export const octetString = (b: Buffer): Buffer => tlv(0x04, b);
export const bitString = (b: Buffer): Buffer => tlv(0x03, Buffer.from([0]), b);
export const utf8String = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
export const printableString = (s: string): Buffer => tlv(0x13, Buffer.from(s, 'latin1'));
export const derNull = (): Buffer => Buffer.from([0x05, 0x00]);
export const boolean = (v: boolean): Buffer => Buffer.from([0x01, 0x01, v ? 0xff : 0x00]);
/** [n] EXPLICIT: a constructed context tag around the encodings. */
export const explicit = (n: number, ...items: Buffer[]): Buffer => tlv(0xa0 + n, ...items);

/** A non-negative INTEGER from a number or big-endian bytes. */
export function integer(value: number | Buffer): Buffer {
  let bytes = value as Buffer;
  if (typeof value === 'number') {
    const hex = value.toString(16);
    bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  }
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && bytes[start + 1]! < 0x80) start++;
  bytes = bytes.subarray(start);
  return tlv(0x02, bytes[0]! >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

// Every signature encodes the same few identifiers: each is encoded once per process.
const objectIds = new Map<string, Buffer>();

export function objectId(dotted: string): Buffer {
  let der = objectIds.get(dotted);
  if (!der) objectIds.set(dotted, (der = encodeObjectId(dotted)));
  return der;
}

function encodeObjectId(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out: number[] = [a! * 40 + b!];
  for (const arc of rest) {
    const groups: number[] = [];
    for (let v = arc; ; v = Math.floor(v / 128)) {
      groups.unshift((v & 0x7f) | (groups.length > 0 ? 0x80 : 0));
      if (v < 128) break;
    }
    out.push(...groups);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime for dates before 2050, GeneralizedTime after (RFC 5280 4.1.2.5). */
export function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

export interface DerNode {
  tag: number;
  /** The whole encoding: tag, length and content. */
  raw: Buffer;
  content: Buffer;
  /** Offset of the encoding in the buffer it was read from. */
  offset: number;
  /** Offset of the content in that buffer. */
  contentOffset: number;
}

export class DerError extends Error {}

/** Reads the encoding at `offset` (definite lengths only, as DER requires). */
export function readDer(buf: Buffer, offset = 0): DerNode {
  if (offset + 2 > buf.length) throw new DerError(`DER: truncated at ${offset}`);
  const tag = buf[offset]!;
  let len = buf[offset + 1]!;
  let header = 2;
  if (len >= 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new DerError(`DER: unsupported length at ${offset}`);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[offset + 2 + i]!;
    header += n;
  }
  const contentOffset = offset + header;
  if (contentOffset + len > buf.length) throw new DerError(`DER: length past the end at ${offset}`);
  return { tag, raw: buf.subarray(offset, contentOffset + len), content: buf.subarray(contentOffset, contentOffset + len), offset, contentOffset };
}

/** The members of a constructed node, with offsets in the same buffer as the node. */
export function childrenOf(node: DerNode, buf: Buffer): DerNode[] {
  const out: DerNode[] = [];
  for (let at = node.contentOffset; at < node.contentOffset + node.content.length; ) {
    const child = readDer(buf, at);
    out.push(child);
    at = child.contentOffset + child.content.length;
  }
  return out;
}

export function decodeObjectId(node: DerNode): string {
  const b = node.content;
  const arcs = [Math.floor(b[0]! / 40), b[0]! % 40];
  let v = 0;
  for (const byte of b.subarray(1)) {
    v = v * 128 + (byte & 0x7f);
    if (byte < 0x80) {
      arcs.push(v);
      v = 0;
    }
  }
  return arcs.join('.');
}
