import type { EventEnvelope } from '../../shared/events';
import { advanceSnapshot, emptySnapshot, forgetFinishedBefore, type JournalSnapshot } from '../../shared/journal-snapshot';
import type { JisSequence } from '../../shared/master-data';
import { logger } from '../lib/log';

/**
 * Takes journal snapshots (shared/journal-snapshot.ts): the latest readable
 * snapshot plus the events after it, folded and stored. The retention runner
 * takes one before each pruning cycle, so every event it may delete is
 * already in a snapshot; restores then fold only the events after it.
 */

export interface SnapshotStore {
  eventsAfter(seq: number, limit: number): Promise<EventEnvelope[]>;
  latestSnapshot(): Promise<JournalSnapshot | null>;
  saveSnapshot(snapshot: JournalSnapshot, options?: { toHostCopy?: boolean }): Promise<void>;
  /** The seq the latest readable snapshot covers, from keys only: saves loading it when nothing is new. */
  snapshotSeq(): Promise<number>;
}

export interface SnapshotKeeperOptions {
  store: SnapshotStore;
  /** The cached call-offs (a JIS state starts from its call-off). */
  callOffs: () => Promise<readonly JisSequence[]>;
  clock: () => Date;
  /** Events read per page. */
  page?: number;
  warn?: (message: string) => void;
}

export class SnapshotKeeper {
  constructor(private readonly options: SnapshotKeeperOptions) {}

  /**
   * Folds the events since the latest snapshot into a new one; returns the seq
   * now covered (unchanged when nothing is new). With `forgetFinishedBefore`,
   * orders completed before then are left out (retention's age). With
   * `toHostCopy: false` the host's journal copy is not sent the snapshot: an
   * order opening asks for one, and carrying megabytes through the UI thread
   * to the host would block it; the host copy only keeps more events until
   * retention's next snapshot (taken before it prunes) reaches it.
   */
  async take(options: { forgetFinishedBefore?: Date; toHostCopy?: boolean } = {}): Promise<number> {
    const taken = await this.fold(options);
    return typeof taken === 'number' ? taken : taken.seq;
  }

  /**
   * As `take`, but the snapshot itself (the stored one when nothing is new; null when there is none).
   * `beforeSave` gets a new snapshot before it is stored: an opening order need not wait for
   * megabytes to be written.
   */
  async takeLatest(options: { toHostCopy?: boolean; beforeSave?: (snapshot: JournalSnapshot) => void } = {}): Promise<JournalSnapshot | null> {
    const taken = await this.fold(options);
    return typeof taken === 'number' ? this.options.store.latestSnapshot() : taken;
  }

  /** The new snapshot, or the seq covered when none was taken. */
  private async fold(options: { forgetFinishedBefore?: Date; toHostCopy?: boolean; beforeSave?: (snapshot: JournalSnapshot) => void }): Promise<number | JournalSnapshot> {
    const { store, clock } = this.options;
    const page = this.options.page ?? 5000;
    const takenAt = clock().toISOString();
    const covered = await store.snapshotSeq();
    // Nothing new since the latest snapshot: do not even load it (it can be megabytes).
    if (covered > 0 && (await store.eventsAfter(covered, 1)).length === 0) return covered;
    const latest = await store.latestSnapshot();
    let snapshot = latest ?? emptySnapshot(takenAt);
    let events = await store.eventsAfter(snapshot.seq, page);
    if (events.length === 0) {
      // Read from an older version (upgraded, so not counted in `covered`): stored again as the current one,
      // so the next open reads it as it is and retention may prune by it.
      if (latest && latest.seq > covered) {
        options.beforeSave?.(latest);
        await store.saveSnapshot(latest, { toHostCopy: options.toHostCopy ?? true });
      }
      return latest ?? 0;
    }
    const firstSeq = events[0]?.seq ?? 1;
    if (!latest && firstSeq > 1) {
      // Events were pruned under a snapshot this code cannot read: fold what is left rather than nothing.
      (this.options.warn ?? ((m: string) => logger('snapshot').warn(m)))(`no readable snapshot and the journal starts at seq ${firstSeq}; folding what is left`);
      snapshot = { ...snapshot, foldedFrom: firstSeq };
    }
    const callOffs = new Map((await this.options.callOffs()).map((s) => [s.id, s]));
    const callOff = (id: string) => callOffs.get(id);
    for (;;) {
      // The next page is asked for before this one is folded: IndexedDB reads it meanwhile
      // (reading, not folding, is most of a cold fold's time).
      const next = events.length === page ? store.eventsAfter(events[events.length - 1]?.seq ?? snapshot.seq, page) : null;
      snapshot = advanceSnapshot(snapshot, events, callOff, takenAt);
      if (!next) break;
      events = await next;
      if (events.length === 0) break;
    }
    if (options.forgetFinishedBefore) snapshot = forgetFinishedBefore(snapshot, options.forgetFinishedBefore);
    options.beforeSave?.(snapshot);
    await store.saveSnapshot(snapshot, { toHostCopy: options.toHostCopy ?? true });
    return snapshot;
  }
}

/** The cache's JIS call-offs (Cache.all). */
export interface CallOffCache {
  all(kind: 'jis-sequence'): Promise<JisSequence[]>;
}

/** A keeper over the journal and the cache the sync runner was given. */
export function snapshotKeeperFor(journal: SnapshotStore, cache: CallOffCache, clock: () => Date): SnapshotKeeper {
  return new SnapshotKeeper({ store: journal, callOffs: () => cache.all('jis-sequence'), clock });
}
