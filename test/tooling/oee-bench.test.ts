import { describe, expect, it } from 'vitest';
import { compareShifts, measureOnDatabase } from '../../bench/oee';
import { measureLiveUpdates } from '../../bench/support/oee-live';
import { yearOfEvents } from '../../bench/support/oee-year';
import { createTestDatabase } from '../server/support/test-database';

/**
 * The OEE benchmark at a tiny size (2 lines, the first week of its year): the
 * server's fold and the plain SQL baseline must agree on every shift's figures,
 * on SQLite and, with TAKT_TEST_DATABASE_URL, PostgreSQL. About speed nothing is asserted.
 */
describe('npm run bench -- oee, tiny', () => {
  it('the server fold and the SQL GROUP BY agree on every shift of the generated week', async () => {
    const database = await createTestDatabase();
    try {
      const result = await measureOnDatabase(database, { lines: 2, days: 7, runs: 1 });
      // 2025-01-01 is a Wednesday: 5 working days in the first week, 2 shifts each, 2 lines.
      expect(result.agreement).toEqual({ shifts: 20, mismatches: [], mismatchCount: 0 });
      expect(result.byType.MachineCycle).toBeGreaterThan(1000);
      expect(result.byType.DowntimeBooked).toBeGreaterThan(0);
      // The agreement covers stops, micro-stops and scrap, not only parts.
      expect(result.totals.downtimeHours).toBeGreaterThan(0);
      expect(result.totals.microStops).toBeGreaterThan(20);
      expect(result.totals.scrap).toBeGreaterThan(0);
      expect(result.totals.meanOee).toBeGreaterThan(0.5);
      expect(result.totals.meanOee).toBeLessThan(1);
    } finally {
      await database.close();
    }
  });

  it('the comparison names a shift where the two disagree', () => {
    const shift = { lineId: 'L01', date: '2025-01-01', shiftId: 'early', plannedSeconds: 27_000, downtimeSeconds: 600, microStops: 3, totalCount: 800, bookedScrap: 4, idealSeconds: 21_600, availability: 0.97, performance: 0.82, quality: 0.995, oee: 0.79 };
    expect(compareShifts([shift], [{ ...shift }]).mismatchCount).toBe(0);
    const off = compareShifts([shift], [{ ...shift, downtimeSeconds: 660, oee: 0.78 }]);
    expect(off.mismatches.map((m) => m.field)).toEqual(['downtimeSeconds', 'oee']);
    expect(compareShifts([shift], []).mismatches[0]).toMatchObject({ field: 'missing in SQL' });
  });

  it('generates the same events from the same seed', () => {
    const first = (seed: number) => [...yearOfEvents({ lines: 1, days: 1, seed })][0]!;
    expect(first(5)).toEqual(first(5));
    expect(first(5)).not.toEqual(first(6));
  });

  it('the live update keeps the same figures as folding the shift from scratch', () => {
    // measureLiveUpdates throws when a sampled refold disagrees with the live state.
    const live = measureLiveUpdates(3, { cycles: 600 });
    expect(live.cycles).toBe(600);
    expect(live.baselineSamples).toBe(3);
    expect(live.final.totalCount).toBe(600);
    expect(live.final.oee).toBeGreaterThan(0);
    expect(live.final.oee).toBeLessThanOrEqual(1);
  });
});
