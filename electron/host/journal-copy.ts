import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { JournalCopyHead, JournalCopySide } from '../../shared/bridge-journal';
import type { EventEnvelope } from '../../shared/events';
import { HostError } from './coded-error';
import { hostLogger } from './log-file';
import type { MirrorRequest } from '../../shared/bridge-journal';
export type { MirrorRequest };

/**
 * The journal's second durable copy (DESIGN §4), kept by the host in the
 * terminal's user-data folder: SQLite in WAL mode with synchronous=FULL, so
 * a committed append has been fsync'd (sqlite.org/pragma.html#pragma_synchronous:
 * FULL syncs the WAL on every commit). Chromium can delete an origin's whole
 * IndexedDB after a kill; this file is what the renderer restores from.
 *
 * It holds the exact envelopes with their seqs, the folded state, print
 * jobs, the latest snapshot and the sync cursor. Retention follows the
 * journal's: events go only once acknowledged and covered by a snapshot.
 * A file that cannot be read is reported `corrupt` and never overwritten.
 */

export interface JournalCopy {
  head(): JournalCopyHead;
  /** Events, the state after them and the print jobs they complete, in one transaction. */
  append(events: readonly EventEnvelope[], state?: Record<string, unknown>, printJobs?: readonly { id: string }[]): { head: number };
  read(after: number, limit: number): EventEnvelope[];
  side(): JournalCopySide;
  printJobs(after: string, limit: number): Record<string, unknown>[];
  mirror(request: MirrorRequest): { head: number };
  /** The server acknowledged up to here (the host carries the push, so it learns the cursor first-hand). */
  acknowledged(ackSeq: number): void;
  /** True when the copy is readable and holds `seq` or more: a push may carry only what both copies hold. */
  holdsThrough(seq: number): boolean;
  close(): void;
}


export function journalCopyFile(userDataDir: string, terminalId: string): string {
  return join(userDataDir, 'journal-copy', `${terminalId.replace(/[^A-Za-z0-9._-]/g, '_')}.sqlite`);
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, envelope TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS print_jobs (id TEXT PRIMARY KEY, record TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS snapshots (seq INTEGER PRIMARY KEY, snapshot TEXT NOT NULL);
`;

type Db = Database.Database;

/** Opens (or creates) the copy at `file`; never throws: an unreadable file is a copy in state `corrupt`. */
export function openJournalCopy(file: string, log: (message: string) => void = (m) => hostLogger('journal-copy').warn(m)): JournalCopy {
  const created = file === ':memory:' || !existsSync(file);
  let db: Db | null = null;
  let broken: string | null = null;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    db.exec(SCHEMA);
  } catch (err) {
    broken = `the host's journal copy ${file} cannot be read (${err instanceof Error ? err.message : String(err)}); it is kept for IT, nothing is overwritten`;
    log(`[journal-copy] ${broken}`);
    try {
      db?.close();
    } catch {
      // already unusable
    }
    db = null;
  }
  log(`[journal-copy] ${file}: ${broken ? 'corrupt' : created ? 'missing, created empty' : 'present'}`);
  return db ? sqliteCopy(db, created, log) : corruptCopy(created, broken ?? 'unreadable');
}

function corruptCopy(created: boolean, message: string): JournalCopy {
  const refuse = (): never => {
    throw new HostError('journal-copy-corrupt', message);
  };
  return {
    head: () => ({ state: 'corrupt', created, head: 0, firstSeq: 1, ackedSeq: 0, snapshotSeq: 0, printJobs: 0, message }),
    append: refuse,
    read: refuse,
    side: refuse,
    printJobs: refuse,
    mirror: refuse,
    acknowledged: () => undefined,
    holdsThrough: () => false,
    close: () => undefined,
  };
}

function sqliteCopy(db: Db, created: boolean, log: (message: string) => void): JournalCopy {
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const putMeta = db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const insertEvent = db.prepare<[number, string, string]>('INSERT INTO events (seq, id, envelope) VALUES (?, ?, ?)');
  const eventAt = db.prepare<[number], { id: string }>('SELECT id FROM events WHERE seq = ?');
  const firstEvent = db.prepare<[], { seq: number }>('SELECT MIN(seq) AS seq FROM events');
  const readEvents = db.prepare<[number, number], { envelope: string }>('SELECT envelope FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
  const putJob = db.prepare<[string, string]>('INSERT INTO print_jobs (id, record) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET record = excluded.record');
  const readJobs = db.prepare<[string, number], { record: string }>('SELECT record FROM print_jobs WHERE id > ? ORDER BY id LIMIT ?');
  const countJobs = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM print_jobs');
  const latestSnapshot = db.prepare<[], { seq: number; snapshot: string }>('SELECT seq, snapshot FROM snapshots ORDER BY seq DESC LIMIT 1');

  const num = (key: string): number => Number(getMeta.get(key)?.value ?? 0);
  const headSeq = () => num('head');
  const ackedSeq = () => num('ackedSeq');
  const snapshotSeq = () => latestSnapshot.get()?.seq ?? 0;

  /** SQLite's own codes turned into the bridge's: a full disk refuses the booking like the space guard does. */
  const guarded = <T>(what: string, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof HostError) throw err;
      const code = (err as { code?: unknown }).code;
      const message = `${what}: ${err instanceof Error ? err.message : String(err)}`;
      log(`[journal-copy] ${message}`);
      if (code === 'SQLITE_FULL') throw new HostError('storage-low', `The terminal's disk is full; nothing was booked (${message})`, { cause: err });
      throw new HostError('journal-copy-failed', message, { cause: err });
    }
  };

  const append = db.transaction((events: readonly EventEnvelope[], state?: Record<string, unknown>, printJobs: readonly { id: string }[] = []) => {
    const head = headSeq();
    const first = events[0]!.seq;
    if (first <= head) {
      // A resend of what the copy already holds (same ids) changes nothing; anything else is a conflict.
      const same = events.every((e) => e.seq > head || eventAt.get(e.seq)?.id === e.id);
      if (!same || events[events.length - 1]!.seq > head) {
        throw new HostError('journal-copy-conflict', `the host copy's head is ${head}; an append from seq ${first} does not continue it`);
      }
      return head;
    }
    if (head > 0 && first !== head + 1) throw new HostError('journal-copy-conflict', `the host copy's head is ${head}; an append from seq ${first} leaves a gap`);
    events.forEach((e, i) => {
      if (e.seq !== first + i) throw new HostError('journal-copy-conflict', `seq ${e.seq} where ${first + i} was expected`);
      insertEvent.run(e.seq, e.id, JSON.stringify(e));
    });
    const next = first + events.length - 1;
    putMeta.run('head', String(next));
    if (state) putMeta.run('state', JSON.stringify(state));
    for (const job of printJobs) putJob.run(job.id, JSON.stringify(job));
    return next;
  });

  const mirror = db.transaction((request: MirrorRequest) => {
    for (const job of request.printJobs ?? []) putJob.run(job.id, JSON.stringify(job));
    if (request.snapshot && request.snapshot.seq <= headSeq()) {
      db.prepare('INSERT OR REPLACE INTO snapshots (seq, snapshot) VALUES (?, ?)').run(request.snapshot.seq, JSON.stringify(request.snapshot));
      db.prepare('DELETE FROM snapshots WHERE seq < ?').run(request.snapshot.seq);
    }
    if (request.ackedSeq !== undefined) acknowledge(request.ackedSeq);
    if (request.pruneThrough !== undefined) {
      // Only what the server holds and a snapshot covers may go, whatever the renderer asks.
      const bound = Math.min(request.pruneThrough, ackedSeq(), snapshotSeq());
      if (bound > 0) db.prepare('DELETE FROM events WHERE seq <= ?').run(bound);
    }
    if (request.discardFrom !== undefined && request.discardFrom > ackedSeq()) {
      db.prepare('DELETE FROM events WHERE seq >= ?').run(request.discardFrom);
      putMeta.run('head', String(Math.min(headSeq(), request.discardFrom - 1)));
    }
    return headSeq();
  });

  const acknowledge = (ackSeq: number) => {
    const next = Math.min(headSeq(), Math.max(ackedSeq(), Math.floor(ackSeq)));
    if (next !== ackedSeq()) putMeta.run('ackedSeq', String(next));
  };

  return {
    head: () =>
      guarded('head', () => {
        const head = headSeq();
        const first = firstEvent.get()?.seq ?? head + 1;
        const headId = eventAt.get(head)?.id;
        return { state: 'ok', created, head, firstSeq: first, ...(headId ? { headId } : {}), ackedSeq: ackedSeq(), snapshotSeq: snapshotSeq(), printJobs: countJobs.get()?.n ?? 0 };
      }),
    append: (events, state, printJobs) => guarded('append', () => ({ head: append(events, state, printJobs) })),
    read: (after, limit) => guarded('read', () => readEvents.all(after, limit).map((r) => JSON.parse(r.envelope) as EventEnvelope)),
    side: () =>
      guarded('side', () => {
        const state = getMeta.get('state')?.value;
        const snapshot = latestSnapshot.get()?.snapshot;
        return {
          ackedSeq: ackedSeq(),
          state: state ? (JSON.parse(state) as Record<string, unknown>) : null,
          snapshot: snapshot ? (JSON.parse(snapshot) as JournalCopySide['snapshot']) : null,
        };
      }),
    printJobs: (after, limit) => guarded('print jobs', () => readJobs.all(after, limit).map((r) => JSON.parse(r.record) as Record<string, unknown>)),
    mirror: (request) => guarded('mirror', () => ({ head: mirror(request) })),
    acknowledged: (ackSeq) => {
      try {
        db.transaction(acknowledge)(ackSeq);
      } catch (err) {
        // Only the cursor: a lower one means a resend, which the server ignores.
        log(`[journal-copy] cursor not saved: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    holdsThrough: (seq) => headSeq() >= seq,
    close: () => db.close(),
  };
}
