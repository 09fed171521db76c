import { describe, expect, it } from 'vitest';
import { addYears, endOfYears, gbDate, isIsoMonth, isRealIsoDate, monthsInclusive } from '../../lambdas/catalogue/dates.js';

describe('dates', () => {
  it('writes GB/T 9704 dates without leading zeros', () => {
    expect(gbDate('2026-01-05')).toBe('2026年1月5日');
    expect(gbDate('2026-11-24')).toBe('2026年11月24日');
    expect(gbDate('2026-10')).toBe('2026年10月');
  });

  it('knows which dates exist, leap years included', () => {
    expect(isRealIsoDate('2028-02-29')).toBe(true);
    expect(isRealIsoDate('2026-02-29')).toBe(false);
    expect(isRealIsoDate('2026-13-01')).toBe(false);
    expect(isRealIsoDate('2026-1-5')).toBe(false);
    expect(isIsoMonth('2026-12')).toBe(true);
    expect(isIsoMonth('2026-00')).toBe(false);
  });

  it('ends a period of whole years the day before its anniversary', () => {
    expect(endOfYears('2026-01-01', 3)).toBe('2028-12-31');
    expect(endOfYears('2026-03-01', 3)).toBe('2029-02-28');
    expect(addYears('2028-02-29', 1)).toBe('2029-03-01');
  });

  it('counts calendar months with both ends included', () => {
    expect(monthsInclusive('2025-08', '2026-07')).toBe(12);
    expect(monthsInclusive('2026-01', '2026-01')).toBe(1);
  });
});
