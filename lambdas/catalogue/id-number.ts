// Resident ID numbers (公民身份号码, GB 11643-1999; official-document-layout.md §6).
// A full number never leaves this module in a message: errors and logs get maskIdNumber().

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/** The check character (ISO 7064 MOD 11-2) for the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('an ID number body is 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK.charAt(sum % 11);
}

/** Completes 17 digits with their check character: how tests and examples fabricate valid numbers. */
export function makeIdNumber(first17: string): string {
  return first17 + idCheckCharacter(first17);
}

/** First 6 + ******** + last 4; anything too short to keep digits is masked whole. */
export function maskIdNumber(id: string): string {
  const chars = [...id];
  if (chars.length < 10) return '*'.repeat(chars.length);
  return `${chars.slice(0, 6).join('')}********${chars.slice(-4).join('')}`;
}

// 18-character resident ID numbers inside free text: 6-digit area, 8-digit birth date, 3-digit
// sequence, check. Any last character counts: a mistyped check character is still someone's number.
const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dA-Za-z](?![0-9A-Za-z])/g;

/**
 * Masks every resident ID number in free text (failure reasons, log lines) as maskIdNumber does,
 * so a reason built from a validation message never stores or shows a full number.
 */
export function maskIdNumbers(text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, maskIdNumber);
}

function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** The birth date an ID number encodes, as ISO `YYYY-MM-DD`. */
function idBirthDate(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

export type IdNumberCheck = { ok: true; value: string } | { ok: false; message: string; messageZh: string };

/**
 * Validates a (normalised) ID number: 17 digits + check character, a real birth date not after
 * `today` (ISO date), and the check character. Messages show the number masked.
 */
export function checkIdNumber(id: string, today: string = new Date().toISOString().slice(0, 10)): IdNumberCheck {
  const shown = maskIdNumber(id);
  if (!/^\d{17}[\dX]$/.test(id)) {
    return {
      ok: false,
      message: `${shown} is not an ID number: GB 11643 requires 17 digits and a check character 0–9 or X (${[...id].length} characters given)`,
      messageZh: `${shown} 不是公民身份号码：应为 17 位数字加 1 位校验码（0–9 或 X），填写的是 ${[...id].length} 位`,
    };
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || !isRealDate(y, m, d)) {
    return {
      ok: false,
      message: `${shown}: digits 7–14 must be a real birth date YYYYMMDD from 1900 on`,
      messageZh: `${shown} 的第 7–14 位应为真实的出生日期（1900 年以后）`,
    };
  }
  if (idBirthDate(id) > today) {
    return { ok: false, message: `${shown}: the birth date in digits 7–14 is in the future`, messageZh: `${shown} 的第 7–14 位的出生日期晚于今天` };
  }
  const expected = idCheckCharacter(id.slice(0, 17));
  if (id[17] !== expected) {
    return {
      ok: false,
      message: `${shown}: the check character ${id[17]} does not match the first 17 digits (GB 11643 gives ${expected}); re-read the number from the ID card`,
      messageZh: `${shown} 的校验码不正确，请对照身份证重新核对号码`,
    };
  }
  return { ok: true, value: id };
}
