import { parseEvent, type EventEnvelope, type EventType } from '../events';
import { Draft } from './fold-draft';
import { applyContainerEvent, applyScrapBooked, applyScrapUndone } from './scrap-container-fold';

/**
 * Order execution as a fold over the terminal's events (DESIGN §3): status,
 * operator, quantities, scrap, loaded batches and containers per order. Pure
 * and immutable, so the renderer can store the folded state next to each event
 * and the server can run the same reducer.
 */

export type ExecutionStatus = 'released' | 'started' | 'paused' | 'completed';

export interface LoadedBatch {
  readonly materialId: string;
  readonly batch: string;
  readonly loadedAt: string;
  readonly eventId: string;
  readonly quantity?: number;
  readonly expiresAt?: string;
}

export interface ScrapBooking {
  readonly eventId: string;
  readonly orderId: string;
  readonly reasonId: string;
  readonly quantity: number;
  readonly at: string;
  readonly serial?: string;
  readonly undone: boolean;
}

export interface ContainerState {
  readonly containerId: string;
  readonly orderId: string | null;
  readonly capacity: number | null;
  readonly quantity: number;
  readonly serials: readonly string[];
  readonly status: 'open' | 'closed';
  readonly openedAt: string;
  readonly closedAt: string | null;
}

export interface OrderExecution {
  readonly orderId: string;
  readonly status: ExecutionStatus;
  readonly operatorId: string | null;
  readonly startedAt: string | null;
  readonly pausedReason: string | null;
  readonly completedAt: string | null;
  readonly goodQuantity: number;
  readonly scrapQuantity: number;
  readonly scrapByReason: Readonly<Record<string, number>>;
  /** The current batch per material; a newer MaterialLoaded replaces it (batch change). */
  readonly loaded: Readonly<Record<string, LoadedBatch>>;
  readonly serials: readonly string[];
  readonly openContainerId: string | null;
  readonly containerIds: readonly string[];
  /**
   * Blocked batches a shift lead let the order keep using (material → batch),
   * from BlockedBatchOverridden. Absent until the first override, so folds
   * and snapshots written before it existed read the same.
   */
  readonly blockOverrides?: Readonly<Record<string, string>>;
}

export interface ProductionState {
  readonly orders: Readonly<Record<string, OrderExecution>>;
  readonly containers: Readonly<Record<string, ContainerState>>;
  /** Scrap bookings by event id, for undo within the window. */
  readonly scrap: Readonly<Record<string, ScrapBooking>>;
  /** How often each scrap reason was used on this terminal (undone bookings excluded): most used first in the picker. */
  readonly scrapReasonUse: Readonly<Record<string, number>>;
  readonly lastSeq: number;
}

export const initialProductionState: ProductionState = { orders: {}, containers: {}, scrap: {}, scrapReasonUse: {}, lastSeq: 0 };

export function releasedExecution(orderId: string): OrderExecution {
  return {
    orderId,
    status: 'released',
    operatorId: null,
    startedAt: null,
    pausedReason: null,
    completedAt: null,
    goodQuantity: 0,
    scrapQuantity: 0,
    scrapByReason: {},
    loaded: {},
    serials: [],
    openContainerId: null,
    containerIds: [],
  };
}

/** The execution of an order, or a fresh released one if the terminal has no events for it yet. */
export function executionOf(state: ProductionState, orderId: string): OrderExecution {
  return state.orders[orderId] ?? releasedExecution(orderId);
}

/** The event types this fold reads; the others are not parsed at all (most of a JIS or machine journal). */
export const PRODUCTION_FOLD_TYPES: ReadonlySet<string> = new Set<EventType>([
  'OrderStarted',
  'OrderPaused',
  'OrderResumed',
  'OrderCompleted',
  'OrderHandedOver',
  'MaterialLoaded',
  'GoodQuantityBooked',
  'GoodQuantityCorrected',
  'BlockedBatchOverridden',
  'PartProduced',
  'ScrapBooked',
  'ScrapUndone',
  'ContainerOpened',
  'PartPacked',
  'ContainerClosed',
]);

export function applyProductionEvent(state: ProductionState, event: EventEnvelope): ProductionState {
  const draft = new Draft(state, releasedExecution);
  applyToDraft(draft, event);
  return draft.result();
}

export function foldProductionEvents(events: readonly EventEnvelope[], from: ProductionState = initialProductionState): ProductionState {
  const draft = new Draft(from, releasedExecution);
  for (const event of events) applyToDraft(draft, event);
  return draft.result();
}

function applyToDraft(draft: Draft, raw: EventEnvelope): void {
  draft.lastSeq = Math.max(draft.lastSeq, raw.seq);
  // Parsing applies schema defaults and keeps a malformed fact from corrupting the state.
  const event = PRODUCTION_FOLD_TYPES.has(raw.type) ? parseEvent(raw) : null;
  if (!event) return;
  const orderId = event.orderId;
  const at = event.occurredAt;
  switch (event.type) {
    case 'OrderStarted':
      if (!orderId) return;
      draft.updateOrder(orderId, (o) => ({
        ...o,
        status: 'started',
        operatorId: event.operatorId ?? o.operatorId,
        startedAt: o.startedAt ?? at,
        pausedReason: null,
      }));
      return;
    case 'OrderPaused': {
      const p = event.payload;
      if (!orderId) return;
      draft.updateOrder(orderId, (o) => ({ ...o, status: 'paused', pausedReason: p.reason ?? null }));
      return;
    }
    case 'OrderResumed':
      if (!orderId) return;
      draft.updateOrder(orderId, (o) => ({ ...o, status: 'started', pausedReason: null }));
      return;
    case 'OrderCompleted':
      if (!orderId) return;
      draft.updateOrder(orderId, (o) => ({ ...o, status: 'completed', pausedReason: null, completedAt: at }));
      return;
    case 'OrderHandedOver': {
      const p = event.payload;
      if (!orderId) return;
      draft.updateOrder(orderId, (o) => ({ ...o, operatorId: p.toOperatorId }));
      return;
    }
    case 'MaterialLoaded': {
      const p = event.payload;
      // Loads without an order belong to the line; this fold tracks orders only.
      if (!orderId) return;
      const load: LoadedBatch = {
        materialId: p.materialId,
        batch: p.batch,
        loadedAt: at,
        eventId: event.id,
        ...(p.quantity !== undefined ? { quantity: p.quantity } : {}),
        ...(p.expiresAt !== undefined ? { expiresAt: p.expiresAt } : {}),
      };
      draft.updateOrder(orderId, (o) => ({ ...o, loaded: { ...o.loaded, [p.materialId]: load } }));
      return;
    }
    case 'GoodQuantityBooked': {
      const p = event.payload;
      if (!orderId) return;
      draft.updateOrder(orderId, (o) => ({ ...o, goodQuantity: o.goodQuantity + p.quantity }));
      return;
    }
    case 'GoodQuantityCorrected': {
      const p = event.payload;
      if (!orderId) return;
      draft.updateOrder(orderId, (o) => ({ ...o, goodQuantity: o.goodQuantity + p.delta }));
      const container = p.fromContainer ? draft.containers[p.fromContainer.containerId] : undefined;
      if (p.fromContainer && container) draft.setContainer({ ...container, quantity: Math.max(0, container.quantity - p.fromContainer.quantity) });
      return;
    }
    case 'BlockedBatchOverridden': {
      const p = event.payload;
      if (!orderId) return;
      draft.updateOrder(orderId, (o) => ({ ...o, blockOverrides: { ...o.blockOverrides, [p.materialId]: p.batch } }));
      return;
    }
    case 'PartProduced': {
      const p = event.payload;
      if (!orderId) return;
      draft.updateOrder(orderId, (o) => ({ ...o, serials: [...o.serials, p.serial] }));
      return;
    }
    case 'ScrapBooked':
      applyScrapBooked(draft, event);
      return;
    case 'ScrapUndone':
      applyScrapUndone(draft, event);
      return;
    case 'ContainerOpened':
    case 'PartPacked':
    case 'ContainerClosed':
      applyContainerEvent(draft, event);
      return;
    default:
      // Unknown or unrelated types leave the state alone rather than break it.
      return;
  }
}
