import { parseBarcode } from '../../shared/barcode';
import type { EventEnvelope, NewEvent } from '../../shared/events';
import { newId } from '../../shared/ids';
import type { BlockedBatch, Customer, JisSequence, Plant, SsccRange } from '../../shared/master-data';
import type { CallOff, ContainerHold, DockContainer } from '../../shared/master-data-shipping';
import { applyProductionEvent, initialProductionState, type ProductionState } from '../../shared/production';
import { batchKey } from '../../shared/shipping/checks';
import { isMixedLoad, nextMasterSscc } from '../../shared/shipping/master-label';
import { applyDispatchEvent, dispatchDelivery, initialDispatchState, loadRack, startDelivery, type DispatchState } from '../../shared/shipping/delivery';
import { normalizeScan } from '../scan/scan-text';
import { snapshotAndEventsAfter } from '../storage/production-loader';
import { JOURNAL_COPY_KEYS, storageLowText } from '../storage/storage-refusal';
import { dockRowsFor, heldContainers, knownContainer, loadKnownContainer } from './dispatch-containers';
import { printMasterLabel } from './dispatch-master-label';
import { noRacks, rackOnDock, racksOnTerminal, type DispatchRacks } from './dispatch-racks';
import type { StoreDeps } from './deps';
import type { SliceCreator } from './types';

/**
 * The dispatch screen's state (logistics loading a truck, a mode of a line
 * terminal, or a dock terminal): the delivery folded from the journal, the
 * customers, call-offs, container holds, blocked batches and the plant's
 * closed containers (pulled by terminals that ship) from the cache, and the
 * last verdict. A scanned container is found among this terminal's own and
 * the pulled ones (dispatch-containers.ts); one neither knows is refused.
 * A scanned JIS rack label loads the rack, checked against the line's
 * sequences as this terminal built them (dispatch-racks.ts). A truck of
 * several containers or racks gets a master label as it closes.
 * Every load is a journal append first, so the truck survives a reload and
 * goes to the server with the next sync; closing it books ShipmentDispatched,
 * from which the server writes the despatch advice.
 */

export interface DispatchVerdict {
  tone: 'ok' | 'nok';
  code: string;
  params: Record<string, unknown>;
  serial: number;
}

export interface DispatchSlice {
  dispatch: DispatchState;
  /** The containers this terminal packed, folded from the same journal read. */
  dispatchProduction: ProductionState;
  dispatchCustomers: Customer[];
  dispatchCallOffs: CallOff[];
  dispatchHolds: ContainerHold[];
  dispatchBlocked: BlockedBatch[];
  /** The plant's closed containers as the server offered them (terminals that ship). */
  dispatchPulled: DockContainer[];
  dispatchRacks: DispatchRacks;
  dispatchSsccRanges: SsccRange[];
  dispatchPlants: Plant[];
  dispatchVerdict: DispatchVerdict | null;
  dispatchBusy: boolean;
  openDispatch(): Promise<void>;
  startDispatchDelivery(customerId: string): Promise<void>;
  dispatchScan(raw: string): Promise<void>;
  closeDispatchDelivery(): Promise<void>;
}

interface DispatchJournal {
  eventsAfter(seq: number, limit: number): Promise<EventEnvelope[]>;
}
interface DispatchCache {
  all(kind: 'customer'): Promise<Customer[]>;
  all(kind: 'call-off'): Promise<CallOff[]>;
  all(kind: 'container-hold'): Promise<ContainerHold[]>;
  all(kind: 'blocked-batch'): Promise<BlockedBatch[]>;
  all(kind: 'dock-container'): Promise<DockContainer[]>;
  all(kind: 'jis-sequence'): Promise<JisSequence[]>;
  all(kind: 'sscc-range'): Promise<SsccRange[]>;
  all(kind: 'plant'): Promise<Plant[]>;
}

const PAGE = 2000;

/** The container a scanned label names: its id, or the package number its label prints, or an SSCC/licence plate in a GS1 or MH10 symbol. */
export function containerKeyOf(raw: string): string {
  const text = normalizeScan(raw).trim();
  const parsed = parseBarcode(text);
  if (parsed.ok) {
    const f = parsed.fields;
    return f.sscc ?? f.licensePlate ?? f.packageId ?? parsed.text;
  }
  return text;
}

export const createDispatchSlice =
  (deps: StoreDeps): SliceCreator<DispatchSlice> =>
  (set, get) => {
    const journal = deps.journal as StoreDeps['journal'] & Partial<DispatchJournal>;
    const cache = deps.cache as StoreDeps['cache'] & Partial<DispatchCache>;
    let serial = 0;
    const verdict = (tone: DispatchVerdict['tone'], code: string, params: Record<string, unknown> = {}) => set({ dispatchVerdict: { tone, code, params, serial: ++serial } });

    async function allEvents(): Promise<EventEnvelope[]> {
      if (typeof journal.eventsAfter !== 'function') return [];
      const out: EventEnvelope[] = [];
      for (;;) {
        const page = await journal.eventsAfter(out.at(-1)?.seq ?? 0, PAGE);
        out.push(...page);
        if (page.length < PAGE) return out;
      }
    }

    async function record(events: readonly { type: string; payload: Record<string, unknown> }[]): Promise<boolean> {
      const operatorId = get().terminal.operator?.id;
      const withOperator = events.map((e) => (operatorId ? { ...e, operatorId } : e)) as NewEvent[];
      const result = await deps.journal.append(withOperator, { clock: deps.clock });
      if (!result.ok) {
        const storage = storageLowText(result.error);
        if (JOURNAL_COPY_KEYS[result.error.code]) verdict('nok', result.error.code);
        else verdict('nok', storage ? `storage-low-${storage.reason}` : 'save-failed', storage ? storage.params : { message: result.error.message });
        return false;
      }
      set({ terminal: result.value.state, dispatch: result.value.events.reduce(applyDispatchEvent, get().dispatch) });
      deps.notifySync();
      return true;
    }

    async function busy(work: () => Promise<void>): Promise<void> {
      if (get().dispatchBusy) return;
      set({ dispatchBusy: true });
      try {
        await work();
      } finally {
        set({ dispatchBusy: false });
      }
    }

    const customerOfDelivery = () => get().dispatchCustomers.find((c) => c.id === get().dispatch.open?.customerId);

    return {
      dispatch: initialDispatchState,
      dispatchProduction: initialProductionState,
      dispatchCustomers: [],
      dispatchCallOffs: [],
      dispatchHolds: [],
      dispatchBlocked: [],
      dispatchPulled: [],
      dispatchRacks: noRacks,
      dispatchSsccRanges: [],
      dispatchPlants: [],
      dispatchVerdict: null,
      dispatchBusy: false,

      async openDispatch() {
        const [events, customers, callOffs, holds, blocked, sequences, jisJournal, ssccRanges, plants, pulled] = await Promise.all([
          allEvents(),
          cache.all('customer'),
          cache.all('call-off'),
          cache.all('container-hold'),
          cache.all('blocked-batch'),
          cache.all('jis-sequence'),
          // The racks as the JIS screen restores them: the latest snapshot and the events after it.
          snapshotAndEventsAfter(deps.journal, PAGE),
          cache.all('sscc-range'),
          cache.all('plant'),
          cache.all('dock-container'),
        ]);
        set({
          dispatch: events.reduce(applyDispatchEvent, initialDispatchState),
          dispatchProduction: events.reduce(applyProductionEvent, initialProductionState),
          dispatchCustomers: customers,
          dispatchCallOffs: callOffs,
          dispatchHolds: holds,
          dispatchBlocked: blocked,
          dispatchPulled: dockRowsFor(pulled, get().terminalRow, get().line),
          dispatchRacks: racksOnTerminal(sequences, get().terminalRow?.lineId, jisJournal.snapshot, jisJournal.events),
          dispatchSsccRanges: ssccRanges,
          dispatchPlants: plants,
          dispatchVerdict: null,
        });
      },

      startDispatchDelivery: (customerId) =>
        busy(async () => {
          const customer = get().dispatchCustomers.find((c) => c.id === customerId);
          if (!customer) return verdict('nok', 'customer-unknown', { customerId });
          const v = startDelivery(get().dispatch, newId(), customer.id, customer.shipTo.unloadingPoint || undefined);
          if (!v.ok) return verdict('nok', v.reason.code, { ...v.reason.params });
          if (await record(v.events)) verdict('ok', 'delivery-started', { customer: customer.name });
        }),

      dispatchScan: (raw) =>
        busy(async () => {
          const customer = customerOfDelivery();
          if (!customer) return verdict('nok', 'no-delivery');
          const key = containerKeyOf(raw);
          // Read again at each scan: a hold or a container pulled while the screen stays open counts at once.
          const [rows, holdRows, blocked] = await Promise.all([cache.all('dock-container'), cache.all('container-hold'), cache.all('blocked-batch')]);
          const pulled = dockRowsFor(rows, get().terminalRow, get().line);
          set({ dispatchPulled: pulled, dispatchHolds: holdRows, dispatchBlocked: blocked });
          const blockedBatches = new Set(blocked.map((b) => batchKey(b.materialId, b.batch)));
          const rack = rackOnDock(get().dispatchRacks, get().dispatchProduction, get().orders, customer, key);
          if (rack) {
            const v = loadRack(get().dispatch, rack, { blockedBatches, heldContainers: heldContainers(holdRows, undefined) }, get().dispatchCallOffs, customer.name);
            if (!v.ok) return verdict('nok', v.reason.code, { ...v.reason.params });
            const quantity = v.items.reduce((sum, i) => sum + i.quantity, 0);
            if (await record(v.events)) verdict('ok', 'rack-loaded', { rackId: rack.rack.rackId, positions: rack.rack.filled.length, quantity });
            return;
          }
          const known = knownContainer(get().dispatchProduction, get().orders, pulled, customer, key);
          const v = loadKnownContainer(get().dispatch, known, key, holdRows, blockedBatches, get().dispatchCallOffs);
          if (!v.ok) return verdict('nok', v.reason.code, { ...v.reason.params });
          const item = v.items[0]!;
          if (await record(v.events)) verdict('ok', 'container-loaded', { containerId: item.containerId, customerPartNumber: item.customerPartNumber, quantity: item.quantity });
        }),

      closeDispatchDelivery: () =>
        busy(async () => {
          const customer = customerOfDelivery();
          const open = get().dispatch.open;
          const mixed = open !== null && isMixedLoad(open.items);
          const sscc = mixed ? nextMasterSscc(get().dispatchSsccRanges, deps.terminalId, get().dispatch.masterSsccs) : null;
          const v = dispatchDelivery(get().dispatch, customer?.name ?? '', sscc?.ok ? sscc.value : undefined);
          if (!v.ok) return verdict('nok', v.reason.code, { ...v.reason.params });
          const words = { count: new Set(open?.items.map((i) => i.containerId)).size, customer: customer?.name ?? '' };
          if (!(await record(v.events))) return;
          if (!open || !customer || !sscc) return verdict('ok', 'delivery-dispatched', words);
          // The truck is booked either way; a master label that cannot print is the operator's to fix (print jobs), not a reason to unload.
          if (!sscc.ok) return verdict('nok', 'master-label-failed', { ...words, message: sscc.error.message });
          const plant = get().dispatchPlants.find((p) => p.id === get().line?.plantId);
          const printed = await printMasterLabel(deps, { shipmentId: open.shipmentId, sscc: sscc.value, items: open.items, customer, plant, unloadingPoint: open.unloadingPoint, operatorId: get().terminal.operator?.id });
          if (printed.ok && printed.value.booked?.ok) set({ terminal: printed.value.booked.value.state });
          if (printed.ok && printed.value.outcome === 'done') return verdict('ok', 'delivery-dispatched-master', { ...words, sscc: sscc.value });
          verdict('nok', 'master-label-failed', { ...words, message: printed.ok ? (printed.value.message ?? printed.value.outcome) : printed.error.message });
        }),
    };
  };
