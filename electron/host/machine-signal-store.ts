import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { MachineItem } from '../../shared/bridge-machine';
import type { BatcherMemory } from './machine-batcher';

/**
 * Machine signals the renderer has not journalled yet, kept durably in the
 * terminal's user-data folder (SQLite, WAL, synchronous=FULL like the
 * journal copy): a renderer that is down or reloading loses nothing. Items
 * and the batcher's memory are written in one transaction, so a host killed
 * mid-way neither loses parts nor counts them again. Acknowledged ids are
 * remembered for a week so a redelivered signal is not handed over again.
 */

export interface MachineSignalStore {
  put(items: readonly MachineItem[], memory: BatcherMemory): void;
  memory(): BatcherMemory | null;
  take(limit: number): MachineItem[];
  ack(ids: readonly string[]): number;
  pending(): number;
  close(): void;
}

export function machineStoreFile(userDataDir: string, terminalId: string): string {
  return join(userDataDir, 'machine-signals', `${terminalId.replace(/[^A-Za-z0-9._-]/g, '_')}.sqlite`);
}

const ACKED_KEPT_MS = 7 * 86_400_000;

export function openMachineSignalStore(file: string, clock: () => number = Date.now): MachineSignalStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS items (n INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, item TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS acked (id TEXT PRIMARY KEY, at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `);
  const insert = db.prepare('INSERT OR IGNORE INTO items (id, item) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM acked WHERE id = ?)');
  const saveMemory = db.prepare("INSERT INTO meta (key, value) VALUES ('batcher', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  const put = db.transaction((items: readonly MachineItem[], memory: BatcherMemory) => {
    for (const item of items) insert.run(item.id, JSON.stringify(item), item.id);
    saveMemory.run(JSON.stringify(memory));
  });
  const del = db.prepare('DELETE FROM items WHERE id = ?');
  const remember = db.prepare('INSERT OR IGNORE INTO acked (id, at) VALUES (?, ?)');
  const ack = db.transaction((ids: readonly string[]) => {
    let n = 0;
    for (const id of ids) {
      n += del.run(id).changes;
      remember.run(id, clock());
    }
    db.prepare('DELETE FROM acked WHERE at < ?').run(clock() - ACKED_KEPT_MS);
    return n;
  });
  return {
    put: (items, memory) => put(items, memory),
    memory: () => {
      const row = db.prepare("SELECT value FROM meta WHERE key = 'batcher'").get() as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as BatcherMemory) : null;
    },
    take: (limit) =>
      (db.prepare('SELECT item FROM items ORDER BY n LIMIT ?').all(limit) as { item: string }[]).flatMap((r) => {
        const parsed = MachineItem.safeParse(JSON.parse(r.item));
        return parsed.success ? [parsed.data] : [];
      }),
    ack: (ids) => ack(ids),
    pending: () => (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n,
    close: () => db.close(),
  };
}
