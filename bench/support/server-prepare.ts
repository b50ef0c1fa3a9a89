/**
 * The database side of `npm run bench -- server`: a fresh SQLite folder or
 * PostgreSQL schema per round, migrated, with every simulated terminal
 * registered the way `takt terminal add` registers one (issueTerminal: a
 * token shown once, its hash stored) and an order of its line to book on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { upsertMaster } from '../../server/master-data-store';

export type Dialect = 'sqlite' | 'postgres';

export const PG_URL = process.env.TAKT_BENCH_DATABASE_URL || process.env.TAKT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Prepared {
  dataDir: string;
  databaseUrl: string | undefined;
  tokens: Map<string, string>;
  cleanup(): Promise<void>;
}

export const range = (n: number, prefix: string): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);

export async function adminQuery<T = unknown>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function prepare(dialect: Dialect, terminalIds: readonly string[]): Promise<Prepared> {
  const { openDatabase } = await import('../../server/db/create-database');
  const { migrateToLatest } = await import('../../server/db/migrate');
  const { issueTerminal } = await import('../../server/credentials-store');
  const dataDir = mkdtempSync(join(tmpdir(), 'takt-bench-'));
  let databaseUrl: string | undefined;
  let dropSchema = async (): Promise<void> => {};
  if (dialect === 'postgres') {
    const schema = `takt_bench_${process.pid}_${Date.now()}`;
    await adminQuery(`CREATE SCHEMA ${schema}`);
    const parsed = new URL(PG_URL);
    parsed.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = parsed.toString();
    dropSchema = async () => void (await adminQuery(`DROP SCHEMA ${schema} CASCADE`));
  }
  const database = openDatabase({ dataDir, databaseUrl });
  const tokens = new Map<string, string>();
  try {
    await migrateToLatest(database.db, database.dialect);
    await database.db.transaction().execute(async (trx) => {
      for (const id of terminalIds) tokens.set(id, (await issueTerminal(trx, { id, lineId: 'L1' })).token);
      // Each terminal books its own order of its line: the server projects only bookings on orders of the terminal's line.
      for (const id of terminalIds) {
        const order = { id: `ORD-${id}`, number: `ORD-${id}`, lineId: 'L1', materialId: 'M-SG1', quantity: 1_000_000_000, dueDate: '2025-01-06', status: 'released' as const };
        const written = await upsertMaster(trx, 'order', order);
        if (!written.ok) throw new Error(written.error.message);
      }
    });
  } finally {
    await database.close();
  }
  return {
    dataDir,
    databaseUrl,
    tokens,
    cleanup: async () => {
      await dropSchema();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
