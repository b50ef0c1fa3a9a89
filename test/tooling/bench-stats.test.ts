import { describe, expect, it } from 'vitest';
import { median, quantile, summarize } from '../../bench/support/stats';

describe('bench statistics', () => {
  it('quantiles are nearest-rank: an observed value, never interpolated', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
    expect(quantile(values, 0.5)).toBe(50);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile(values, 1)).toBe(100);
    expect(quantile(values, 0)).toBe(1);
    expect(quantile([7, 3], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('the median of an even count is the mean of the two middle values', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNaN();
  });

  it('summarize rounds each figure and leaves the input alone', () => {
    const input = [1.234, 2.345, 3.456];
    expect(summarize(input, 1)).toEqual({ p50: 2.3, p90: 3.5, p99: 3.5, max: 3.5, mean: 2.3 });
    expect(input).toEqual([1.234, 2.345, 3.456]);
  });
});
