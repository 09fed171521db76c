// 发文字号: `机关代字〔年份〕序号号`, e.g. 并人才奖〔2026〕17号 — full four-digit year in 六角括号
// (U+3014/U+3015), no leading zeros, no 第 (GB/T 9704-2012 7.2.4). A card number has the same
// shape with its sequence zero-padded (并人才卡〔2026〕000123号): `digits` says how far.
// The one place the format is written; numbering, templates and the CLI use it.

import { NoticeError } from '../errors.js';

/** A 发文字号 (no leading zero) or a card number (six digits) as text. */
export const DOCUMENT_NUMBER_PATTERN = /^([^〔〕[\]【】]+)〔(\d{4})〕([1-9]\d*|(?=0*[1-9])\d{6})号$/;

class DocumentNumberError extends NoticeError {
  readonly code = 'DOCUMENT_NUMBER_INVALID';
}

export function formatDocumentNumber(prefix: string, year: number, seq: number, digits = 0): string {
  if (!Number.isInteger(seq) || seq < 1) throw new DocumentNumberError(`document number sequence ${seq}: must be a whole number from 1`);
  return `${prefix}〔${year}〕${String(seq).padStart(digits, '0')}号`;
}

export function parseDocumentNumber(text: string): { prefix: string; year: number; seq: number } | undefined {
  const match = DOCUMENT_NUMBER_PATTERN.exec(text);
  if (!match) return undefined;
  return { prefix: match[1]!, year: Number(match[2]), seq: Number(match[3]) };
}
