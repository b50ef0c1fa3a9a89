import Dexie, { type Table } from 'dexie';
import { validatePayload, type EventEnvelope, type NewEvent } from '../../shared/events';
import type { CodedError, Result } from '../../shared/errors';
import { newId as defaultNewId } from '../../shared/ids';
import { SNAPSHOT_VERSION, type JournalSnapshot } from '../../shared/journal-snapshot';
import { readableSnapshotVersions, readSnapshot } from '../../shared/journal-snapshot-upgrade';
import type { TerminalState } from '../../shared/terminal-state';
import { writeFailure, type AppendAlso, type AppendContext, type AppendResult, type PendingAppend } from './envelopes';
import { commitGroup, META, readNumber, readState, type HeadCache } from './journal-commit';
import { JournalPrintJobStore, type PrintJobStore } from './print-jobs';
import { GroupCommitter } from './group-commit';
import type { JournalCopyClient } from './journal-copy-client';
import { prunableSeqs } from './retention';
import type { MetaRow } from './meta';
import { applyVersions, journalDbName, JOURNAL_VERSIONS } from './schema';
import { logger } from '../lib/log';

/**
 * The terminal's journal (DESIGN §4): every fact the operator creates, in
 * one Dexie database opened with strict durability, so a transaction counts
 * as committed only once it is on disk. An event, its gap-free `seq`, the
 * next seq counter and the folded TerminalState are written in one
 * transaction; append resolves after that transaction committed.
 *
 * Sync keeps one cursor (`ackedSeq`), never a flag per event, and the pending
 * count comes from counters, never from `count()`.
 *
 * Snapshots of the folds (shared/journal-snapshot.ts) live here too, so that
 * retention can check "covered by a snapshot" in the same transaction as it
 * deletes: no event above the latest readable snapshot's seq is ever pruned.
 */

export { buildEnvelopes, writeFailure, type AppendAlso, type AppendContext, type AppendResult } from './envelopes';

export interface SyncInfo {
  head: number;
  ackedSeq: number;
  pending: number;
  oldestPendingAt?: string;
}


export class Journal {
  private readonly events: Table<EventEnvelope, number>;
  private readonly meta: Table<MetaRow, string>;
  private readonly snapshots: Table<Record<string, unknown>, number>;

  private guard: (() => CodedError | null) | null = null;
  private copy: JournalCopyClient | null = null;
  private copyRefusal: CodedError | null = null;
  private readonly committer: GroupCommitter<PendingAppend, Result<AppendResult>>;
  /** The head this connection's last commit left (journal-commit.ts): the next group is built without reading it first. */
  private readonly headCache: HeadCache = { value: null };

  private constructor(
    private readonly db: Dexie,
    readonly terminalId: string,
  ) {
    this.events = db.table('events');
    this.meta = db.table('meta');
    this.snapshots = db.table('snapshots');
    this.committer = new GroupCommitter({
      commit: (items) => commitGroup({ db, events: this.events, meta: this.meta, printJobs: db.table('printJobs') }, terminalId, this.copy, items, this.headCache),
      onGroupError: (err) => ({ ok: false, error: writeFailure(err) }),
    });
  }

  static async open(terminalId: string): Promise<Journal> {
    const db = new Dexie(journalDbName(terminalId), { chromeTransactionDurability: 'strict' });
    applyVersions(db, JOURNAL_VERSIONS);
    await db.open();
    return new Journal(db, terminalId);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Appends events as one unit: all get gap-free seqs, or none is written.
   * Appends that arrive while another is committing share the next
   * transaction (group commit); each resolves after its own commit.
   */
  async append(newEvents: readonly NewEvent[], ctx: AppendContext, also: AppendAlso = {}): Promise<Result<AppendResult>> {
    if (newEvents.length === 0) return { ok: false, error: { code: 'invalid-event', message: 'Nothing to append' } };
    for (const e of newEvents) {
      const check = validatePayload(e.type, e.payload);
      if (!check.ok) return { ok: false, error: { code: 'invalid-event', message: `${e.type}: ${check.message}` } };
    }
    const refused = this.copyRefusal ?? this.guard?.();
    if (refused) return { ok: false, error: refused };
    // The operator acted now: the time is taken at the call, not when the group commits.
    return this.committer.submit({
      events: newEvents,
      occurredAt: ctx.clock().toISOString(),
      makeId: ctx.newId ?? defaultNewId,
      ...(also.printJobs ? { printJobs: also.printJobs } : {}),
    });
  }

  /** A check run before every append (the space guard); a coded error refuses the append before anything is written. */
  setAppendGuard(guard: (() => CodedError | null) | null): void {
    this.guard = guard;
  }

  /** Sizes of the append groups committed so far (diagnostics, tests). */
  get groupSizes(): readonly number[] {
    return this.committer.groupSizes;
  }

  /** The host's copy every append also goes to (null: IndexedDB only, as in unit tests of this module). */
  setCopy(copy: JournalCopyClient | null): void {
    this.copy = copy;
  }

  /** Refuses every append with this error until cleared (the host's copy is unreadable or unreachable). */
  setCopyRefusal(error: CodedError | null): void {
    this.copyRefusal = error;
  }

  /** The folded state as of the last committed append. */
  loadState(): Promise<TerminalState> {
    return readState(this.meta);
  }

  /**
   * The print jobs of this journal (DESIGN §7): the same database and
   * connection, so a job's `done` and its LabelPrinted commit together.
   */
  printJobStore(): PrintJobStore {
    return new JournalPrintJobStore(this.db.table('printJobs'), {
      copy: () => this.copy,
      append: (events, ctx, also) => this.append(events, ctx, also),
    });
  }

  /** Highest seq written (0 when empty). */
  async head(): Promise<number> {
    return (await this.readNumber(META.nextSeq, 1)) - 1;
  }

  async ackedSeq(): Promise<number> {
    return this.readNumber(META.ackedSeq, 0);
  }

  async pendingCount(): Promise<number> {
    return (await this.syncInfo()).pending;
  }

  async syncInfo(): Promise<SyncInfo> {
    return this.db.transaction('r', this.events, this.meta, async () => {
      const head = (await this.readNumber(META.nextSeq, 1)) - 1;
      const ackedSeq = await this.readNumber(META.ackedSeq, 0);
      const pending = Math.max(0, head - ackedSeq);
      if (pending === 0) return { head, ackedSeq, pending };
      const oldest = await this.events.get(ackedSeq + 1);
      return oldest ? { head, ackedSeq, pending, oldestPendingAt: oldest.occurredAt } : { head, ackedSeq, pending };
    });
  }

  /** Events with seq > `seq`, in seq order. */
  async eventsAfter(seq: number, limit: number): Promise<EventEnvelope[]> {
    return this.events.where('seq').above(seq).limit(limit).toArray();
  }

  /** Moves the sync cursor forward to `ackSeq`, never back and never past the head; returns the cursor. */
  async advanceCursor(ackSeq: number): Promise<number> {
    return this.db.transaction('rw', this.meta, async () => {
      const current = await this.readNumber(META.ackedSeq, 0);
      const head = (await this.readNumber(META.nextSeq, 1)) - 1;
      const next = Math.min(head, Math.max(current, Math.floor(ackSeq)));
      if (next !== current) await this.meta.put({ key: META.ackedSeq, value: next });
      return next;
    });
  }

  /**
   * Retention: deletes up to `batch` of the oldest events that are both
   * acknowledged (seq ≤ ackedSeq) and older than `maxAgeMs`, in one
   * transaction. Unsynced events are never deleted. Returns how many went.
   */
  async pruneSynced(now: Date, maxAgeMs: number, batch: number): Promise<number> {
    return this.db.transaction('rw', this.events, this.meta, this.snapshots, async () => {
      // Only what a readable snapshot covers may go: without one, nothing is pruned.
      const bound = Math.min(await this.readNumber(META.ackedSeq, 0), await this.snapshotSeq());
      const rows = await this.events.where('seq').belowOrEqual(bound).limit(batch).toArray();
      const seqs = prunableSeqs(rows, bound, now, maxAgeMs);
      if (seqs.length > 0) await this.events.bulkDelete(seqs);
      return seqs;
    }).then(async (seqs) => {
      // The host's copy follows (it bounds by its own cursor and snapshot); a failure only means it keeps more.
      const last = seqs[seqs.length - 1];
      if (last !== undefined) await this.mirrorQuietly({ pruneThrough: last });
      return seqs.length;
    });
  }

  private async mirrorQuietly(request: Parameters<JournalCopyClient['mirror']>[0]): Promise<void> {
    const res = await this.copy?.mirror(request).catch((err: unknown) => ({ ok: false as const, error: { code: 'journal-copy-failed', message: String(err) } }));
    if (res && !res.ok) logger('journal').warn(`host copy not updated (${Object.keys(request).join(', ')}): ${res.error.code}: ${res.error.message}`);
  }

  /**
   * The seq the latest snapshot of the current version covers; 0 when there is none. Reads keys only.
   * One of an older version does not count until it is upgraded and stored again: an order opening
   * then leaves reading and upgrading it to the sync worker, and retention prunes by it only then.
   */
  async snapshotSeq(): Promise<number> {
    const seqs = await this.snapshots.where('version').equals(SNAPSHOT_VERSION).primaryKeys();
    return seqs.reduce((max, seq) => Math.max(max, seq), 0);
  }

  /** The latest snapshot this code can read, upgraded from an older version if need be, or null (none yet, or none it can read). */
  async latestSnapshot(): Promise<JournalSnapshot | null> {
    const seqs = (await this.snapshots.where('version').anyOf(readableSnapshotVersions()).primaryKeys()).sort((a, b) => b - a);
    for (const seq of seqs) {
      const snapshot = readSnapshot(await this.snapshots.get(seq));
      if (snapshot) return snapshot;
    }
    return null;
  }

  /** Stores a snapshot and drops the older ones, in one transaction; never one beyond the head. */
  async saveSnapshot(snapshot: JournalSnapshot, options: { toHostCopy?: boolean } = {}): Promise<void> {
    // The head is read on its own: a write transaction that also held `meta` would stall every booking behind
    // the put of a snapshot of many megabytes (seconds at a million events). The head only ever grows while the
    // journal is open (a restore replaces it before the UI opens), so a snapshot at or below it stays valid.
    const head = (await this.readNumber(META.nextSeq, 1)) - 1;
    if (snapshot.seq > head) throw new Error(`A snapshot at seq ${snapshot.seq} is beyond the journal's head ${head}`);
    await this.db.transaction('rw', this.snapshots, async () => {
      await this.snapshots.put(snapshot as unknown as Record<string, unknown>);
      await this.snapshots.where('seq').below(snapshot.seq).delete();
    });
    if (options.toHostCopy === false) return;
    await this.mirrorQuietly({ snapshot: snapshot as unknown as { seq: number; version: number } });
  }

  /** The lowest seq still in the journal (head + 1 when empty): retention moves it up. */
  async firstSeq(): Promise<number> {
    const first = await this.events.orderBy('seq').first();
    return first?.seq ?? (await this.head()) + 1;
  }

  private readNumber(key: string, fallback: number): Promise<number> {
    return readNumber(this.meta, key, fallback);
  }
}
