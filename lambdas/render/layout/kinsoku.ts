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
const INTERPUNCT = '·・‧';

/** Connectors and solidi: justification adds no space next to them (§4.2 step 5). */
const CONNECTOR = '-–～—/／';

/** Marks that form one unbreakable unit when repeated: `——`, `……`, `⋯⋯` (NO_SPLIT, R10). */
export const REPEATED_PAIR = '—…⋯';

/** Marks that are one 2-cell unit on their own: the two- and three-em dashes. */
export const WIDE_DASH: Readonly<Record<string, number>> = { '⸺': 2, '⸻': 3 };

/** Doubled question and exclamation marks share cells (R9): `？？` `？！` take 1 cell, three take 2. */
export const QUESTION_EXCLAIM = '？！';

/**
 * Characters that make up a Latin/digit run (LATIN-1 in docs/layout.md): half-width ASCII, the
 * yen sign and per-mille, and Latin letters with diacritics (`José`, `Zoë`, `Núñez`), so
 * `¥500,000.00`, `1.5%`, `GB/T` and `140105********000X` each stay whole and a Latin name is
 * measured as the font sets it. Full-width forms (`Ａ`) are not: markup turns them half-width.
 */
export function isLatinRunChar(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (cp >= 0x21 && cp <= 0x7e) || cp === 0xa5 || cp === 0x2030 || isLatinLetter(ch);
}

/** A Latin letter outside the full-width block: `a`, `é`, `ß`, `Ł`. */
export function isLatinLetter(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (cp < 0xff00 || cp > 0xffef) && /^\p{Script=Latin}$/u.test(ch);
}

/** A combining mark (`e` + U+0301): it belongs to the run its base letter is in. */
export function isCombiningMark(ch: string): boolean {
  return /^\p{M}$/u.test(ch);
}

/**
 * Keep-together units (§4.2 step 1, extended): a line never breaks inside a match of an
 * `always` rule, and inside a `prefer` match only when keeping it would stretch a line by more
 * than a cell (linebreak.ts). segment.ts glues the units a match covers: the group is pushed in
 * or moves to the next line whole, while justification spaces its characters like their
 * neighbours.
 * - a document number `〔2018〕2号`, and its issuer prefix `并发` (after an opening bracket
 *   up to 4 ideographs, else the last two), preferably with it: `（太重字〔2026〕12号）`;
 * - a clause, session or batch reference: `第十九条`, `第十六届`, `第1批`;
 * - a short number with the unit after it: `5年`, `12个月`, `2026年`, `320.5平方米`
 *   (GB/T 15835: a number stays whole; clerks read `5` / `年` at a line end as a typo).
 */
export interface KeepRule {
  name: string;
  /** Global, unicode: every match is one group. */
  pattern: RegExp;
  strength: 'always' | 'prefer';
}

const ISSUER_PREFIX = String.raw`(?:(?<=[（“‘《〈「『【［｛])\p{Script=Han}{1,4}|\p{Script=Han}{1,2})`;
const DOCUMENT_NUMBER = String.raw`〔\d{4}〕\d+号`;
const UNITS = ['个工作日', '工作日', '平方米', '个月', '周岁', '周年', '万元', '亿元', '小时', '分钟', '公里', '号楼', '年度'];
const UNIT_CHARS = '年月日时分秒个名人项次届批条款章节家岁天元万亿号楼层室座期周倍位种件套所户台类篇本部米';

export const KEEP_TOGETHER: readonly KeepRule[] = [
  { name: 'document number', pattern: new RegExp(DOCUMENT_NUMBER, 'gu'), strength: 'always' },
  { name: 'issuer prefix', pattern: new RegExp(`${ISSUER_PREFIX}(?=${DOCUMENT_NUMBER})`, 'gu'), strength: 'always' },
  { name: 'document number with its issuer prefix', pattern: new RegExp(ISSUER_PREFIX + DOCUMENT_NUMBER, 'gu'), strength: 'prefer' },
  { name: 'clause reference', pattern: /第(?:[〇零一二三四五六七八九十百千]+|\d+)[条款项章节届批次期]/gu, strength: 'always' },
  {
    name: 'number and unit',
    pattern: new RegExp(`(?<![\\x21-\\x7e¥‰])\\d{1,4}(?:\\.\\d+)?(?:${UNITS.join('|')}|[${UNIT_CHARS}])`, 'gu'),
    strength: 'always',
  },
];

/**
 * Table cells only (CHOICE): a short bracketed group — an opening mark, at most 6 characters,
 * its closing mark — is kept whole, so a cell breaks before `（一次性）` rather than inside it.
 * table.ts drops the rule for a cell where keeping the group would cost the row a line.
 */
export const SHORT_BRACKET_GROUP: KeepRule = {
  name: 'short bracketed group',
  pattern: /[（〔【［《“][^（）〔〕【】［］《》“”]{1,6}[）〕】］》”]/gu,
  strength: 'always',
};

/** The matches of the rules in `text`, as [start, end) offsets in UTF-16 units. */
export function keepTogetherSpans(text: string, rules: readonly KeepRule[]): { start: number; end: number; strength: KeepRule['strength'] }[] {
  return rules.flatMap((rule) => Array.from(text.matchAll(rule.pattern), (m) => ({ start: m.index, end: m.index + m[0].length, strength: rule.strength })));
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
