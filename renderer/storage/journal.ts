import Dexie, { type Table } from 'dexie';
import { EventEnvelope, SCHEMA_VERSION, validatePayload, type NewEvent } from '../../shared/events';
import type { CodedError, Result } from '../../shared/errors';
import { newId as defaultNewId } from '../../shared/ids';
import { readSnapshot, SNAPSHOT_VERSION, type JournalSnapshot } from '../../shared/journal-snapshot';
import { applyEvent, initialTerminalState, type TerminalState } from '../../shared/terminal-state';
import { GroupCommitter } from './group-commit';
import { prunableSeqs } from './retention';
import type { MetaRow } from './meta';
import { applyVersions, journalDbName, JOURNAL_VERSIONS } from './schema';

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

export interface AppendContext {
  /** The terminal clock; `occurredAt` is its ISO string. */
  clock: () => Date;
  newId?: () => string;
}

export interface AppendResult {
  events: EventEnvelope[];
  state: TerminalState;
}

export interface SyncInfo {
  head: number;
  ackedSeq: number;
  pending: number;
  oldestPendingAt?: string;
}

interface PendingAppend {
  events: readonly NewEvent[];
  occurredAt: string;
  makeId: () => string;
}

/** Envelopes for one caller's events from `seq` on, and the state folded over them; pure. */
export function buildEnvelopes(item: PendingAppend, terminalId: string, firstSeq: number, before: TerminalState): Result<AppendResult> {
  let state = before;
  let seq = firstSeq;
  const events: EventEnvelope[] = [];
  for (const e of item.events) {
    const parsed = EventEnvelope.safeParse({
      id: item.makeId(),
      terminalId,
      seq,
      type: e.type,
      occurredAt: item.occurredAt,
      ...(e.operatorId ? { operatorId: e.operatorId } : {}),
      ...(e.orderId ? { orderId: e.orderId } : {}),
      payload: e.payload,
      schemaVersion: SCHEMA_VERSION,
    });
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid-event', message: `${e.type}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` } };
    }
    events.push(parsed.data);
    state = applyEvent(state, parsed.data);
    seq += 1;
  }
  return { ok: true, value: { events, state } };
}

/** A failed write: a full disk or quota is `storage-low`, anything else `journal-write-failed`. */
export function writeFailure(err: unknown): CodedError {
  const name = (err as { name?: unknown; inner?: { name?: unknown } } | null)?.name;
  const inner = (err as { inner?: { name?: unknown } } | null)?.inner?.name;
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return { code: 'storage-low', message: `The terminal's storage is full; nothing was booked (${message})` };
  }
  return { code: 'journal-write-failed', message };
}

const META = { nextSeq: 'nextSeq', ackedSeq: 'ackedSeq', state: 'state' } as const;

export class Journal {
  private readonly events: Table<EventEnvelope, number>;
  private readonly meta: Table<MetaRow, string>;
  private readonly snapshots: Table<Record<string, unknown>, number>;

  private guard: (() => CodedError | null) | null = null;
  private readonly committer: GroupCommitter<PendingAppend, Result<AppendResult>>;

  private constructor(
    private readonly db: Dexie,
    readonly terminalId: string,
  ) {
    this.events = db.table('events');
    this.meta = db.table('meta');
    this.snapshots = db.table('snapshots');
    this.committer = new GroupCommitter({
      commit: (items) => this.commitGroup(items),
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
  async append(newEvents: readonly NewEvent[], ctx: AppendContext): Promise<Result<AppendResult>> {
    if (newEvents.length === 0) return { ok: false, error: { code: 'invalid-event', message: 'Nothing to append' } };
    for (const e of newEvents) {
      const check = validatePayload(e.type, e.payload);
      if (!check.ok) return { ok: false, error: { code: 'invalid-event', message: `${e.type}: ${check.message}` } };
    }
    const refused = this.guard?.();
    if (refused) return { ok: false, error: refused };
    // The operator acted now: the time is taken at the call, not when the group commits.
    return this.committer.submit({ events: newEvents, occurredAt: ctx.clock().toISOString(), makeId: ctx.newId ?? defaultNewId });
  }

  /** A check run before every append (the space guard); a coded error refuses the append before anything is written. */
  setAppendGuard(guard: (() => CodedError | null) | null): void {
    this.guard = guard;
  }

  /** Sizes of the append groups committed so far (diagnostics, tests). */
  get groupSizes(): readonly number[] {
    return this.committer.groupSizes;
  }

  private async commitGroup(items: readonly PendingAppend[]): Promise<Result<AppendResult>[]> {
    return this.db.transaction('rw', this.events, this.meta, async () => {
      let seq = await this.readNumber(META.nextSeq, 1);
      let state = await this.loadState();
      const written: EventEnvelope[] = [];
      const outcomes: Result<AppendResult>[] = [];
      for (const item of items) {
        const built = buildEnvelopes(item, this.terminalId, seq, state);
        if (!built.ok) {
          outcomes.push(built);
          continue; // this caller's events are refused; the others of the group still commit
        }
        for (const e of built.value.events) written.push(e);
        seq += built.value.events.length;
        state = built.value.state;
        outcomes.push(built);
      }
      if (written.length > 0) {
        await this.events.bulkAdd(written);
        await this.meta.bulkPut([
          { key: META.nextSeq, value: seq },
          { key: META.state, value: state },
        ]);
      }
      return outcomes;
    });
  }

  /** The folded state as of the last committed append. */
  async loadState(): Promise<TerminalState> {
    const row = await this.meta.get(META.state);
    return (row?.value as TerminalState | undefined) ?? initialTerminalState;
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
      return seqs.length;
    });
  }

  /** The seq the latest snapshot of a known version covers; 0 when there is none. Reads keys only. */
  async snapshotSeq(): Promise<number> {
    const seqs = await this.snapshots.where('version').equals(SNAPSHOT_VERSION).primaryKeys();
    return seqs.reduce((max, seq) => Math.max(max, seq), 0);
  }

  /** The latest snapshot this code can read, or null (none yet, or only ones of an unknown version). */
  async latestSnapshot(): Promise<JournalSnapshot | null> {
    const seqs = (await this.snapshots.where('version').equals(SNAPSHOT_VERSION).primaryKeys()).sort((a, b) => b - a);
    for (const seq of seqs) {
      const snapshot = readSnapshot(await this.snapshots.get(seq));
      if (snapshot) return snapshot;
    }
    return null;
  }

  /** Stores a snapshot and drops the older ones, in one transaction; never one beyond the head. */
  async saveSnapshot(snapshot: JournalSnapshot): Promise<void> {
    await this.db.transaction('rw', this.snapshots, this.meta, async () => {
      const head = (await this.readNumber(META.nextSeq, 1)) - 1;
      if (snapshot.seq > head) throw new Error(`A snapshot at seq ${snapshot.seq} is beyond the journal's head ${head}`);
      await this.snapshots.put(snapshot as unknown as Record<string, unknown>);
      await this.snapshots.where('seq').below(snapshot.seq).delete();
    });
  }

  /** The lowest seq still in the journal (head + 1 when empty): retention moves it up. */
  async firstSeq(): Promise<number> {
    const first = await this.events.orderBy('seq').first();
    return first?.seq ?? (await this.head()) + 1;
  }

  private async readNumber(key: string, fallback: number): Promise<number> {
    const row = await this.meta.get(key);
    return typeof row?.value === 'number' ? row.value : fallback;
  }
}
