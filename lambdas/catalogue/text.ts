// Text rules shared by every case field: half-width digits and letters (layout rule R12),
// Chinese punctuation in Chinese text, no invisible characters (docs/layout.md "Text
// normalisation"), names as registered (any Han character incl. Extensions A–F, never
// Unicode-normalised).

/** Full-width ASCII digits and letters → half-width; full-width punctuation stays (it is Chinese punctuation). */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Characters that print nothing but break layout and search: soft hyphen, zero-width space,
 * (non-)joiners, word joiner and invisible operators, byte-order mark, and the bidi marks,
 * embeddings, overrides and isolates. Removed, never refused: a clerk cannot see them to fix them.
 */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Spaces of every width (no-break, en/em/thin, narrow no-break, ideographic): one rule for all. */
const SPACES = /[ \u00A0\u2000-\u200A\u202F\u205F\u3000]+/g;

const HAN = /\p{Script=Han}/u;
/** A character of Chinese text: an ideograph, or a mark that belongs to Chinese text. */
const CHINESE = /[\p{Script=Han}\u3001-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65“”‘’…—·]/u;
const LATIN_LETTER_OR_DIGIT = /[\p{Script=Latin}0-9]/u;

const FULL_WIDTH: Readonly<Record<string, string>> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };

function isChinese(ch: string | undefined): boolean {
  return ch !== undefined && CHINESE.test(ch);
}

function containsHan(chars: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (HAN.test(chars[i]!)) return true;
  return false;
}

/** Spaces beside Chinese text go (the layout spaces it); any other run of spaces becomes one space. */
function tidySpaces(s: string): string {
  const chars = [...s.replace(SPACES, ' ')];
  return chars
    .filter((c, i) => c !== ' ' || !(isChinese(chars[i - 1]) || isChinese(chars[i + 1])))
    .join('')
    .trim();
}

/**
 * A pair of marks becomes Chinese when it encloses an ideograph or stands beside Chinese text;
 * a mark left without a partner becomes Chinese when it stands beside Chinese text.
 */
function convertPairs(chars: string[], pairs: [number, number][], single: number[], open: string, close: string): void {
  for (const [a, b] of pairs) {
    if (containsHan(chars, a + 1, b) || isChinese(chars[a - 1]) || isChinese(chars[b + 1])) {
      chars[a] = open;
      chars[b] = close;
    }
  }
  for (const i of single) {
    if (isChinese(chars[i + 1])) chars[i] = open;
    else if (isChinese(chars[i - 1])) chars[i] = close;
  }
}

/** Straight quotes pair in order of appearance; an apostrophe inside a Latin word (Xi'an, O'Brien) is not a quote. */
function convertQuotes(chars: string[], quote: '"' | "'", open: string, close: string): void {
  const at = chars
    .map((c, i) =>
      c === quote && !(quote === "'" && LATIN_LETTER_OR_DIGIT.test(chars[i - 1] ?? '') && LATIN_LETTER_OR_DIGIT.test(chars[i + 1] ?? '')) ? i : -1,
    )
    .filter((i) => i >= 0);
  const pairs: [number, number][] = [];
  for (let k = 0; k + 1 < at.length; k += 2) pairs.push([at[k]!, at[k + 1]!]);
  convertPairs(chars, pairs, at.length % 2 ? [at.at(-1)!] : [], open, close);
}

function convertParentheses(chars: string[]): void {
  const pairs: [number, number][] = [];
  const single: number[] = [];
  const stack: number[] = [];
  chars.forEach((c, i) => {
    if (c === '(') stack.push(i);
    else if (c === ')') {
      const a = stack.pop();
      if (a === undefined) single.push(i);
      else pairs.push([a, i]);
    }
  });
  convertPairs(chars, pairs, [...single, ...stack], '（', '）');
}

/** One pass of the punctuation rules; returns the text unchanged when there is nothing left to convert. */
function punctuationPass(s: string): string {
  const chars = [...s];
  convertQuotes(chars, '"', '“', '”');
  convertQuotes(chars, "'", '‘', '’');
  convertParentheses(chars);
  chars.forEach((c, i) => {
    if (',;:?!'.includes(c) && (isChinese(chars[i - 1]) || isChinese(chars[i + 1]))) chars[i] = FULL_WIDTH[c]!;
  });
  return chars.join('');
}

/**
 * How a code typed by a person is read (公民身份号码, 统一社会信用代码): trimmed, full-width digits
 * and letters made half-width, upper-cased (a lower-case x check character, letters of a code).
 */
export function normaliseCode(raw: string): string {
  return toHalfWidth(raw.trim()).toUpperCase();
}

/**
 * The one normalisation of a free-text case field, applied before validation (docs/layout.md
 * "Text normalisation"): NFC; invisible characters removed; full-width digits and letters made
 * half-width; a run of spaces of any kind made one space. Text that holds an ideograph also loses
 * the spaces beside Chinese, and its ASCII quotes, parentheses and `,;:?!` typed beside Chinese
 * become Chinese punctuation; Latin-only text (a Latin company name, an email, a URL) keeps its own.
 * Idempotent: normalising normalised text changes nothing.
 */
export function normaliseText(raw: string): string {
  const plain = toHalfWidth(raw.normalize('NFC').replace(INVISIBLE, ''));
  if (!HAN.test(plain)) return plain.replace(SPACES, ' ').trim();
  let s = tidySpaces(plain);
  // Converting a mark can make its neighbour "beside Chinese": repeat until nothing changes.
  for (let next = tidySpaces(punctuationPass(s)); next !== s; next = tidySpaces(punctuationPass(s))) s = next;
  return s;
}

/** The name separator is U+00B7 (民委发〔2016〕33号); look-alikes typed by clerks become it. */
const NAME_SEPARATOR = '·';
const SEPARATOR_LOOKALIKES = /[\u30FB\u2027\u2022\u2219\u22C5\uFF65]/g;

/**
 * A name as registered, minus what a clerk cannot see or did not mean: invisible characters and
 * spaces (a Chinese name has none; `张  三` is padding). Never NFC: the registered form stays.
 */
export function normaliseName(raw: string): string {
  return raw.replace(INVISIBLE, '').replace(SPACES, '').trim().replace(SEPARATOR_LOOKALIKES, NAME_SEPARATOR);
}

/** Why a person's name is not acceptable, or null. Length counts code points: '𬱖'.length is 2. */
export function nameProblem(name: string): { message: string; messageZh: string } | null {
  const n = [...name].length;
  if (n < 2 || n > 50)
    return { message: `“${name}” has ${n} character(s); a name has 2–50`, messageZh: n === 0 ? '不能为空' : `“${name}”有 ${n} 个字；姓名应为 2–50 个字` };
  if (!/^[\p{Script=Han}·]+$/u.test(name)) {
    return { message: `“${name}” may hold only Chinese characters and the separator · (U+00B7)`, messageZh: `“${name}”只能含汉字和间隔号“·”` };
  }
  if (/^·|·$|··/.test(name))
    return { message: `“${name}”: the separator · must stand between two parts of the name`, messageZh: `“${name}”：间隔号“·”应在姓名的两部分之间` };
  return null;
}

/** Control characters break layout and are never intended in a case's text. */
export function hasControlCharacters(s: string): boolean {
  return /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/.test(s);
}
