import type { NewEvent } from '../../shared/events';
import { newId } from '../../shared/ids';
import { LiveOee, OEE_EVENT_TYPES, type OeeFoldState, type StopAwaitingReason } from '../../shared/oee';
import type { DowntimeReason, Routing, ShiftModel } from '../../shared/master-data-oee';
import { readEventsAfter } from '../storage/production-loader';
import { saveFailedFeedback } from '../storage/storage-refusal';
import type { ApprovalOutcome } from './approval/approval-slice';
import type { StoreDeps } from './deps';
import type { SliceCreator } from './types';

/**
 * Downtime on the terminal: the OEE fold of this terminal's journal (machine
 * signals the intake loop journalled, the operators' stops), the line's OEE
 * master data, and the one reason picker that classifies a machine stop,
 * books a stop by hand, or carries out a shift lead's split or
 * reclassification after the approval. Every choice is a new event; nothing
 * booked is changed.
 */

export const DEFAULT_MICRO_STOP_MS = 120_000;
const OEE_TYPES = new Set<string>(OEE_EVENT_TYPES);
const PAGE = 5000;

export interface DowntimeMaster {
  reasons: DowntimeReason[];
  shiftModel?: ShiftModel;
  routings: Routing[];
  microStopMs: number;
}

/** What the reason picker is open for. */
export type StopPicker =
  | { mode: 'classify'; stop: StopAwaitingReason }
  | { mode: 'manual' }
  | { mode: 'reclassify'; stopId: string; from: number; approverId: string }
  | { mode: 'split'; stopId: string; from: number; to: number; at: number; approverId: string };

export interface DowntimeState {
  master: DowntimeMaster;
  /** The fold kept indexed as it grows, so the figures after a machine cycle cost the same all shift long. */
  live: LiveOee;
  /** live.state: what was folded. */
  fold: OeeFoldState;
  /** The fold is mutated in place (a shift of cycles); the version tells React it changed. */
  version: number;
  foldedSeq: number;
  /** The time the view was last brought up to date (ongoing stops end here). */
  now: number;
  picker: StopPicker | null;
  /** The stop list for a shift lead's changes is open. */
  editing: boolean;
  /** Stops the operator put aside for now (by machine start): the prompt asks for the next one. */
  deferred: number[];
  busy: boolean;
}

export interface DowntimeActions {
  loadDowntimeMaster(): Promise<void>;
  /** Folds what the journal gained since the last time and moves "now" on. */
  refreshDowntime(): Promise<void>;
  openStopPicker(picker: StopPicker): void;
  closeStopPicker(): void;
  deferStop(machineFrom: number): void;
  /** The reason chosen in the picker: a classification, a stop booked by hand, a split or a reclassification. */
  chooseStopReason(reasonId: string): Promise<boolean>;
  /** Moves the split point of the open split picker by `minutes` (kept inside the stop). */
  moveSplit(minutes: number): void;
  endManualStop(stopId: string): Promise<boolean>;
  setStopEditing(open: boolean): void;
  /** A shift lead's change to a stop, through the one approval flow; on approval the picker opens for it. */
  requestStopChange(change: 'reclassify' | 'split', stop: { stopId: string; from: number; to: number; reasonId: string }): void;
}

export type DowntimeSlice = { downtime: DowntimeState } & DowntimeActions;

export const initialDowntime = (live = new LiveOee()): DowntimeState => ({
  master: { reasons: [], routings: [], microStopMs: DEFAULT_MICRO_STOP_MS },
  live,
  fold: live.state,
  version: 0,
  foldedSeq: 0,
  now: 0,
  picker: null,
  editing: false,
  deferred: [],
  busy: false,
});

const iso = (ms: number): string => new Date(ms).toISOString();

export const createDowntimeSlice =
  (deps: StoreDeps): SliceCreator<DowntimeSlice> =>
  (set, get) => {
    const dt = () => get().downtime;
    const patch = (p: Partial<DowntimeState>) => set({ downtime: { ...dt(), ...p } });
    let refreshing: Promise<void> | null = null;

    const verdict = (tone: 'ok' | 'nok', key: string, params: Record<string, string | number> = {}) => {
      const wf = get().workflow;
      set({ workflow: { ...wf, verdict: { tone, key, params, serial: (wf.verdict?.serial ?? 0) + 1 } } });
    };

    async function foldNew(): Promise<void> {
      const events = await readEventsAfter(deps.journal, dt().foldedSeq, PAGE);
      const live = dt().live;
      for (const e of events) if (OEE_TYPES.has(e.type)) live.fold(e);
      const last = events.at(-1)?.seq ?? dt().foldedSeq;
      patch({ foldedSeq: Math.max(dt().foldedSeq, last), version: dt().version + 1, now: deps.clock().getTime() });
    }

    async function book(events: NewEvent[], okKey: string, params: Record<string, string | number> = {}): Promise<boolean> {
      patch({ busy: true });
      try {
        const operatorId = get().terminal.operator?.id;
        const attributed = events.map((e) => (e.operatorId || !operatorId ? e : { ...e, operatorId }));
        const result = await deps.journal.append(attributed, { clock: deps.clock });
        if (!result.ok) {
          const failed = saveFailedFeedback(result.error, 'workflow.saveFailed');
          verdict('nok', failed.key, failed.params);
          return false;
        }
        set({ terminal: result.value.state });
        deps.notifySync();
        await get().refreshDowntime();
        verdict('ok', okKey, params);
        return true;
      } finally {
        patch({ busy: false });
      }
    }

    const reasonText = (reasonId: string) => dt().master.reasons.find((r) => r.id === reasonId)?.label ?? { de: reasonId, en: reasonId };

    return {
      downtime: initialDowntime(),

      async loadDowntimeMaster() {
        const lineId = get().terminalRow?.lineId;
        const [reasons, shiftModels, routings] = await Promise.all([deps.cache.all('downtime-reason'), deps.cache.all('shift-model'), deps.cache.all('routing')]);
        const shiftModel = shiftModels.find((m) => m.lineId === lineId);
        const microStopSeconds = get().line?.settings?.microStopSeconds;
        patch({
          master: {
            // The cache keeps no order of its own: by code, so a reason keeps its place and colour.
            reasons: reasons.filter((r) => r.lineId === lineId).sort((a, b) => a.code.localeCompare(b.code)),
            ...(shiftModel ? { shiftModel } : {}),
            routings,
            microStopMs: microStopSeconds ? microStopSeconds * 1000 : DEFAULT_MICRO_STOP_MS,
          },
          version: dt().version + 1,
        });
      },

      refreshDowntime() {
        // One fold at a time: two would fold the same page twice into the one state.
        refreshing ??= foldNew().finally(() => (refreshing = null));
        return refreshing;
      },

      openStopPicker(picker) {
        patch({ picker, editing: false });
      },

      closeStopPicker() {
        patch({ picker: null });
      },

      deferStop(machineFrom) {
        patch({ picker: null, deferred: [...dt().deferred, machineFrom] });
      },

      async chooseStopReason(reasonId) {
        const picker = dt().picker;
        if (!picker || dt().busy) return false;
        const orderId = get().workflow.openOrderId ?? undefined;
        const onOrder = orderId ? { orderId } : {};
        const label = reasonText(reasonId);
        const params = { 'reason@de': label.de, 'reason@en': label.en };
        let ok = false;
        if (picker.mode === 'classify') {
          ok = await book([{ type: 'DowntimeClassified', ...onOrder, payload: { stopId: newId(), from: iso(picker.stop.machineFrom), reasonId } }], 'downtime.booked.classified', params);
        } else if (picker.mode === 'manual') {
          ok = await book([{ type: 'DowntimeBooked', ...onOrder, payload: { stopId: newId(), from: iso(deps.clock().getTime()), reasonId } }], 'downtime.booked.started', params);
        } else if (picker.mode === 'reclassify') {
          ok = await book([{ type: 'DowntimeReclassified', operatorId: picker.approverId, ...onOrder, payload: { stopId: picker.stopId, reasonId } }], 'downtime.booked.reclassified', params);
        } else {
          ok = await book(
            [{ type: 'DowntimeSplit', operatorId: picker.approverId, ...onOrder, payload: { stopId: picker.stopId, at: iso(picker.at), newStopId: newId(), reasonId } }],
            'downtime.booked.split',
            params,
          );
        }
        if (ok) patch({ picker: null });
        return ok;
      },

      moveSplit(minutes) {
        const picker = dt().picker;
        if (picker?.mode !== 'split') return;
        const at = Math.min(Math.max(picker.at + minutes * 60_000, picker.from + 60_000), picker.to - 60_000);
        patch({ picker: { ...picker, at: Math.max(at, picker.from + 1) } });
      },

      endManualStop(stopId) {
        return book([{ type: 'DowntimeEnded', payload: { stopId, to: iso(deps.clock().getTime()) } }], 'downtime.booked.ended');
      },

      setStopEditing(open) {
        patch({ editing: open });
      },

      requestStopChange(change, stop) {
        const label = reasonText(stop.reasonId);
        patch({ editing: false });
        get().requestApproval({ what: { kind: 'downtime-change', change, from: stop.from, reason: label } }, (outcome: ApprovalOutcome) => {
          if (!outcome.ok) return;
          const approverId = outcome.approver.id;
          if (change === 'reclassify') patch({ picker: { mode: 'reclassify', stopId: stop.stopId, from: stop.from, approverId } });
          else patch({ picker: { mode: 'split', stopId: stop.stopId, from: stop.from, to: stop.to, at: Math.round((stop.from + stop.to) / 2 / 60_000) * 60_000, approverId } });
        });
      },
    };
  };
