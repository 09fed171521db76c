// Text rules shared by every case field: half-width digits and letters (layout rule R12),
// names as registered (any Han character incl. Extensions A–F, never Unicode-normalised).

/** Full-width ASCII digits and letters → half-width; full-width punctuation stays (it is Chinese punctuation). */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** The name separator is U+00B7 (民委发〔2016〕33号); look-alikes typed by clerks become it. */
export const NAME_SEPARATOR = '·';
const SEPARATOR_LOOKALIKES = /[\u30FB\u2027\u2022\u2219\u22C5\uFF65]/g;

export function normaliseName(raw: string): string {
  return raw.trim().replace(SEPARATOR_LOOKALIKES, NAME_SEPARATOR);
}

/** Why a person's name is not acceptable, or null. Length counts code points: '𬱖'.length is 2. */
export function nameProblem(name: string): string | null {
  const n = [...name].length;
  if (n < 2 || n > 50) return `“${name}” has ${n} character(s); a name has 2–50`;
  if (!/^[\p{Script=Han}·]+$/u.test(name)) {
    return `“${name}” may hold only Chinese characters and the separator · (U+00B7)`;
  }
  if (/^·|·$|··/.test(name)) return `“${name}”: the separator · must stand between two parts of the name`;
  return null;
}

/** Control characters break layout and are never intended in a case's text. */
export function hasControlCharacters(s: string): boolean {
  return /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/.test(s);
}
