// How pages write times and dates: Beijing time, whatever the server's zone.
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** 2026-11-25 09:30（北京时间） from an ISO instant. */
export function beijingTime(iso: string): string {
  return Number.isNaN(Date.parse(iso)) ? iso : `${beijingMinute(iso)}（北京时间）`;
}

/** 2026-11-25 09:30 in Beijing time, for tables whose header says so (the CLI's). */
export function beijingMinute(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** 2026年11月24日 from YYYY-MM-DD. */
export function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : isoDate;
}
