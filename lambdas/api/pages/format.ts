// How pages write dates: 成文日期-style Chinese dates (the documents' own form, catalogue/dates.ts).
import { gbDate } from '../../catalogue/dates.js';

/** 2026年11月24日 from YYYY-MM-DD; anything else as it is. */
export function chineseDate(isoDate: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? gbDate(isoDate) : isoDate;
}
