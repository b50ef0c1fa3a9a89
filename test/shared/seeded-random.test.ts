import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/seeded-random';

describe('seededRandom', () => {
  it('repeats its sequence for a seed, differs between seeds, and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    const other = seededRandom(43);
    expect(Array.from({ length: 1000 }, () => other())).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    // Roughly uniform: each tenth of [0, 1) gets 10 % ± 3 % of 1,000 draws.
    for (let d = 0; d < 10; d++) expect(first.filter((x) => Math.floor(x * 10) === d).length).toBeGreaterThan(70);
  });

  it('matches mulberry32 for seed 1 (the published first output 0.6270739405881613)', () => {
    expect(seededRandom(1)()).toBeCloseTo(0.6270739405881613, 12);
  });
});
