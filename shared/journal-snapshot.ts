import type { EventEnvelope } from './events';
import { createJisState, DEFAULT_JIS_CONFIG, findPosition, foldJisEvents, jisSequenceOf, type JisConfig, type JisState } from './jis';
import type { JisSequence } from './master-data';
import { foldProductionEvents, initialProductionState, type ProductionState } from './production';

/**
 * A journal snapshot: the terminal's folds as of one seq,
 * so that retention can delete old events without the folds forgetting them.
 * Restore = snapshot + the events after its seq; this equals folding the
 * whole journal (property-tested). Plain JSON, versioned: an older
 * version is upgraded when it is read (shared/journal-snapshot-upgrade.ts), so
 * an update does not send the terminal back to folding its whole journal; a
 * version with no upgrade path is not read at all (full fold from what is
 * left; retention waits for a snapshot it knows).
 *
 * JIS states need their call-off to start from. A sequence whose call-off is
 * not cached when the snapshot is taken keeps its events verbatim
 * (`unfoldedJis`) until it is; a sequence's events are never dropped.
 */

/** 2: `foldedFrom` (version 1 had no such field). */
export const SNAPSHOT_VERSION = 2;

export interface JournalSnapshot {
  readonly version: typeof SNAPSHOT_VERSION;
  /** Covers every event with seq ≤ this. */
  readonly seq: number;
  readonly takenAt: string;
  /**
   * The first seq the folds saw: 1 when they hold the terminal's whole
   * history, higher when they were started from a journal already pruned
   * under a snapshot this code could not read (the local history is partial;
   * the server's record is not).
   */
  readonly foldedFrom: number;
  readonly production: ProductionState;
  /** Container (or rack) → print job of its label, from LabelPrinted: a reprint names it. */
  readonly printedJobs: Readonly<Record<string, string>>;
  /** Per JIS sequence, its state folded from its call-off (as cached when first snapshotted) and its events. */
  readonly jis: Readonly<Record<string, JisState>>;
  /** JIS events of sequences whose call-off was unknown when the snapshot was taken, in seq order. */
  readonly unfoldedJis: readonly EventEnvelope[];
}

export function emptySnapshot(takenAt: string): JournalSnapshot {
  return { version: SNAPSHOT_VERSION, seq: 0, takenAt, foldedFrom: 1, production: initialProductionState, printedJobs: {}, jis: {}, unfoldedJis: [] };
}

/** Container → job id of its label, from LabelPrinted events. */
export function printedJobsOf(jobs: Readonly<Record<string, string>>, events: readonly EventEnvelope[]): Readonly<Record<string, string>> {
  // One copy per call, changed in place: a copy per event would make a long journal quadratic
  // (20 k labels in 1 M events took minutes to fold).
  let next: Record<string, string> | null = null;
  for (const e of events) {
    const containerId = e.payload['containerId'];
    const jobId = e.payload['jobId'];
    if (e.type !== 'LabelPrinted' || typeof containerId !== 'string' || typeof jobId !== 'string') continue;
    next ??= { ...jobs };
    next[containerId] = jobId;
  }
  return next ?? jobs;
}

/** Folds `events` (seq order; those at or below the snapshot's seq are ignored) into a new snapshot. Pure. */
export function advanceSnapshot(
  base: JournalSnapshot,
  events: readonly EventEnvelope[],
  callOff: (sequenceId: string) => JisSequence | undefined,
  takenAt: string,
): JournalSnapshot {
  const fresh = events.filter((e) => e.seq > base.seq);
  const bySequence = new Map<string, EventEnvelope[]>();
  for (const e of [...base.unfoldedJis, ...fresh]) {
    const id = jisSequenceOf(e);
    if (id === undefined) continue;
    const list = bySequence.get(id) ?? [];
    list.push(e);
    bySequence.set(id, list);
  }
  const jis: Record<string, JisState> = { ...base.jis };
  const unfoldedJis: EventEnvelope[] = [];
  for (const [id, list] of bySequence) {
    const known = jis[id];
    // Base's unfolded events belong to sequences without a state, so a known state only takes the fresh ones.
    if (known) {
      jis[id] = foldJisEvents(known, list.filter((e) => e.seq > base.seq));
      continue;
    }
    const row = callOff(id);
    if (row) jis[id] = foldJisEvents(createJisState(row), list);
    else unfoldedJis.push(...list);
  }
  unfoldedJis.sort((a, b) => a.seq - b.seq);
  return {
    version: SNAPSHOT_VERSION,
    seq: Math.max(base.seq, fresh.at(-1)?.seq ?? base.seq),
    takenAt,
    foldedFrom: base.foldedFrom,
    production: foldProductionEvents(fresh, base.production),
    printedJobs: printedJobsOf(base.printedJobs, fresh),
    jis,
    unfoldedJis,
  };
}

/**
 * The snapshot without the orders completed before `cutoff`: their containers,
 * scrap bookings and label jobs go with them. Retention deletes the events of
 * such orders after the same age, so keeping them in every snapshot would only
 * grow it without end (1 M events of finished orders fold to ~18 MB). Scrap
 * reason counts stay: they order the picker. Open, paused and released orders
 * are kept however old. Pure; unchanged snapshot when nothing is that old.
 */
export function forgetFinishedBefore(snapshot: JournalSnapshot, cutoff: Date): JournalSnapshot {
  const limit = cutoff.getTime();
  const { orders, containers, scrap } = snapshot.production;
  const gone = new Set(
    Object.values(orders)
      .filter((o) => o.status === 'completed' && o.completedAt !== null && Date.parse(o.completedAt) < limit)
      .map((o) => o.orderId),
  );
  if (gone.size === 0) return snapshot;
  const keep = <T>(record: Readonly<Record<string, T>>, stays: (value: T, key: string) => boolean) =>
    Object.fromEntries(Object.entries(record).filter(([key, value]) => stays(value, key)));
  const goneContainers = new Set(Object.values(containers).filter((c) => c.orderId !== null && gone.has(c.orderId)).map((c) => c.containerId));
  return {
    ...snapshot,
    production: {
      ...snapshot.production,
      orders: keep(orders, (o) => !gone.has(o.orderId)),
      containers: keep(containers, (c) => !goneContainers.has(c.containerId)),
      scrap: keep(scrap, (b) => !gone.has(b.orderId)),
    },
    printedJobs: keep(snapshot.printedJobs, (_job, containerId) => !goneContainers.has(containerId)),
  };
}

/** The events a restore still has to fold: those after the snapshot. */
const after = (snapshot: JournalSnapshot | null, events: readonly EventEnvelope[]) => (snapshot ? events.filter((e) => e.seq > snapshot.seq) : events);

/** Production state and printed jobs: the snapshot's, then the events after it. */
export function restoreProduction(
  snapshot: JournalSnapshot | null,
  events: readonly EventEnvelope[],
): { production: ProductionState; printedJobs: Readonly<Record<string, string>> } {
  const rest = after(snapshot, events);
  return {
    production: foldProductionEvents(rest, snapshot?.production ?? initialProductionState),
    printedJobs: printedJobsOf(snapshot?.printedJobs ?? {}, rest),
  };
}

/** One sequence's JIS state: the snapshot's (or its call-off plus its kept events), then its events after the snapshot. */
export function restoreJis(snapshot: JournalSnapshot | null, sequence: JisSequence, events: readonly EventEnvelope[], config: Partial<JisConfig> = {}): JisState {
  const own = (e: EventEnvelope) => jisSequenceOf(e) === sequence.id;
  const saved = snapshot?.jis[sequence.id];
  const base = saved ?? foldJisEvents(createJisState(sequence), (snapshot?.unfoldedJis ?? []).filter(own));
  const state = foldJisEvents(base, after(snapshot, events).filter(own));
  // A stored state has no index memo yet: build it now, not on the operator's first scan.
  findPosition(state, -1);
  // Configuration is the line's today, not the one at snapshot time; the fold never reads it.
  return { ...state, config: { ...DEFAULT_JIS_CONFIG, ...config } };
}
