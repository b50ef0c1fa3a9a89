import type { EventEnvelope } from '../events';
import type { CallOff } from '../master-data-shipping';
import { accept, nok, type Verdict } from '../production/verdict';
import { afterLoad, checkContainerLoad, type ContainerOnDock, type Delivery, type HoldContext, type LoadVerdict } from './checks';
import { checkRackLoad, type RackOnDock } from './rack-checks';
import type { ShipmentItem } from './shipment';

/**
 * The dispatch screen's delivery as a fold over the terminal's journal
 * (DeliveryStarted, ShipmentContainerLoaded, ShipmentDispatched) and the
 * commands that extend it. Pure, so a terminal decides offline and a reload
 * restores the truck half loaded. What the call-off still asks for is the
 * server's last figure less what this terminal dispatched since it was
 * worked out and what is on the truck now.
 */

export interface OpenDelivery {
  shipmentId: string;
  customerId: string;
  unloadingPoint?: string;
  startedAt: string;
  items: ShipmentItem[];
}

export interface DispatchState {
  open: OpenDelivery | null;
  /** Containers and racks this terminal dispatched. */
  shippedIds: ReadonlySet<string>;
  /** What this terminal dispatched, for the call-offs the server has not recounted yet. */
  dispatched: readonly { at: string; customerId: string; customerPartNumber: string; quantity: number }[];
  /** Master-label SSCCs this terminal used: the next one follows the highest. */
  masterSsccs: readonly string[];
}

export const initialDispatchState: DispatchState = { open: null, shippedIds: new Set(), dispatched: [], masterSsccs: [] };

export function applyDispatchEvent(state: DispatchState, event: EventEnvelope): DispatchState {
  const p = event.payload as Record<string, unknown>;
  switch (event.type) {
    case 'DeliveryStarted':
      return { ...state, open: { shipmentId: String(p.shipmentId), customerId: String(p.customerId), ...(typeof p.unloadingPoint === 'string' ? { unloadingPoint: p.unloadingPoint } : {}), startedAt: event.occurredAt, items: [] } };
    case 'ShipmentContainerLoaded':
      if (!state.open || state.open.shipmentId !== p.shipmentId) return state;
      return { ...state, open: { ...state.open, items: [...state.open.items, ...(p.items as ShipmentItem[])] } };
    case 'ShipmentDispatched': {
      const items = (p.items as ShipmentItem[] | undefined) ?? [];
      const customerId = typeof p.customerId === 'string' ? p.customerId : '';
      return {
        open: state.open?.shipmentId === p.shipmentId ? null : state.open,
        shippedIds: new Set([...state.shippedIds, ...((p.containerIds as string[] | undefined) ?? [])]),
        dispatched: [...state.dispatched, ...items.map((i) => ({ at: event.occurredAt, customerId, customerPartNumber: i.customerPartNumber, quantity: i.quantity }))],
        masterSsccs: typeof p.masterSscc === 'string' ? [...state.masterSsccs, p.masterSscc] : state.masterSsccs,
      };
    }
    default:
      return state;
  }
}

export interface PartProgress {
  customerPartNumber: string;
  /** What the call-off asked for when this delivery started to load (after earlier trucks). */
  callOff: number;
  openFirm: number;
  loaded: number;
  nextDate?: string;
}

/** Per customer part with a call-off: asked for, loaded on this truck. */
export function deliveryProgress(state: DispatchState, customerId: string, callOffs: readonly CallOff[]): PartProgress[] {
  const loaded = state.open?.customerId === customerId ? state.open.items : [];
  return callOffs
    .filter((c) => c.customerId === customerId)
    .map((c) => {
      const since = state.dispatched.filter((d) => d.customerId === customerId && d.customerPartNumber === c.customerPartNumber && d.at > c.updatedAt).reduce((sum, d) => sum + d.quantity, 0);
      return {
        customerPartNumber: c.customerPartNumber,
        callOff: Math.max(0, c.open - since),
        openFirm: Math.max(0, c.openFirm - since),
        loaded: loaded.filter((i) => i.customerPartNumber === c.customerPartNumber).reduce((sum, i) => sum + i.quantity, 0),
        ...(c.nextDate !== undefined ? { nextDate: c.nextDate } : {}),
      };
    })
    .sort((a, b) => (a.customerPartNumber < b.customerPartNumber ? -1 : 1));
}

type Events = { events: { type: 'DeliveryStarted' | 'ShipmentContainerLoaded' | 'ShipmentDispatched'; payload: Record<string, unknown> }[] };

export function startDelivery(state: DispatchState, shipmentId: string, customerId: string, unloadingPoint?: string): Verdict<Events> {
  if (state.open) return nok('delivery-open', `Delivery ${state.open.shipmentId} is still being loaded.`, { shipmentId: state.open.shipmentId });
  return accept([], { events: [{ type: 'DeliveryStarted', payload: { shipmentId, customerId, ...(unloadingPoint ? { unloadingPoint } : {}) } }] });
}

/** The delivery as the checks see it: what the call-offs still ask for after earlier trucks and what is on this one. */
function deliveryNow(state: DispatchState, open: OpenDelivery, callOffs: readonly CallOff[], customerName?: string): Delivery {
  const progress = deliveryProgress(state, open.customerId, callOffs);
  const delivery: Delivery = { customerId: open.customerId, ...(customerName !== undefined ? { customerName } : {}), openQuantity: Object.fromEntries(progress.map((p) => [p.customerPartNumber, p.callOff])), loadedIds: new Set() };
  return afterLoad(delivery, open.items);
}

type LoadOutcome = Verdict<Events & { items: ShipmentItem[] }>;

function booked(open: OpenDelivery, verdict: LoadVerdict): LoadOutcome {
  if (!verdict.ok) return verdict;
  return accept([], { items: verdict.items, events: [{ type: 'ShipmentContainerLoaded', payload: { shipmentId: open.shipmentId, items: verdict.items } }] });
}

export function loadContainer(state: DispatchState, container: ContainerOnDock | undefined, scanned: string, holds: Omit<HoldContext, 'shippedIds'>, callOffs: readonly CallOff[]): LoadOutcome {
  const open = state.open;
  if (!open) return nok('no-delivery', 'Start a delivery first.', {});
  if (!container) return nok('container-unknown', `${scanned} is not known at this terminal yet (neither packed here nor sent by the server).`, { containerId: scanned });
  return booked(open, checkContainerLoad(deliveryNow(state, open, callOffs), container, { ...holds, shippedIds: state.shippedIds }));
}

/** A JIS rack onto the open delivery: the rack checks against this terminal's shipped racks, the call-offs and the customer's name (a sequence names its customer so). */
export function loadRack(state: DispatchState, rack: RackOnDock, holds: Omit<HoldContext, 'shippedIds'>, callOffs: readonly CallOff[], customerName: string): LoadOutcome {
  const open = state.open;
  if (!open) return nok('no-delivery', 'Start a delivery first.', {});
  return booked(open, checkRackLoad(deliveryNow(state, open, callOffs, customerName), rack, { ...holds, shippedIds: state.shippedIds }));
}

/** Closes the truck; a mixed load names the SSCC its master label prints with. */
export function dispatchDelivery(state: DispatchState, customerName: string, masterSscc?: string): Verdict<Events> {
  const open = state.open;
  if (!open) return nok('no-delivery', 'Start a delivery first.', {});
  if (open.items.length === 0) return nok('delivery-empty', 'Nothing is loaded on this delivery.', { shipmentId: open.shipmentId });
  return accept([], {
    events: [{
      type: 'ShipmentDispatched',
      payload: {
        shipmentId: open.shipmentId,
        containerIds: [...new Set(open.items.map((i) => i.containerId))],
        customer: customerName,
        customerId: open.customerId,
        ...(open.unloadingPoint ? { unloadingPoint: open.unloadingPoint } : {}),
        items: open.items,
        ...(masterSscc ? { masterSscc } : {}),
      },
    }],
  });
}
