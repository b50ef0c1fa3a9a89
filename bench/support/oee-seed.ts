/**
 * Writes the OEE benchmark's lines into a migrated server database: the
 * master data the server's OEE reads (line, shift model, downtime reasons,
 * routings), one terminal per line, and the generated events straight into
 * `events` as a push would have stored them (seeding is not what is measured,
 * so it skips HTTP and the projections). Batches of a few thousand rows per
 * statement and transaction keep memory flat over a year of 20 lines.
 */
import { sql } from 'kysely';
import { issueTerminal } from '../../server/credentials-store';
import type { TaktDatabase } from '../../server/db/create-database';
import { upsertMaster } from '../../server/master-data-store';
import { BENCH_ROUTINGS, MICRO_STOP_SECONDS, lineIdOf, reasonsOf, shiftModelOf, terminalIdOf, yearOfEvents, type EventRow } from './oee-year';

export interface SeedOptions {
  lines: number;
  days: number;
  seed: number;
}

async function seedMaster(database: TaktDatabase, lines: number): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    const put = async (kind: string, row: unknown): Promise<void> => {
      const written = await upsertMaster(trx, kind as never, row as never);
      if (!written.ok) throw new Error(`${kind}: ${written.error.message}`);
    };
    for (const routing of BENCH_ROUTINGS) await put('routing', routing);
    for (let i = 0; i < lines; i += 1) {
      const lineId = lineIdOf(i);
      await put('line', { id: lineId, plantId: 'P1', name: `Line ${lineId}`, settings: { microStopSeconds: MICRO_STOP_SECONDS } });
      await put('shift-model', shiftModelOf(lineId));
      for (const reason of reasonsOf(lineId)) await put('downtime-reason', reason);
      await issueTerminal(trx, { id: terminalIdOf(i), lineId });
    }
  });
}

const COLUMNS = ['terminal_id', 'seq', 'id', 'type', 'occurred_at', 'operator_id', 'order_id', 'payload', 'schema_version', 'received_at', 'known'] as const;
const PG_TYPES = ['text', 'bigint', 'uuid', 'text', 'text', 'text', 'text', 'text', 'integer', 'text', 'integer'];

async function insertRows(database: TaktDatabase, rows: EventRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (database.dialect === 'postgres') {
    // One statement per batch whatever its size: each column as one array parameter, unnested into rows.
    const arrays = COLUMNS.map((c, i) => sql`${rows.map((r) => r[c])}::${sql.raw(PG_TYPES[i]!)}[]`);
    await sql`INSERT INTO events (${sql.raw(COLUMNS.join(', '))}) SELECT * FROM unnest(${sql.join(arrays)})`.execute(database.db);
    return;
  }
  // SQLite allows 32,766 parameters per statement: 11 columns × 2,000 rows stays below.
  await database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 2000) await trx.insertInto('events').values(rows.slice(i, i + 2000)).execute();
  });
}

/** Seeds master data and events; returns the number of events written. */
export async function seedOeeYear(database: TaktDatabase, o: SeedOptions): Promise<{ events: number; byType: Record<string, number> }> {
  await seedMaster(database, o.lines);
  let pending: EventRow[] = [];
  let events = 0;
  const byType: Record<string, number> = {};
  for (const batch of yearOfEvents(o)) {
    for (const r of batch) byType[r.type] = (byType[r.type] ?? 0) + 1;
    pending.push(...batch);
    if (pending.length >= 10_000) {
      await insertRows(database, pending);
      events += pending.length;
      pending = [];
    }
  }
  await insertRows(database, pending);
  events += pending.length;
  // Fresh statistics, as a production database would have after the year: both planners pick their plans by them.
  await sql`ANALYZE`.execute(database.db);
  return { events, byType };
}
