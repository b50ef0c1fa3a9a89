import type { Db } from './db/schema';
import { onMasterWrite } from './master-data-store';
import { scopeKey, visibleTo, type PullScope } from './pull-scope';

/**
 * Tells waiting terminals that a master-data revision of their line exists
 * (the long poll behind GET /api/v1/sync/notify). Writes arrive two ways: from
 * this process (the admin routes, the ERP), which signal at once, and from
 * `takt import` run as a separate process against the same database, which
 * cannot. So while anyone waits, the notifier reads the one-row revision
 * counter every `pollMs` (a primary-key lookup, cheap on SQLite and
 * PostgreSQL alike, and no dedicated LISTEN connection to keep alive); only
 * when the counter moved does it ask, per waiting line, for that line's
 * newest revision. A signal only brings the next read forward: a write
 * signalled before its transaction commits is found by a later read.
 */

export interface RevisionNotifier {
  /**
   * Resolves with the newest revision visible to `scope` once it is above
   * `since`, or with `null` when `timeoutMs` passes, `abort` fires or the
   * notifier closes.
   */
  waitForRevision(scope: PullScope, since: number, timeoutMs: number, abort?: AbortSignal): Promise<number | null>;
  /** Reads the counter now instead of at the next tick. */
  signal(): void;
  close(): void;
}

interface Waiter {
  scope: PullScope;
  since: number;
  settle(rev: number | null): void;
}

export const DEFAULT_REVISION_POLL_MS = 500;

export function createRevisionNotifier(db: Db, options: { pollMs?: number } = {}): RevisionNotifier {
  const pollMs = options.pollMs ?? DEFAULT_REVISION_POLL_MS;
  const waiters = new Set<Waiter>();
  let lastCounter: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let checking = false;
  let again = false;
  let closed = false;
  const offWrite = onMasterWrite(() => notifier.signal());

  function schedule(delay: number): void {
    if (closed || waiters.size === 0 || timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void check();
    }, delay);
  }

  async function check(): Promise<void> {
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    try {
      do {
        again = false;
        const counter = await readCounter(db);
        if (counter !== lastCounter) {
          lastCounter = counter;
          await wakeLines();
        }
      } while (again && !closed);
    } catch {
      // The database is briefly unavailable: waiters keep waiting, the next tick reads again.
    } finally {
      checking = false;
      schedule(pollMs);
    }
  }

  async function wakeLines(): Promise<void> {
    const scopes = new Map([...waiters].map((w) => [scopeKey(w.scope), w.scope]));
    for (const [key, scope] of scopes) {
      const rev = await latestRevisionFor(db, scope);
      for (const w of [...waiters]) if (scopeKey(w.scope) === key && rev > w.since) w.settle(rev);
    }
  }

  const notifier: RevisionNotifier = {
    async waitForRevision(scope, since, timeoutMs, abort) {
      if (closed) return null;
      const now = await latestRevisionFor(db, scope);
      if (now > since) return now;
      if (timeoutMs <= 0 || abort?.aborted) return null;
      // Read the counter before waiting, so a write between this read and the first tick is seen as a change.
      if (lastCounter === null) lastCounter = await readCounter(db);
      return new Promise<number | null>((resolve) => {
        const waiter: Waiter = {
          scope,
          since,
          settle(rev) {
            if (!waiters.delete(waiter)) return;
            clearTimeout(deadline);
            abort?.removeEventListener('abort', onAbort);
            resolve(rev);
          },
        };
        const onAbort = () => waiter.settle(null);
        const deadline = setTimeout(() => waiter.settle(null), timeoutMs);
        abort?.addEventListener('abort', onAbort, { once: true });
        waiters.add(waiter);
        schedule(pollMs);
      });
    },
    signal() {
      if (closed || waiters.size === 0) return;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      void check();
    },
    close() {
      closed = true;
      offWrite();
      if (timer !== null) clearTimeout(timer);
      timer = null;
      for (const w of [...waiters]) w.settle(null);
    },
  };
  return notifier;
}

async function readCounter(db: Db): Promise<number> {
  const row = await db.selectFrom('counters').select('value').where('name', '=', 'master_rev').executeTakeFirst();
  return Number(row?.value ?? 0);
}

/** The newest revision a terminal of `scope` pulls: the rows pull would give it (tombstones included). */
export async function latestRevisionFor(db: Db, scope: PullScope): Promise<number> {
  const row = await db
    .selectFrom('master_data')
    .select((eb) => eb.fn.max('rev').as('rev'))
    .where(visibleTo(scope))
    .executeTakeFirst();
  return Number(row?.rev ?? 0);
}
