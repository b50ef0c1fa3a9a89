import { foldProductionFromJournal, type FoldedProduction } from '../storage/production-loader';
import type { StoreDeps } from './deps';
import type { AppState } from './types';
import type { WorkflowState } from './workflow-state';

/** Events after the snapshot a fold on the UI thread takes on; more is first folded into a snapshot by the sync worker. */
const UI_FOLD_LIMIT = 50_000;

/**
 * Reading the production state back from the journal, for the order list
 * (in the background, at boot) and for an order that opens. Far behind the
 * latest snapshot (right after an update) the sync worker folds the history
 * into a fresh snapshot (deps.takeSnapshot), so this thread reads only that
 * snapshot and the events after it, pausing between pages.
 */
export interface ProductionLoading {
  /** The order list's fold, once; bookings keep it current. */
  loadProduction(): Promise<void>;
  /** The open order's fold (the caller keeps the screen busy meanwhile). */
  foldForOpenOrder(): Promise<void>;
}

export function createProductionLoading(deps: StoreDeps, get: () => AppState, wf: () => WorkflowState, patch: (p: Partial<WorkflowState>) => void): ProductionLoading {
  /** The whole journal has been folded once (at boot or when an order opened); bookings keep it current. */
  let loaded = false;
  /** The order list's background fold, while it runs. */
  let loading: Promise<void> | null = null;

  /** In the background (`gently`), the fold pauses between pages so scans and bookings keep the UI thread. */
  async function rebuild(gently: boolean, from?: FoldedProduction): Promise<void> {
    const folded = await foldProductionFromJournal(deps.journal, {
      ...(gently ? { betweenPages: deps.yieldToUi } : {}),
      from,
      liveSeq: () => wf().production.lastSeq,
    });
    patch(folded);
  }

  /**
   * The loaded state brought up to the journal's head from its own lastSeq (events booked past this slice,
   * if any): never the stored snapshot again, whose read is one clone of megabytes on this thread (a 50–60 ms
   * long task at 200 k events). False when retention pruned events the state has not seen: then only a
   * refold from the snapshot is right.
   */
  async function caughtUp(): Promise<boolean> {
    const { production, printedJobs } = wf();
    if ((await deps.journal.firstSeq()) > production.lastSeq + 1) return false;
    await rebuild(true, { seq: production.lastSeq, production, printedJobs });
    return true;
  }

  /** More events after the latest snapshot than a fold on the UI thread should take on. */
  async function farBehind(): Promise<boolean> {
    return get().terminal.lastSeq - (await deps.journal.snapshotSeq()) > UI_FOLD_LIMIT;
  }

  return {
    loadProduction() {
      if (loaded) return Promise.resolve();
      loading ??= (async () => {
        try {
          // Far behind and no worker to fold it: the big fold is left to opening an order.
          const taken = (await farBehind()) ? ((await deps.takeSnapshot?.()) ?? null) : undefined;
          if (taken === null) return;
          await rebuild(true, taken?.folded);
          loaded = true;
        } catch {
          // The journal closed (shutdown): the next caller folds again.
        } finally {
          loading = null;
        }
      })();
      return loading;
    },

    async foldForOpenOrder() {
      // The list's background fold is under way (boot): its result is the journal's state, folded just now.
      const background = loading;
      if (background) await background;
      if (background && loaded) return;
      // Folded already (the list's fold ended before this open): bookings kept it current.
      if (loaded && (await caughtUp())) return;
      // After a worker's snapshot the tail is short and read gently; without a worker the fold runs here at
      // full speed, as it always did.
      const snapshotted = (await farBehind()) ? await deps.takeSnapshot?.() : null;
      await rebuild(snapshotted != null, snapshotted?.folded);
      loaded = true;
    },
  };
}
