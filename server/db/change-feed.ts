import pg from 'pg';
import { CHANGE_CHANNEL } from './migrations/0009-change-notifications';
import type { Db } from './schema';

/**
 * "Something in the plant's record changed": for pages that follow it live
 * (the lines page's stream). On PostgreSQL the feed LISTENs on the channel
 * the write triggers NOTIFY on (migration 0009), so a write by any server
 * instance on the database, or by `takt import`, is heard at its commit.
 * Where it cannot listen (SQLite, or while the listening connection is
 * down and being re-established) it reads a fingerprint of the record every
 * `pollMs`: the master-data revision, the terminals' acknowledged seqs and
 * the newest status report, three lookups on small tables. The feed runs
 * only while someone is subscribed.
 */

/** Starts listening; resolves with the way to stop. `onLost` is called once if the connection dies. */
export type ChangeListen = (onChange: () => void, onLost: (err: unknown) => void) => Promise<() => Promise<void>>;

export interface ChangeFeed {
  subscribe(listener: () => void): () => void;
  /** How changes are noticed right now. */
  readonly mode: 'listen' | 'poll' | 'idle';
  close(): Promise<void>;
}

export const DEFAULT_CHANGE_POLL_MS = 1_000;
const RELISTEN_MS = 2_000;

export function createChangeFeed(options: { db: Db; listen?: ChangeListen | undefined; pollMs?: number | undefined }): ChangeFeed {
  const pollMs = options.pollMs ?? DEFAULT_CHANGE_POLL_MS;
  const listeners = new Set<() => void>();
  let stopListening: (() => Promise<void>) | null = null;
  let connecting = false;
  let relisten: ReturnType<typeof setTimeout> | null = null;
  let pollTimer: ReturnType<typeof setTimeout> | null = null;
  let fingerprint: string | null = null;
  let closed = false;

  const emit = (): void => {
    for (const l of [...listeners]) l();
  };

  async function startListening(): Promise<void> {
    if (!options.listen || connecting || stopListening || closed || listeners.size === 0) return;
    connecting = true;
    try {
      const stop = await options.listen(emit, () => {
        stopListening = null;
        // Writes while the connection was down were not heard: tell subscribers to look, poll until back.
        emit();
        schedulePoll();
        scheduleRelisten();
      });
      if (closed || listeners.size === 0) await stop();
      else {
        stopListening = stop;
        stopPolling();
        // A write between the last poll and LISTEN taking effect would be missed otherwise.
        emit();
      }
    } catch {
      schedulePoll();
      scheduleRelisten();
    } finally {
      connecting = false;
    }
  }

  function scheduleRelisten(): void {
    if (closed || relisten || listeners.size === 0) return;
    relisten = setTimeout(() => {
      relisten = null;
      void startListening();
    }, RELISTEN_MS);
  }

  function schedulePoll(): void {
    if (closed || pollTimer || stopListening || listeners.size === 0) return;
    pollTimer = setTimeout(() => {
      pollTimer = null;
      void poll();
    }, pollMs);
  }

  function stopPolling(): void {
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = null;
  }

  async function poll(): Promise<void> {
    try {
      const now = await readFingerprint(options.db);
      if (fingerprint !== null && now !== fingerprint) emit();
      fingerprint = now;
    } catch {
      // The database is briefly unavailable: the next tick reads again.
    }
    schedulePoll();
  }

  async function stopAll(): Promise<void> {
    stopPolling();
    if (relisten) clearTimeout(relisten);
    relisten = null;
    const stop = stopListening;
    stopListening = null;
    fingerprint = null;
    await stop?.();
  }

  return {
    get mode() {
      return stopListening ? 'listen' : pollTimer ? 'poll' : 'idle';
    },
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1 && !closed) {
        if (options.listen) void startListening();
        // Until LISTEN is in place (and always on SQLite) the fingerprint is read.
        void readFingerprint(options.db).then((f) => (fingerprint ??= f), () => {});
        schedulePoll();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) void stopAll();
      };
    },
    async close() {
      closed = true;
      listeners.clear();
      await stopAll();
    },
  };
}

async function readFingerprint(db: Db): Promise<string> {
  const rev = await db.selectFrom('counters').select('value').where('name', '=', 'master_rev').executeTakeFirst();
  const seqs = await db
    .selectFrom('terminals')
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('last_seq'), eb.lit(0)).as('seqs'), eb.fn.countAll<number>().as('terminals')])
    .executeTakeFirst();
  const status = await db.selectFrom('terminal_status').select((eb) => eb.fn.max('reported_at').as('at')).executeTakeFirst();
  return `${Number(rev?.value ?? 0)}/${Number(seqs?.seqs ?? 0)}/${Number(seqs?.terminals ?? 0)}/${status?.at ?? ''}`;
}

/** LISTEN on its own connection (a pooled one would be handed to queries); the URL's search_path picks the schema. */
export function postgresChangeListen(url: string): ChangeListen {
  return async (onChange, onLost) => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    let ended = false;
    const lost = (err: unknown): void => {
      if (ended) return;
      ended = true;
      onLost(err);
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('the listening connection ended')));
    try {
      await client.connect();
      const schema = (await client.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]?.schema;
      client.on('notification', (n) => {
        if (n.channel === CHANGE_CHANNEL && n.payload === schema) onChange();
      });
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (err) {
      ended = true;
      await client.end().catch(() => {});
      throw err;
    }
    return async () => {
      ended = true;
      await client.end().catch(() => {});
    };
  };
}
