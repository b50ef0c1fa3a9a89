import type { EventEnvelope } from '../shared/events';
import type { EventChecks } from './projection/plan';
import { fail } from '../shared/errors';
import type { DatabaseDialect, Db } from './db/schema';
import { isDatabaseUnavailable, isStatementTimeout } from './db/unavailable';
import { storeEventGroup, type PushInput, type StoreResult } from './event-group-store';

/**
 * Group commit, for SQLite and PostgreSQL alike. Pushes that arrive while a
 * group is being written queue up, and the next transaction stores all of
 * them with a fixed number of statements (event-group-store.ts): one commit
 * (one fsync) and one round trip per table for many terminals, each push still
 * acknowledged only after its events are durable.
 *
 * Measured on PostgreSQL before this (bench/server.ts notes): each push ran
 * its own transaction of ~10 statements, and the pool's connections sat
 * "idle in transaction" waiting for the next statement from a busy Node
 * process; 200 terminals saturated at ~290 pushes/s.
 *
 * A push that fails with a coded error wrote nothing and cannot spoil its
 * group. If the group's transaction throws for another reason (a constraint
 * one push's data trips), every push in it is retried on its own so that the
 * bad push fails alone; if the database is away or a statement ran past the
 * statement timeout, the whole group is answered at once (retrying alone
 * would only wait again), and nothing of it was written.
 */

interface Pending extends PushInput {
  resolve(result: StoreResult): void;
  reject(err: unknown): void;
}

/** Enough to amortise the commit, small enough to keep one transaction short. */
const MAX_GROUP_EVENTS = 4000;

/** `tokenHash` and `checks`: see PushInput; the push route passes its caller's and its own. */
export type StorePush = (terminalId: string, events: readonly EventEnvelope[], tokenHash?: string, checks?: EventChecks) => Promise<StoreResult>;

export function createPushStore(db: Db, dialect: DatabaseDialect): StorePush {
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

  const storeAlone = async (p: Pending): Promise<void> => {
    const [result] = await storeEventGroup(db, dialect, [p]);
    p.resolve(result!);
  };

  const drain = async (): Promise<void> => {
    try {
      while (queue.length > 0) {
        await nextTick();
        const group = takeGroup();
        try {
          const results = await storeEventGroup(db, dialect, group);
          group.forEach((p, i) => p.resolve(results[i]!));
        } catch (err) {
          if (isStatementTimeout(err)) {
            for (const p of group) p.resolve(fail('database-timeout', 'the database took too long; nothing of this push was stored, retry shortly'));
          } else if (isDatabaseUnavailable(err) || group.length === 1) {
            for (const p of group) p.reject(err);
          } else {
            for (const p of group) await storeAlone(p).catch(p.reject);
          }
        }
      }
    } finally {
      draining = false;
    }
  };

  return (terminalId, events, tokenHash, checks) =>
    new Promise<StoreResult>((resolve, reject) => {
      queue.push({ terminalId, events, tokenHash, checks, resolve, reject });
      if (draining) return;
      draining = true;
      void drain();
    });
}
