import type { Timers } from '../bridge/types';
import { logger } from '../lib/log';

/**
 * Retention: events the server acknowledged (seq ≤ ackedSeq) and
 * older than `maxAgeMs` are deleted in small batches, oldest seq first, so
 * the journal always stays one unbroken run of seqs ending at the head.
 * Unsynced events are never touched: the cursor bounds every batch, and so
 * does the latest journal snapshot: an event no snapshot covers
 * is never pruned, so the folds (production, JIS) survive retention. The
 * runner takes a snapshot at the start of each cycle.
 */

export interface RetentionPolicy {
  /** Synced events older than this are pruned (default 30 days). */
  maxAgeMs: number;
  /** Events deleted per transaction. */
  batch: number;
  /** Pause between runs when nothing (more) is due. */
  intervalMs: number;
  /** Pause between batches while a backlog is being pruned, to leave the database to bookings. */
  busyIntervalMs: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  maxAgeMs: 30 * 24 * 3600_000,
  batch: 500,
  intervalMs: 10 * 60_000,
  busyIntervalMs: 1_000,
};

/**
 * The policy from a partial input (host config gives the age only): missing or
 * invalid values fall back to the defaults, with a warning for invalid ones.
 */
export function retentionPolicy(input: Partial<RetentionPolicy> = {}, warn: (message: string) => void = (m) => logger('retention').warn(m)): RetentionPolicy {
  const policy = { ...DEFAULT_RETENTION };
  for (const key of Object.keys(DEFAULT_RETENTION) as (keyof RetentionPolicy)[]) {
    const value = input[key];
    if (value === undefined) continue;
    const valid = Number.isFinite(value) && value > 0 && (key !== 'batch' || Number.isInteger(value));
    if (valid) policy[key] = value;
    else warn(`[retention] ${key} ${String(value)} is not valid; using ${DEFAULT_RETENTION[key]}`);
  }
  return policy;
}

export interface PrunableRow {
  seq: number;
  occurredAt: string;
}

/**
 * The seqs to delete from `rows` (the journal's first rows in seq order):
 * the leading run that is acknowledged and older than the cutoff. It stops at
 * the first row that is unsynced or young, even if later rows are older (a
 * terminal clock set wrong), so no hole ever opens inside the journal.
 */
export function prunableSeqs(rows: readonly PrunableRow[], ackedSeq: number, now: Date, maxAgeMs: number): number[] {
  const cutoff = now.getTime() - maxAgeMs;
  const out: number[] = [];
  for (const row of rows) {
    if (row.seq > ackedSeq) break;
    const at = Date.parse(row.occurredAt);
    if (!(at < cutoff)) break;
    out.push(row.seq);
  }
  return out;
}

export interface PruneTarget {
  /** Deletes one batch in one transaction; returns how many events it deleted. */
  pruneSynced(now: Date, maxAgeMs: number, batch: number): Promise<number>;
}

/** Folds the journal into a snapshot (SnapshotKeeper.take). */
export interface SnapshotTaker {
  /** Orders completed before `forgetFinishedBefore` (the retention age) are left out of the snapshot. */
  take(options?: { forgetFinishedBefore?: Date }): Promise<unknown>;
}

/**
 * Runs prune batches on a timer: quickly one after another while a batch comes
 * back full, else at the interval. Each cycle (not each batch of a backlog)
 * starts with a snapshot, so what the cycle may prune is covered.
 */
export class RetentionRunner {
  private timer: unknown = null;
  private stopped = true;
  /** The last batch came back full: the next run continues the cycle, no new snapshot. */
  private backlog = false;
  private readonly policy: RetentionPolicy;
  /** Events deleted since start (status screen, tests). */
  pruned = 0;

  constructor(
    private readonly target: PruneTarget,
    private readonly clock: () => Date,
    private readonly timers: Timers,
    policy: Partial<RetentionPolicy> = DEFAULT_RETENTION,
    private readonly snapshots: SnapshotTaker | null = null,
  ) {
    this.policy = retentionPolicy(policy);
  }

  start(firstDelayMs = 30_000): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(firstDelayMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** One batch now; returns the number deleted. */
  async runOnce(): Promise<number> {
    if (!this.backlog && this.snapshots) {
      // A failed snapshot only means less may be pruned (the journal bounds by the last good one).
      const forgetFinishedBefore = new Date(this.clock().getTime() - this.policy.maxAgeMs);
      await this.snapshots.take({ forgetFinishedBefore }).catch((err: unknown) => logger('retention').warn('snapshot failed', err));
    }
    const deleted = await this.target.pruneSynced(this.clock(), this.policy.maxAgeMs, this.policy.batch);
    this.backlog = deleted >= this.policy.batch;
    this.pruned += deleted;
    return deleted;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.runOnce()
        .catch(() => 0)
        .then((deleted) => this.schedule(deleted >= this.policy.batch ? this.policy.busyIntervalMs : this.policy.intervalMs));
    }, ms);
  }
}
