import type { EventEnvelope } from '../../shared/events';
import { printedJobsOf, restoreProduction, type JournalSnapshot } from '../../shared/journal-snapshot';
import { foldProductionEvents, type ProductionState } from '../../shared/production';

/**
 * Reading the journal back into state: the latest snapshot, then the events
 * after it page by page (retention may have pruned the ones before the
 * snapshot). The order screen, the order list's progress, the local trace and
 * the JIS screen all restore through here.
 */

/** The journal as the loaders read it; the real Journal is one. */
export interface JournalReader {
  eventsAfter(seq: number, limit: number): Promise<EventEnvelope[]>;
  /** The latest journal snapshot, or null before the sync worker wrote one. */
  latestSnapshot(): Promise<JournalSnapshot | null>;
  /** The seq the latest snapshot covers (0 without one), cheaper than reading the snapshot. */
  snapshotSeq(): Promise<number>;
}

/** Journal events read per page when the production state is folded. */
export const FOLD_PAGE = 5000;

/** Every event after `seq`, read in pages of `pageSize`. */
export async function readEventsAfter(journal: Pick<JournalReader, 'eventsAfter'>, seq: number, pageSize: number): Promise<EventEnvelope[]> {
  const out: EventEnvelope[] = [];
  for (;;) {
    const page = await journal.eventsAfter(out.at(-1)?.seq ?? seq, pageSize);
    out.push(...page);
    if (page.length < pageSize) return out;
  }
}

/** The latest snapshot and the events after it. */
export async function snapshotAndEventsAfter(journal: JournalReader, pageSize: number): Promise<{ snapshot: JournalSnapshot | null; events: EventEnvelope[] }> {
  const snapshot = await journal.latestSnapshot();
  return { snapshot, events: await readEventsAfter(journal, snapshot?.seq ?? 0, pageSize) };
}

/** A snapshot's production part, as the sync worker hands it over: the fold starts from it instead of reading the snapshot here. */
export interface FoldedProduction {
  /** The journal seq the snapshot covers. */
  seq: number;
  production: ProductionState;
  printedJobs: Readonly<Record<string, string>>;
}

/** A snapshot the sync worker took: the seq it covers and, when it had one, its production part. */
export interface TakenSnapshot {
  seq: number;
  folded?: FoldedProduction;
}

export interface FoldOptions {
  /** Called between full pages (the background fold lets scans and bookings keep the UI thread). */
  betweenPages?: () => Promise<void>;
  /** The seq the live state has reached; a booking committed while the pages were read is read past. */
  liveSeq: () => number;
  /** Start from this instead of the latest stored snapshot. */
  from?: FoldedProduction | undefined;
}

/** The production state and the printed label jobs, folded from the snapshot and the journal after it. */
export async function foldProductionFromJournal(
  journal: JournalReader,
  options: FoldOptions,
): Promise<{ production: ProductionState; printedJobs: Readonly<Record<string, string>> }> {
  const snapshot = options.from ?? (await journal.latestSnapshot());
  let { production, printedJobs } = options.from ?? restoreProduction(snapshot as JournalSnapshot | null, []);
  let after = snapshot?.seq ?? 0;
  for (;;) {
    const page = await journal.eventsAfter(after, FOLD_PAGE);
    if (page.length === 0) break;
    production = foldProductionEvents(page, production); // copies each map once per page, not per event
    printedJobs = printedJobsOf(printedJobs, page);
    after = page[page.length - 1]?.seq ?? after;
    if (page.length === FOLD_PAGE) {
      if (options.betweenPages) await options.betweenPages();
      continue;
    }
    // A booking committed while the pages were read was applied to the state this fold replaces: read on past it.
    if (options.liveSeq() <= after) break;
  }
  return { production, printedJobs };
}
