// A font file's identity in the pack's hash (PostScript name, glyph count, head checksum, size),
// read from the file's own tables without parsing it, so that naming a pack reads no outlines.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { sfntTables } from './truetype-subset.js';

/** A font file's line in the pack's hash. The file's size too: a subset (the worker asset's heading face) keeps the full font's head table. */
export function fontIdentity(postscriptName: string, numGlyphs: number, checkSumAdjustment: number, bytes: number): { line: string; bytes: number } {
  return { line: `${postscriptName}|${numGlyphs}|${checkSumAdjustment}|${bytes}`, bytes };
}

/**
 * A plain sfnt file's identity read from its own tables (name, maxp, head) without reading the
 * rest of the file: the same line fontkit's parse gives. Undefined when the file is not a plain
 * sfnt file or has no Windows or Mac English PostScript name; the caller then parses it.
 */
export function sfntIdentity(file: string): { line: string; bytes: number } | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new ConfigError(`font pack: cannot open ${file} (${(e as Error).message})`);
  }
  try {
    const read = (offset: number, length: number) => {
      const b = Buffer.alloc(length);
      return readSync(fd, b, 0, length, offset) === length ? b : undefined;
    };
    const header = read(0, 12);
    if (!header) return undefined;
    const directory = read(0, 12 + 16 * header.readUInt16BE(4));
    const tables = directory ? sfntTables(directory) : new Map<string, { offset: number; length: number }>();
    const table = (tag: string) => {
      const at = tables.get(tag);
      return at && read(at.offset, at.length);
    };
    const [head, maxp, name] = [table('head'), table('maxp'), table('name')];
    if (!head || head.length < 12 || !maxp || maxp.length < 6 || !name) return undefined;
    const postscriptName = englishPostscriptName(name);
    if (postscriptName === undefined) return undefined;
    return fontIdentity(postscriptName, maxp.readUInt16BE(4), head.readUInt32BE(8), fstatSync(fd).size);
  } finally {
    closeSync(fd);
  }
}

/** Name ID 6 as fontkit reads it for English: the Windows (US English) record, else the Mac (English) one. */
function englishPostscriptName(name: Buffer): string | undefined {
  const count = name.readUInt16BE(2);
  const strings = name.readUInt16BE(4);
  let mac: string | undefined;
  for (let i = 0; i < count; i++) {
    const at = 6 + 12 * i;
    if (at + 12 > name.length) return undefined;
    const [platform, encoding, language, id, length, offset] = [0, 2, 4, 6, 8, 10].map((o) => name.readUInt16BE(at + o)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (id !== 6) continue;
    const bytes = name.subarray(strings + offset, strings + offset + length);
    if (platform === 3 && (encoding === 1 || encoding === 10) && language === 0x409) return bytes.swap16().toString('utf16le');
    if (platform === 1 && encoding === 0 && language === 0 && mac === undefined && bytes.every((b) => b < 0x80)) mac = bytes.toString('latin1');
  }
  return mac;
}
