// Money as integer 分 (fen): case JSON carries yuan with at most two decimals, every sum and
// every printed figure goes through fen so no float ever reaches arithmetic or paper.
// Uppercase amounts follow the People's Bank of China rules (official-document-layout.md §5).

/** The largest amount the uppercase writer handles: 9999亿9999万9999元9角9分. */
const MAX_FEN = 99_999_999_999_999;

/** Yuan as written in a case → fen, or null when the number has more than two decimals or is out of range. */
export function yuanToFen(yuan: number): number | null {
  if (!Number.isFinite(yuan) || yuan < 0) return null;
  const fen = Math.round(yuan * 100);
  // Division by 100 is correctly rounded, so this equals the parsed decimal only when it had ≤ 2 decimals.
  if (fen > MAX_FEN || fen / 100 !== yuan) return null;
  return fen;
}

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen > MAX_FEN) {
    throw new RangeError(`amount ${fen} is not a whole number of 分 between 0 and ${MAX_FEN}`);
  }
}

/** `50000000` → `¥500,000.00`. */
export function formatYuan(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${grouped}.${String(cents).padStart(2, '0')}`;
}

const DIGIT = '零壹贰叁肆伍陆柒捌玖';
const PLACE = ['仟', '佰', '拾', ''] as const;
const SECTION_UNIT = ['亿', '万', ''] as const;

function digit(d: number): string {
  return DIGIT.charAt(d);
}

/** One 4-digit section (1…9999) without leading zeros; inner zero runs give one 零, trailing zeros nothing. */
function section(n: number): string {
  const digits = String(n).padStart(4, '0');
  let out = '';
  let zero = false;
  for (let i = 0; i < 4; i++) {
    const d = Number(digits[i]);
    if (d === 0) {
      zero = out !== '';
    } else {
      out += (zero ? '零' : '') + digit(d) + PLACE[i];
      zero = false;
    }
  }
  return out;
}

function integerYuan(yuan: number): string {
  const sections = [Math.floor(yuan / 1e8), Math.floor(yuan / 1e4) % 1e4, yuan % 1e4];
  let out = '';
  let skippedZero = false;
  sections.forEach((s, i) => {
    if (s === 0) {
      skippedZero = out !== '';
      return;
    }
    // A section after a higher one needs 零 when it starts with zeros or a whole section was zero.
    if (out !== '' && (skippedZero || s < 1000)) out += '零';
    out += section(s) + SECTION_UNIT[i];
    skippedZero = false;
  });
  return out;
}

/** `50000000` → `人民币伍拾万元整` (spec §5: 壹拾 always, 零 after 元 before a non-zero 角 when 元's digit is 0, no 整 after 角). */
export function uppercaseYuan(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (yuan === 0) {
    if (fen === 0) return '人民币零元整';
    return `人民币${jiao ? digit(jiao) + '角' : ''}${cents ? digit(cents) + '分' : ''}`;
  }
  let out = `人民币${integerYuan(yuan)}元`;
  if (jiao === 0 && cents === 0) return `${out}整`;
  if (jiao === 0) return `${out}零${digit(cents)}分`;
  if (yuan % 10 === 0) out += '零';
  out += `${digit(jiao)}角`;
  if (cents) out += `${digit(cents)}分`;
  return out;
}
