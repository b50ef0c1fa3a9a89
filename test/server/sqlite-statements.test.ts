import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../server/db/sqlite-statements';

/** The SQLite connection keeps recent statements prepared: a push's 500-row INSERT is compiled once, not per push. */
describe('SQLite statement cache', () => {
  const open: BetterSqlite3.Database[] = [];
  const database = () => {
    const sqlite = new BetterSqlite3(':memory:');
    open.push(sqlite);
    sqlite.exec('CREATE TABLE t (n INTEGER)');
    return sqlite;
  };
  afterEach(() => {
    for (const sqlite of open.splice(0)) if (sqlite.open) sqlite.close();
  });

  it('hands out the prepared statement again for the same text, and it still answers with the current rows', () => {
    const cached = withStatementCache(database());
    const insert = cached.prepare('INSERT INTO t (n) VALUES (?)');
    insert.run([1]);
    expect(cached.prepare('INSERT INTO t (n) VALUES (?)')).toBe(insert);
    cached.prepare('INSERT INTO t (n) VALUES (?)').run([2]);
    expect(cached.prepare('SELECT n FROM t ORDER BY n').all([])).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('prepares a fresh statement while the cached one is still being iterated', () => {
    const sqlite = database();
    sqlite.exec('INSERT INTO t (n) VALUES (1), (2)');
    const cached = withStatementCache(sqlite);
    const select = cached.prepare('SELECT n FROM t ORDER BY n');
    const rows = select.iterate([]);
    rows.next();
    const again = cached.prepare('SELECT n FROM t ORDER BY n');
    expect(again).not.toBe(select);
    expect(again.all([])).toEqual([{ n: 1 }, { n: 2 }]);
    rows.return?.();
  });

  it('keeps only the most recently used texts', () => {
    const cached = withStatementCache(database(), 2);
    const a = cached.prepare('SELECT 1');
    const b = cached.prepare('SELECT 2');
    expect(cached.prepare('SELECT 1')).toBe(a); // now the most recent
    cached.prepare('SELECT 3'); // evicts SELECT 2, the least recently used
    expect(cached.prepare('SELECT 1')).toBe(a);
    expect(cached.prepare('SELECT 2')).not.toBe(b);
  });

  it('closes the database', () => {
    const sqlite = database();
    withStatementCache(sqlite).close();
    expect(sqlite.open).toBe(false);
  });
});
