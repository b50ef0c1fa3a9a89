/**
 * The statistics every benchmark quotes, in one place so that a "p99" means
 * the same in each result file. Quantiles are nearest-rank (the smallest
 * value with at least q of the samples at or below it): with few samples a
 * p99 is an observed value, never an interpolation between two runs.
 */

/** Nearest-rank quantile, q in [0, 1]; NaN for no samples. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The middle value; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

export interface Summary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** p50 / p90 / p99 / max / mean of a latency sample, rounded to `digits`. */
export function summarize(values: readonly number[], digits = 2): Summary {
  const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
  return {
    p50: round(quantile(values, 0.5), digits),
    p90: round(quantile(values, 0.9), digits),
    p99: round(quantile(values, 0.99), digits),
    max: round(values.length ? Math.max(...values) : NaN, digits),
    mean: round(mean, digits),
  };
}

/** Median wall time in ms of `runs` calls of `fn`. */
export function medianTime(fn: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}
