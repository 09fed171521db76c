// A 成文日期 after today cannot be right, and issuing it would use up a number of a future year
// (a case dated 2099-06-01 took 并人才奖〔2099〕1号). Checked when a first issue takes its number,
// against today in Beijing; the catalogue itself stays free of the clock (the earliest date, the
// policy's year, is its rule), so a document renders the same on any day.
import { beijingToday } from '../beijing-time.js';
import { CaseInvalidError } from '../catalogue/index.js';

export function assertNotFutureDated(caseId: string, approvedOn: string, now: Date): void {
  const today = beijingToday(now);
  if (approvedOn > today) {
    throw new CaseInvalidError(
      [
        {
          path: 'approvedOn',
          message: `成文日期 ${approvedOn} is after today (${today}, Beijing time); correct the date — a document is not issued with a future date`,
          messageZh: `${approvedOn} 晚于今天（北京时间 ${today}）；文书不能以将来的日期印发，请更正`,
        },
      ],
      caseId,
    );
  }
}
