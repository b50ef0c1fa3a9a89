import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type TaktDatabase } from '../../../server/db/create-database';
import { migrateToLatest } from '../../../server/db/migrate';

/**
 * A fresh, migrated database per call: a temp SQLite file by default, or,
 * when TAKT_TEST_DATABASE_URL is set, a fresh PostgreSQL schema reached
 * through the URL's search_path (so the CLI, given the same URL, lands there too).
 */

export interface TestDatabase extends TaktDatabase {
  /** The settings a CLI or startServer needs to reach the same database. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** Env for CLI commands: TAKT_DATABASE_URL when on PostgreSQL. */
  env: Record<string, string>;
}

export const TEST_POSTGRES_URL = process.env.TAKT_TEST_DATABASE_URL || undefined;

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'takt-server-test-'));
  const removeDir = (): void => rmSync(dataDir, { recursive: true, force: true });
  if (!TEST_POSTGRES_URL) {
    const database = openDatabase({ dataDir });
    await migrateToLatest(database.db, database.dialect);
    return {
      ...database,
      dataDir,
      databaseUrl: undefined,
      env: {},
      close: async () => {
        await database.close();
        removeDir();
      },
    };
  }

  const schema = `takt_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const url = withSearchPath(TEST_POSTGRES_URL, schema);
  const database = openDatabase({ dataDir, databaseUrl: url });
  await migrateToLatest(database.db, database.dialect);
  return {
    ...database,
    dataDir,
    databaseUrl: url,
    env: { TAKT_DATABASE_URL: url },
    close: async () => {
      await database.close();
      await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
      removeDir();
    },
  };
}

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
