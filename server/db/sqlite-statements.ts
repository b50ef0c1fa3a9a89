import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * Kysely's SQLite driver prepares every query afresh. Compiling a push's
 * 500-row INSERT (5,500 parameters) took ~3 ms each time, 6 µs per event
 * (bench/sync-push.ts, CPU profile of the server), for a text that is the
 * same in every push; so the database keeps its most recent statements
 * prepared, by text. A statement still being iterated (a stream) is busy and
 * cannot run twice at once: that text gets a fresh one.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, max = 128): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(text) {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        // Map order is insertion order: re-insert to keep the most recently used last.
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const statement = sqlite.prepare(text);
      if (hit) return statement;
      cache.set(text, statement);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}
