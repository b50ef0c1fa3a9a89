import type { EventEnvelope } from '../shared/events';
import type { Result } from '../shared/errors';
import type { DatabaseDialect, Db } from './db/schema';
import { inTransaction } from './db/transaction';
import { storeEvents } from './event-store';

/**
 * Group commit for SQLite. SQLite has one writer and every commit waits for
 * an fsync (synchronous=FULL), so pushes that arrive while a commit is running
 * queue up and the next transaction stores all of them: one fsync for many
 * terminals, each still acknowledged only after its events are durable.
 * A push that fails with a coded error wrote nothing and cannot spoil its
 * group; if the group's transaction throws, every push in it is retried on
 * its own so that one bad push fails alone.
 */

type StoreResult = Result<{ ackSeq: number }>;

interface Pending {
  terminalId: string;
  events: readonly EventEnvelope[];
  resolve(result: StoreResult): void;
  reject(err: unknown): void;
}

/** Enough to amortise the fsync, small enough to keep one transaction short. */
const MAX_GROUP_EVENTS = 4000;

export type StorePush = (terminalId: string, events: readonly EventEnvelope[]) => Promise<StoreResult>;

export function createPushStore(db: Db, dialect: DatabaseDialect): StorePush {
  // PostgreSQL runs pushes of different terminals in parallel and groups WAL flushes itself.
  if (dialect !== 'sqlite') return (terminalId, events) => storeEvents(db, dialect, terminalId, events);

  const queue: Pending[] = [];
  let draining = false;

  const takeGroup = (): Pending[] => {
    const group: Pending[] = [];
    let size = 0;
    while (queue.length > 0 && (group.length === 0 || size + queue[0]!.events.length <= MAX_GROUP_EVENTS)) {
      const next = queue.shift()!;
      size += next.events.length;
      group.push(next);
    }
    return group;
  };

  // Yield to I/O before each group: better-sqlite3 blocks the event loop while it commits,
  // so the requests that arrived meanwhile are parsed and queued before the next group forms.
  const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  const drain = async (): Promise<void> => {
    try {
      while (queue.length > 0) {
        await nextTick();
        const group = takeGroup();
        try {
          const results = await inTransaction(db, async (trx) => {
            const out: StoreResult[] = [];
            for (const p of group) out.push(await storeEvents(trx, dialect, p.terminalId, p.events));
            return out;
          });
          group.forEach((p, i) => p.resolve(results[i]!));
        } catch {
          for (const p of group) await storeEvents(db, dialect, p.terminalId, p.events).then(p.resolve, p.reject);
        }
      }
    } finally {
      draining = false;
    }
  };

  return (terminalId, events) =>
    new Promise<StoreResult>((resolve, reject) => {
      queue.push({ terminalId, events, resolve, reject });
      if (draining) return;
      draining = true;
      void drain();
    });
}
