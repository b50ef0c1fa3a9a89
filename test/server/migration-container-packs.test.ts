import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { packageNumberOf } from '../../shared/labels';
import { migrations } from '../../server/db/migrate';
import { createTestServer, push, type TestServer } from './support/test-server';

/** Migration 0004 fills each packing's time and the printed package numbers from a record that predates them. */
describe('migration 0004-container-packs', () => {
  let server: TestServer;
  const container = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
  beforeAll(async () => {
    server = await createTestServer();
    const token = await server.addTerminal('T-M', 'L1');
    await server.addOrder('ORD-M', 'L1');
    const events = [
      ['06:00:00', 'ContainerOpened', { containerId: container, capacity: 10 }],
      ['06:01:00', 'PartPacked', { containerId: container, quantity: 2 }],
      ['06:02:00', 'PartPacked', { containerId: container, quantity: 3 }],
      ['06:03:00', 'PartPacked', { containerId: container, serial: 'SN-1', quantity: 1 }],
    ].map(([time, type, payload], i) => ({
      id: newId(), terminalId: 'T-M', seq: i + 1, type: type as string, occurredAt: `2025-01-06T${time as string}.000Z`, orderId: 'ORD-M', payload: payload as Record<string, unknown>, schemaVersion: 1,
    }));
    expect((await push(server.app, token, 'T-M', events)).statusCode).toBe(200);
  });
  afterAll(() => server.close());

  const packs = () => server.database.db.selectFrom('container_packs').select(['container_id', 'order_id', 'quantity', 'packed_at']).orderBy('packed_at').execute();

  it('rebuilds the same rows from the stored events after a down and up', async () => {
    const projected = await packs();
    expect(projected.map((p) => [p.packed_at.slice(11, 19), Number(p.quantity)])).toEqual([['06:01:00', 2], ['06:02:00', 3]]);
    const db = server.database.db as unknown as Kysely<unknown>;
    // As migrateToLatest does: on PostgreSQL the bookkeeping table of this database's own schema.
    const schema = server.database.dialect === 'postgres' ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]?.schema : undefined;
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations(server.database.dialect)) }, ...(schema ? { migrationTableSchema: schema } : {}) });
    expect((await migrator.migrateDown()).error).toBeUndefined();
    expect((await migrator.migrateUp()).error).toBeUndefined();
    expect((await packs()).map((p) => ({ ...p, quantity: Number(p.quantity) }))).toEqual(projected.map((p) => ({ ...p, quantity: Number(p.quantity) })));
    const row = await server.database.db.selectFrom('containers').select('package_number').where('container_id', '=', container).executeTakeFirstOrThrow();
    expect(row.package_number).toBe(packageNumberOf(container));
  });
});
