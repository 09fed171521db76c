// Line-breaking rules as data (official-document-layout.md §3, clreq strict level).
// Everything else in the layout asks these tables; no other module lists punctuation.

/** May not begin a line (R1). */
export const NO_START = '，。、；：？！．‼⁇”’）〕】》〉」』〗］｝·・‧-–～—…⋯⸺/／),.;:?!%';

/** May not end a line (R2). */
export const NO_END = '“‘（〔【《〈「『〖［｛/／¥￥$([{';

/** Pause and stop marks (点号): their blank half is after the ink in Simplified Chinese fonts. */
export const PAUSE_STOP = '，。、；：？！．';

/** Closing marks: blank half after the ink. */
export const CLOSING = '”’）〕】》〉」』〗］｝';

/** Opening marks: blank half before the ink. */
export const OPENING = '“‘（〔【《〈「『〖［｛';

/** Interpuncts: set on a full cell with the dot centred (R11, CHOICE). */
export const INTERPUNCT = '·・‧';

/** Connectors and solidi: justification adds no space next to them (§4.2 step 5). */
export const CONNECTOR = '-–～—/／';

/** Marks that form one unbreakable unit when repeated: `——`, `……`, `⋯⋯` (NO_SPLIT, R10). */
export const REPEATED_PAIR = '—…⋯';

/** Marks that are one 2-cell unit on their own: the two- and three-em dashes. */
export const WIDE_DASH: Readonly<Record<string, number>> = { '⸺': 2, '⸻': 3 };

/** Doubled question and exclamation marks share cells (R9): `？？` `？！` take 1 cell, three take 2. */
export const QUESTION_EXCLAIM = '？！';

/**
 * Characters that make up a Latin/digit run (NO_SPLIT): half-width ASCII plus the yen sign and
 * per-mille, so `¥500,000.00`, `1.5%`, `GB/T` and `140105********000X` each stay whole.
 */
export function isLatinRunChar(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (cp >= 0x21 && cp <= 0x7e) || cp === 0xa5 || cp === 0x2030;
}

const noStart = new Set(NO_START);
const noEnd = new Set(NO_END);
const opening = new Set(OPENING);
const trailingBlank = new Set(PAUSE_STOP + CLOSING);
const connector = new Set(CONNECTOR);

export function isNoStart(ch: string): boolean {
  return noStart.has(ch);
}

export function isNoEnd(ch: string): boolean {
  return noEnd.has(ch);
}

export function isConnector(ch: string): boolean {
  return connector.has(ch);
}

/** Punctuation handled by the tables above (anything else that is not Latin is set like an ideograph). */
export function isPunctuation(ch: string): boolean {
  return noStart.has(ch) || noEnd.has(ch) || INTERPUNCT.includes(ch) || ch in WIDE_DASH;
}

/**
 * Which half of a full-width mark's cell is blank, so push-in and GB/T 15834 compression
 * know what they may take: `after` for 点号 and closing marks, `before` for opening marks.
 */
export function blankSide(ch: string): 'before' | 'after' | null {
  if (trailingBlank.has(ch)) return 'after';
  if (opening.has(ch)) return 'before';
  return null;
}
