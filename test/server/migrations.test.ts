import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, migrations } from '../../server/db/migrate';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('create every table and leave nothing to do the second time', async () => {
    const tables = (await database.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['terminals', 'admin_tokens', 'events', 'master_data', 'counters', 'order_progress', 'batch_windows', 'quality_flags', 'erp_confirmations']));
    expect(await migrateToLatest(database.db, database.dialect)).toEqual({ applied: [] });
  });

  it('start the master-data revision and the ERP confirmation number at 0', async () => {
    const counters = await database.db.selectFrom('counters').selectAll().orderBy('name').execute();
    expect(counters).toEqual([
      { name: 'erp_confirmation', value: 0 },
      { name: 'master_rev', value: 0 },
    ]);
  });

  it('are named so that they sort in order of application', () => {
    const names = Object.keys(migrations(database.dialect));
    expect(names).toEqual([...names].sort());
    expect(names.every((n) => /^\d{4}-[a-z0-9-]+$/.test(n))).toBe(true);
  });
});
