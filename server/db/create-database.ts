import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { postgresChangeListen, type ChangeListen } from './change-feed';
import { withStatementCache } from './sqlite-statements';
import type { Database, DatabaseDialect } from './schema';

/**
 * The database factory: SQLite in `<dataDir>/takt.sqlite` by default (the
 * embedded server needs no setup), PostgreSQL when a postgres:// URL is given.
 */

export interface DatabaseOptions {
  dataDir: string;
  /**
   * `postgres://…` or `postgresql://…`; anything else is a configuration error.
   * libpq-style parameters ride along, e.g. `?options=-c%20search_path%3Dtakt`.
   */
  databaseUrl?: string | undefined;
  /** PostgreSQL: connections in this server's pool; default {@link defaultPoolSize}. */
  poolSize?: number | undefined;
  /**
   * PostgreSQL: a statement running longer is cancelled (SQLSTATE 57014) and its transaction
   * rolled back, so a push stuck behind a lock is answered `database-timeout` with nothing written.
   */
  statementTimeoutMs?: number | undefined;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;

/**
 * Two connections per core plus one, after PostgreSQL's rule of thumb for pool sizes
 * ("core_count * 2 + effective_spindle_count", wiki.postgresql.org "Number Of Database
 * Connections"). Pushes need only one at a time (group commit); the rest serve pulls and admins.
 */
export function defaultPoolSize(): number {
  return availableParallelism() * 2 + 1;
}

export interface TaktDatabase {
  db: Kysely<Database>;
  dialect: DatabaseDialect;
  /** Where the data lives, safe to print (no password). */
  location: string;
  /** PostgreSQL: LISTEN for committed writes of any instance (server/db/change-feed.ts); absent on SQLite. */
  listen?: ChangeListen | undefined;
  close(): Promise<void>;
}

export const SQLITE_FILE_NAME = 'takt.sqlite';

export function openDatabase(options: DatabaseOptions): TaktDatabase {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openSqlite(options.dataDir);
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * The data folder holds the plant's record and every token hash: only the
 * server's own user may read it (folder 0700, files 0600), also when an older
 * install left them readable. SQLite creates its -wal and -shm files with the
 * database file's mode, so tightening the file before the first write covers them.
 */
function restrictDataFiles(dataDir: string, file: string): void {
  if (process.platform === 'win32') return;
  chmodSync(dataDir, 0o700);
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o600);
}

function openSqlite(dataDir: string): TaktDatabase {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, SQLITE_FILE_NAME);
  const sqlite = new BetterSqlite3(file);
  restrictDataFiles(dataDir, file);
  sqlite.pragma('journal_mode = WAL');
  // FULL, not NORMAL: an acknowledged push moves the terminal's cursor, so an
  // acked event lost to a power cut would be lost for good.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
}

function openPostgres(url: string, options: DatabaseOptions): TaktDatabase {
  if (!isPostgresUrl(url)) throw new Error('TAKT_DATABASE_URL must start with postgres:// or postgresql://');
  const statementTimeout = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? defaultPoolSize(),
    // A bounded connect, so a request during a database restart fails (503) instead of hanging.
    connectionTimeoutMillis: 5_000,
    statement_timeout: statementTimeout,
    // A server that stops mid-transaction (frozen, not killed) would hold terminals' cursor locks;
    // PostgreSQL ends such a session and rolls back, so the other instances carry on.
    idle_in_transaction_session_timeout: statementTimeout * 2,
    types: { getTypeParser: int8AsNumber },
  });
  // An idle client whose connection dies (database restart) is dropped by the pool; without a
  // listener the 'error' event would end the process. The next query connects afresh.
  pool.on('error', () => {});
  // A client checked out by a transaction can lose its connection between two of its queries;
  // that 'error' event reaches the client, not the pool. The pending or next query fails on its
  // own (and is answered 503), so the event itself needs only a listener to not end the process.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location: redactPassword(url), listen: postgresChangeListen(url), close: () => db.destroy() };
}

/** pg returns int8 as string to be exact; our int8 values (seq, rev, counts) fit a double. */
const int8AsNumber = ((oid: number, format?: 'text' | 'binary') =>
  oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

/** Host and database only: passwords can sit in the user part or in the query. */
function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'postgres';
  }
}
