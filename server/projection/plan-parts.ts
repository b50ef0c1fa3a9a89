import type { EventEnvelope, EventType, PayloadOf } from '../../shared/events';
import type {
  BatchWindowsTable,
  ContainerOrdersTable,
  ContainerPacksTable,
  ContainerSerialsTable,
  ContainersTable,
  OrderConsumptionTable,
  OrderScrapTable,
  QualityFlagsTable,
  SerialComponentsTable,
  SerialsTable,
  ShipmentContainersTable,
} from '../db/projection-schema';

/** The rows and deltas a batch of events projects to, and the helpers every event handler shares. */

export type FlagKind =
  | 'blocked-batch'
  | 'blocked-batch-override'
  | 'expired-batch'
  | 'sequence-override'
  | 'unknown-event-type'
  | 'newer-schema-version'
  | 'invalid-payload'
  | 'foreign-line-order'
  | 'unknown-order'
  | 'forged-approval'
  | 'journal-restored';

export interface OrderDelta {
  order_id: string;
  line_id: string;
  material_id: string | null;
  good_quantity: number;
  scrap_quantity: number;
  status: string | null;
  status_at: string | null;
  started_at: string | null;
  completed_at: string | null;
}

export interface BatchUse {
  eventId: string;
  terminalId: string;
  seq: number;
  type: string;
  orderId: string | null;
  materialId: string;
  batch: string;
  occurredAt: string;
}

export interface ProjectionPlan {
  orders: Map<string, OrderDelta>;
  scrap: Map<string, OrderScrapTable>;
  consumption: Map<string, OrderConsumptionTable>;
  loads: Omit<BatchWindowsTable, 'to_at'>[];
  completions: { orderId: string; at: string }[];
  serials: SerialsTable[];
  components: SerialComponentsTable[];
  containers: Map<string, ContainersTable>;
  containerSerials: ContainerSerialsTable[];
  containerOrders: Map<string, ContainerOrdersTable>;
  /** Each packing of counted parts with its own time (the windows of a recall are checked against these). */
  containerPacks: ContainerPacksTable[];
  shipments: ShipmentContainersTable[];
  flags: QualityFlagsTable[];
  /** Batches booked by these events, to check against blocked batches. */
  batchUses: BatchUse[];
}

export interface ProjectionContext {
  terminalId: string;
  lineId: string;
}

/** ISO time in UTC with milliseconds, so that times from any terminal compare as text. */
export function utc(time: string): string {
  return new Date(time).toISOString();
}

export const key = (...parts: string[]): string => parts.join('\u0000');

export function emptyPlan(): ProjectionPlan {
  return {
    orders: new Map(),
    scrap: new Map(),
    consumption: new Map(),
    loads: [],
    completions: [],
    serials: [],
    components: [],
    containers: new Map(),
    containerSerials: [],
    containerOrders: new Map(),
    containerPacks: [],
    shipments: [],
    flags: [],
    batchUses: [],
  };
}

export type Known<T extends EventType> = { event: EventEnvelope; payload: PayloadOf<T>; at: string; ctx: ProjectionContext; plan: ProjectionPlan };
export type Handler<T extends EventType> = (input: Known<T>) => void;

export function flag(event: EventEnvelope, at: string, kind: FlagKind, message: string, material?: { materialId: string; batch: string }): QualityFlagsTable {
  return {
    event_id: event.id.toLowerCase(),
    kind,
    terminal_id: event.terminalId,
    seq: event.seq,
    type: event.type,
    order_id: event.orderId ?? null,
    material_id: material?.materialId ?? null,
    batch: material?.batch ?? null,
    message,
    occurred_at: at,
  };
}

export function orderDelta(plan: ProjectionPlan, ctx: ProjectionContext, orderId: string): OrderDelta {
  let delta = plan.orders.get(orderId);
  if (!delta) {
    delta = {
      order_id: orderId,
      line_id: ctx.lineId,
      material_id: null,
      good_quantity: 0,
      scrap_quantity: 0,
      status: null,
      status_at: null,
      started_at: null,
      completed_at: null,
    };
    plan.orders.set(orderId, delta);
  }
  return delta;
}

export function setStatus(delta: OrderDelta, status: string, at: string): void {
  if (delta.status_at === null || at >= delta.status_at) {
    delta.status = status;
    delta.status_at = at;
  }
}

