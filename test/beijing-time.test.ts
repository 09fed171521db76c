import { describe, expect, it } from 'vitest';
import { beijingMidnight, beijingMinute, beijingTime, beijingToday, beijingWallClock } from '../lambdas/beijing-time.js';

describe('Beijing time', () => {
  it('counts the day in Beijing, eight hours ahead of UTC', () => {
    expect(beijingToday(new Date('2026-12-04T15:59:59Z'))).toBe('2026-12-04');
    expect(beijingToday(new Date('2026-12-04T16:00:00Z'))).toBe('2026-12-05');
  });

  it('writes an instant as Beijing wall-clock time to the second, to the minute, and with its zone named', () => {
    expect(beijingWallClock(new Date('2026-11-25T01:30:45.678Z'))).toBe('2026-11-25T09:30:45');
    expect(beijingMinute('2026-11-25T01:30:45.678Z')).toBe('2026-11-25 09:30');
    expect(beijingTime('2026-11-25T01:30:45.678Z')).toBe('2026-11-25 09:30（北京时间）');
  });

  it('starts a Beijing date at its midnight, 16:00 UTC the day before', () => {
    expect(beijingMidnight('2026-11-25').toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(beijingToday(beijingMidnight('2026-11-25'))).toBe('2026-11-25');
  });

  it('leaves what is not a time as it is', () => {
    expect(beijingMinute('')).toBe('');
    expect(beijingTime('unknown')).toBe('unknown');
  });
});
