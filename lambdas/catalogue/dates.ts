// Calendar arithmetic on ISO dates (`YYYY-MM-DD`) and months (`YYYY-MM`), in UTC so the
// result never depends on the machine's time zone.

function parts(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}

function format(t: Date): string {
  return t.toISOString().slice(0, 10);
}

export function isRealIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = parts(s);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function isIsoMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Same day n years later; 29 February becomes 1 March in a common year. */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = parts(iso);
  return format(new Date(Date.UTC(y + years, m - 1, d)));
}

/** The last day of a period of whole years starting on `from`: from + n years − 1 day. */
export function endOfYears(from: string, years: number): string {
  return addDays(addYears(from, years), -1);
}

/** Calendar months from `from` to `to` (`YYYY-MM`), both included. */
export function monthsInclusive(from: string, to: string): number {
  const a = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7));
  const b = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  return b - a + 1;
}

/** ISO date or month → GB/T 9704 form: `2026年1月5日`, `2026年1月` (no leading zeros). */
export function gbDate(iso: string): string {
  const y = iso.slice(0, 4);
  const m = Number(iso.slice(5, 7));
  if (iso.length === 7) return `${y}年${m}月`;
  return `${y}年${m}月${Number(iso.slice(8, 10))}日`;
}
