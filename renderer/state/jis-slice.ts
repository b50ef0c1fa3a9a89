import { acknowledgeGap, acknowledgeMismatch, applyCallOffRevision, callOffStale, closeRack, jisConfigFromLine } from '../../shared/jis';
import type { JisSequence } from '../../shared/master-data';
import { logger } from '../lib/log';
import { snapshotAndEventsAfter } from '../storage/production-loader';
import type { StoreDeps } from './deps';
import { createJisApprovals } from './jis-approvals';
import { createJisKit } from './jis-kit';
import { restoreJisState } from './jis-logic';
import { createJisPrintActions } from './jis-print-actions';
import { initialJis, type JisSlice } from './jis-state';
import { createJisVerify } from './jis-verify';
import type { SliceCreator } from './types';

/**
 * The JIS slice: the line's call-offs from the cache, the open sequence
 * restored from the journal (snapshot plus the events after it), scans
 * verified one after the other, acknowledgements and the rack's close.
 * Verify, approvals and rack labels are pieces over the same kit.
 */

/** Journal events read per page when a sequence is restored. */
const PAGE = 2000;

export const createJisSlice =
  (deps: StoreDeps): SliceCreator<JisSlice> =>
  (set, get) => {
    const kit = createJisKit(deps, set, get);
    const { verdict, record } = kit;
    const verifyPart = createJisVerify(kit);

    async function lineSequences(): Promise<JisSequence[]> {
      const lineId = get().terminalRow?.lineId;
      if (!lineId) return [];
      const rows = await deps.cache.all('jis-sequence');
      return rows.filter((s) => s.lineId === lineId);
    }

    /** Rack size, recheck, variant source and call-off age from the terminal line's cached row. */
    function lineJisConfig() {
      const fromLine = jisConfigFromLine(get().line?.settings);
      for (const warning of fromLine.warnings) logger('jis').warn(`line ${get().line?.id ?? '?'}: ${warning}`);
      return fromLine;
    }

    /** Scans run one after the other, none is dropped while an earlier one is still being written. */
    let scanQueue: Promise<void> = Promise.resolve();

    async function applyRevisionFrom(sequences: JisSequence[]) {
      const jis = get().jis;
      if (!jis) return;
      const row = sequences.find((s) => s.id === jis.sequenceId);
      if (!row || row.callOffRevision <= jis.revision) return;
      const result = applyCallOffRevision(jis, row);
      if (!result.ok) return;
      if (!(await record(result.events))) return;
      if (result.alerts.length > 0) {
        set({ jisAlerts: [...get().jisAlerts, ...result.alerts] });
        verdict('nok', 'revision-built-changed', { count: result.alerts.length });
      } else {
        verdict('warn', 'revision-applied', { revision: row.callOffRevision });
      }
    }

    async function handleScan(raw: string) {
      if (get().approvalScan(raw)) return; // the shift lead's badge, while an approval waits
      if (!get().jis) return;
      await verifyPart(raw);
    }

    return {
      ...initialJis,

      async refreshJis() {
        const sequences = await lineSequences();
        set({ jisSequences: sequences });
        await applyRevisionFrom(sequences);
      },

      async openJis(sequenceId) {
        const sequences = get().jisSequences.length > 0 ? get().jisSequences : await lineSequences();
        const row = sequences.find((s) => s.id === sequenceId);
        if (!row) return;
        const { snapshot, events } = await snapshotAndEventsAfter(deps.journal, PAGE);
        const fromLine = lineJisConfig();
        set({
          jisSequences: sequences,
          ...(fromLine.callOffMaxAgeMs !== null ? { jisMaxCallOffAgeMs: fromLine.callOffMaxAgeMs } : {}),
          jis: restoreJisState(row, events, { ...fromLine.config, ...get().jisConfig }, snapshot),
          jisVerdict: null,
          jisRackCheck: null,
        });
      },

      closeJis() {
        void get().cancelApproval();
        set({ jis: null, jisVerdict: null, jisRackCheck: null, jisPrint: null, jisReprint: null });
      },

      setJisMaxCallOffAge(ms) {
        set({ jisMaxCallOffAgeMs: ms });
      },

      jisScan(raw) {
        const run = scanQueue.then(() => handleScan(raw));
        scanQueue = run.catch(() => undefined);
        return run;
      },

      async acknowledgeJisMismatch() {
        const jis = get().jis;
        if (!jis) return;
        const result = acknowledgeMismatch(jis);
        if (!result.ok) return;
        if (await record(result.events)) set({ jisVerdict: null });
      },

      async acknowledgeJisGap() {
        const jis = get().jis;
        if (!jis) return;
        const result = acknowledgeGap(jis);
        if (result.ok && (await record(result.events))) set({ jisVerdict: null });
      },

      ...createJisApprovals(kit),

      async closeJisRack() {
        const jis = get().jis;
        if (!jis) return;
        const result = closeRack(jis);
        if (!result.ok) {
          verdict('nok', result.reason.code, result.reason.params as Record<string, unknown>);
          return;
        }
        if (!(await record(result.events))) return;
        if (result.rackLabelRequired) await get().printJisRackLabel(result.rackId);
      },

      ...createJisPrintActions(kit),

      dismissJisAlerts() {
        set({ jisAlerts: [] });
      },

      jisCallOffStale() {
        const now = deps.clock().getTime();
        const jis = get().jis;
        if (!jis) return null;
        // The call-off is as fresh as the last successful sync; unknown (never synced since start) counts as stale.
        return callOffStale({ id: jis.sequenceId, callOffRevision: jis.revision }, get().sync.lastSuccessAt ?? '', now, get().jisMaxCallOffAgeMs);
      },
    };
  };
