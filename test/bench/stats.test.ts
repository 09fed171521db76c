import { describe, expect, it } from 'vitest';
import { median, quantile, round, sum } from '../../bench/stats.js';

describe('bench statistics', () => {
  it('takes the middle sample, or the mean of the two middle ones, as the median', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('takes p95 by nearest rank, so of 100 samples it is the 95th smallest', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(quantile(samples, 0.95)).toBe(95);
    expect(quantile(samples, 1)).toBe(100);
  });

  it('answers NaN, not a made-up number, when there are no samples', () => {
    expect(median([])).toBeNaN();
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('rounds to three significant figures whatever the magnitude', () => {
    expect(round(12.3456)).toBe(12.3);
    expect(round(0.0123456)).toBe(0.0123);
    expect(round(123456)).toBe(123000);
    expect(sum([1, 2, 3.5])).toBe(6.5);
  });
});
