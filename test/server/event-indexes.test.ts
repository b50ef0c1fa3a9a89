import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/**
 * The OEE and lines-board reads select a few event types in a time window:
 * they must find them by an index, not by reading every booking of the plant.
 */
describe('events are found by type and time', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('has an index on (type, occurred_at), and the SQLite planner uses it for an OEE-style window', async () => {
    if (database.dialect === 'postgres') {
      const rows = await sql<{ indexdef: string }>`SELECT indexdef FROM pg_indexes WHERE tablename = 'events' AND indexname = 'events_type_time_idx'`.execute(database.db);
      expect(rows.rows[0]?.indexdef).toMatch(/\(type, occurred_at\)/);
      return;
    }
    const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT id, payload FROM events WHERE type IN ('MachineCycle', 'MachineStateChanged') AND occurred_at >= '2026-12-01T00:00:00.000Z' AND occurred_at < '2026-12-02T00:00:00.000Z'`.execute(database.db);
    const details = plan.rows.map((r) => r.detail).join(' | ');
    expect(details).toContain('events_type_time_idx');
    expect(details).not.toMatch(/SCAN events(?! USING)/);
  });
});
