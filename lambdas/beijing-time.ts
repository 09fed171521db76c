// Beijing time (UTC+8, no daylight saving), as documents, pages and the CLI write it for people,
// whatever the server's zone: the one place the offset is applied.
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The instant's Beijing wall-clock time, `YYYY-MM-DDTHH:MM:SS`. */
export function beijingWallClock(date: Date): string {
  return new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19);
}

/** The instant a Beijing date (`YYYY-MM-DD`) begins: midnight Beijing time. */
export function beijingMidnight(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00+08:00`);
}

/** Today's date in Beijing, `YYYY-MM-DD`. */
export function beijingToday(now: Date): string {
  return beijingWallClock(now).slice(0, 10);
}

/** 2026-11-25 09:30 in Beijing time from an ISO instant, for tables whose header says so (the CLI's); anything else as it is. */
export function beijingMinute(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : beijingWallClock(new Date(t)).slice(0, 16).replace('T', ' ');
}

/** 2026-11-25 09:30（北京时间） from an ISO instant; anything else as it is. */
export function beijingTime(iso: string): string {
  return Number.isNaN(Date.parse(iso)) ? iso : `${beijingMinute(iso)}（北京时间）`;
}
