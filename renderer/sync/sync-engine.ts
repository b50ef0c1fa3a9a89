import type { BridgeClient } from '../../shared/bridge';
import type { CodedError } from '../../shared/errors';
import type { EventEnvelope } from '../../shared/events';
import { PUSH_MAX_EVENTS, type PullResponse } from '../../shared/sync-protocol';
import type { Timers } from '../bridge/types';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../lib/backoff';
import type { SyncInfo } from '../storage/journal';
import { rememberError, type SyncStatus } from './sync-status';

/**
 * The sync loop (DESIGN §5): push journal events by cursor, pull master data
 * by revision, back off with jitter on failure, report status.
 *
 * Everything it touches is injected (journal, cache, bridge, clock, timers,
 * random, status sink) and it holds no React, DOM or zustand, so it is unit
 * tested with fakes and runs unchanged in the sync worker (sync-worker.ts),
 * on the UI thread (fallback) and in Node (the chaos tests).
 *
 * Liveness: after every attempt a timer is set (backoff after a failure, at
 * once while events are pending after a success, the pull interval when
 * idle), so retries never wait for the next local write. `retryNow()` ends a
 * backoff wait at once (connectivity is back, or "sync now").
 */

export interface SyncJournal {
  eventsAfter(seq: number, limit: number): Promise<EventEnvelope[]>;
  advanceCursor(ackSeq: number): Promise<number>;
  syncInfo(): Promise<SyncInfo>;
}

export interface SyncCache {
  checkpoint(): Promise<number | null>;
  applyPull(page: PullResponse): Promise<{ ok: true; value: unknown } | { ok: false; error: CodedError }>;
}

export interface SyncEngineOptions {
  journal: SyncJournal;
  cache: SyncCache;
  bridge: Pick<BridgeClient, 'call'>;
  clock: () => Date;
  timers: Timers;
  publish: (status: SyncStatus) => void;
  /** Called after a pull wrote at least one page, so screens can reload master data. */
  onPulled?: () => void;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Events per push at most (the protocol's ceiling by default), and characters of JSON (PUSH_MAX_CHARS). */
  pushBatch?: number;
  pushChars?: number;
  pullLimit?: number;
  pullIntervalMs?: number;
}

/**
 * A push is cut once its JSON passes 1 Mi characters (UTF-8: at most 3 bytes each), so it stays below the
 * browser host's WebSocket frame limit (4 MiB) and the server's body limit (8 MiB) however long the notes are.
 */
export const PUSH_MAX_CHARS = 1024 * 1024;

class SyncFailure extends Error {
  constructor(readonly coded: CodedError) {
    super(coded.message);
  }
}

export class SyncEngine {
  private status: SyncStatus = { online: false, pending: 0 };
  private running = false;
  private again = false;
  private stopped = true;
  private timer: unknown = null;
  private attempt = 0;
  private lastPullAt = -Infinity;
  private pullRequested = false;
  private readonly pushBatch: number;
  private readonly pushChars: number;
  private readonly pullLimit: number;
  private readonly pullIntervalMs: number;

  constructor(private readonly o: SyncEngineOptions) {
    // The protocol's ceiling: a backlog drains in a quarter of the round trips and server commits of 500.
    this.pushBatch = o.pushBatch ?? PUSH_MAX_EVENTS;
    this.pushChars = o.pushChars ?? PUSH_MAX_CHARS;
    this.pullLimit = o.pullLimit ?? 500;
    this.pullIntervalMs = o.pullIntervalMs ?? 15_000;
  }

  get current(): SyncStatus {
    return this.status;
  }

  /** Starts the loop with an immediate attempt (push, then pull). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.refreshPending();
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  /** After a local append: publish the new pending count and try at once, even during a backoff wait. */
  notify(): void {
    void this.refreshPending();
    if (!this.stopped) this.kick();
  }

  /** Connectivity is back or IT pressed "sync now": forget the backoff and try at once. */
  retryNow(): void {
    this.attempt = 0;
    if (!this.stopped) this.kick();
  }

  /** The server has newer master data (its notify long poll): pull at once instead of at the next interval. */
  pullNow(): void {
    // A flag, not a reset of lastPullAt: a pull already under way may have read the server before the change.
    this.pullRequested = true;
    this.retryNow();
  }

  /** Runs one attempt now; resolves when it (and any attempt requested meanwhile) finished. Mainly for tests. */
  async runOnce(): Promise<void> {
    await this.cycle();
  }

  private kick(): void {
    this.clearTimer();
    if (this.running) {
      this.again = true;
      return;
    }
    void this.cycle();
  }

  private async cycle(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    let nextDelay: number;
    try {
      do {
        this.again = false;
        nextDelay = await this.attemptOnce();
      } while (this.again && !this.stopped);
    } finally {
      this.running = false;
    }
    if (!this.stopped) this.schedule(nextDelay);
  }

  /** One push + (when due) pull; returns the delay until the next attempt. */
  private async attemptOnce(): Promise<number> {
    try {
      await this.push();
      if (this.pullRequested || this.o.clock().getTime() - this.lastPullAt >= this.pullIntervalMs || (await this.o.cache.checkpoint()) === null) {
        this.pullRequested = false;
        await this.pull();
        this.lastPullAt = this.o.clock().getTime();
      }
      this.attempt = 0;
      const info = await this.o.journal.syncInfo();
      const checkpoint = await this.o.cache.checkpoint();
      const now = this.o.clock().toISOString();
      const { lastError: _previous, ...rest } = this.status;
      this.publish(withPending({ ...rest, online: true, pending: 0, lastSuccessAt: now, lastAttemptAt: now, checkpoint }, info));
      // Events appended during the push are picked up at once; otherwise wait for the next periodic pull.
      const timeToPull = Math.max(0, this.lastPullAt + this.pullIntervalMs - this.o.clock().getTime());
      return info.pending > 0 ? 0 : timeToPull;
    } catch (err) {
      const coded: CodedError = err instanceof SyncFailure ? err.coded : { code: 'internal', message: err instanceof Error ? err.message : String(err) };
      const delay = backoffDelay(this.attempt++, this.o.random ?? Math.random, this.o.backoff ?? DEFAULT_BACKOFF);
      const info = await this.o.journal.syncInfo().catch(() => null);
      const now = this.o.clock().toISOString();
      const failed: SyncStatus = {
        ...this.status,
        online: false,
        lastError: coded,
        lastAttemptAt: now,
        lastErrors: rememberError(this.status.lastErrors, { ...coded, at: now }),
      };
      this.publish(info ? withPending(failed, info) : failed);
      return delay;
    }
  }

  /**
   * Pushes the backlog one batch at a time, with one push in flight; while it
   * travels, the next batch is read and the previous ack's cursor is written,
   * so the journal's reads and durable writes overlap the round trip instead
   * of adding to it. Exactly-once does not lean on the cursor (the server
   * stores each (terminal, seq) once and acks its gap-free run): a cursor
   * lost in a crash only means a resend the server ignores.
   */
  private async push(): Promise<void> {
    const info = await this.o.journal.syncInfo();
    if (info.pending === 0) return;
    let acked = info.ackedSeq;
    let batch = await this.nextBatch(acked);
    let cursorSaved: Promise<void> = Promise.resolve();
    try {
      while (batch.length > 0) {
        const lastSent = batch[batch.length - 1]!.seq;
        const [res, readAhead] = await Promise.all([
          this.o.bridge.call('sync:push', { events: batch }),
          this.nextBatch(lastSent),
          cursorSaved,
        ]);
        if (!res.ok) throw new SyncFailure(res.error);
        const ackSeq = Math.floor(res.value.ackSeq);
        if (ackSeq <= acked) {
          throw new SyncFailure({ code: 'sync-stalled', message: `The server acknowledged seq ${res.value.ackSeq}, below the ${batch[0]?.seq ?? '?'} sent` });
        }
        cursorSaved = this.saveCursor(ackSeq);
        // Usually the ack is exactly what was sent and the read-ahead goes next; below it, resend from the ack;
        // above it (the server kept more, e.g. an earlier answer was lost), go on after the ack.
        batch = ackSeq === lastSent ? readAhead : await this.nextBatch(ackSeq);
        acked = ackSeq;
      }
    } finally {
      // Never leave a cursor write behind the attempt (the status after it reads the cursor).
      await cursorSaved.catch(() => undefined);
    }
    await cursorSaved;
  }

  /** The events after `seq` that fit one push (pushBatch events, pushChars of JSON; at least one). */
  private async nextBatch(seq: number): Promise<EventEnvelope[]> {
    const events = await this.o.journal.eventsAfter(seq, this.pushBatch);
    let chars = 0;
    const over = events.findIndex((e, i) => (chars += JSON.stringify(e).length + 1) > this.pushChars && i > 0);
    return over < 0 ? events : events.slice(0, over);
  }

  /** Moves the journal's cursor to the ack and publishes the pending figures after it. */
  private async saveCursor(ackSeq: number): Promise<void> {
    await this.o.journal.advanceCursor(ackSeq);
    this.publish(withPending(this.status, await this.o.journal.syncInfo()));
  }

  private async pull(): Promise<void> {
    let pulled = false;
    try {
      for (;;) {
        const after = (await this.o.cache.checkpoint()) ?? 0;
        const res = await this.o.bridge.call('sync:pull', { after, limit: this.pullLimit });
        if (!res.ok) throw new SyncFailure(res.error);
        const applied = await this.o.cache.applyPull(res.value);
        if (!applied.ok) throw new SyncFailure(applied.error);
        pulled = true;
        if (!res.value.hasMore) return;
      }
    } finally {
      if (pulled) this.o.onPulled?.();
    }
  }

  private async refreshPending(): Promise<void> {
    try {
      const info = await this.o.journal.syncInfo();
      this.publish(withPending(this.status, info));
    } catch {
      // The next attempt reports the failure.
    }
  }

  private publish(next: SyncStatus): void {
    this.status = next;
    this.o.publish(next);
  }

  private schedule(delay: number): void {
    this.clearTimer();
    this.publish({ ...this.status, nextAttemptAt: new Date(this.o.clock().getTime() + delay).toISOString() });
    this.timer = this.o.timers.setTimeout(() => {
      this.timer = null;
      void this.cycle();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      this.o.timers.clearTimeout(this.timer);
      this.timer = null;
    }
  }
}

/** The status with pending figures replaced by the journal's. */
function withPending(base: SyncStatus, info: SyncInfo): SyncStatus {
  const { oldestPendingAt: _old, ...rest } = base;
  const figures = { ...rest, pending: info.pending, head: info.head, ackedSeq: info.ackedSeq };
  return info.oldestPendingAt ? { ...figures, oldestPendingAt: info.oldestPendingAt } : figures;
}
