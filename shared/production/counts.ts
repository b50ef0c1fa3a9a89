import type { BlockedBatch, Order } from '../master-data';
import type { Approval } from './override';
import type { OrderExecution, ProductionState } from './order-state';
import { accept, nok, type Nok, type Verdict } from './verdict';

/**
 * Counts that add up: an order completes only when what was
 * counted, what was booked and what was packed agree, or the difference is
 * booked as an explicit correction; and it does not go on with a loaded
 * batch quality has blocked since, unless a shift lead overrides. Corrections
 * are new events (GoodQuantityCorrected), never edits of old ones.
 */

/** Good parts of the order in its containers, open or closed. */
export function packedQuantity(state: ProductionState, orderId: string): number {
  let packed = 0;
  for (const c of Object.values(state.containers)) if (c.orderId === orderId) packed += c.quantity;
  return packed;
}

/** Good parts booked but in no container. */
export function unpackedQuantity(state: ProductionState, execution: OrderExecution): number {
  return Math.max(0, execution.goodQuantity - packedQuantity(state, execution.orderId));
}

export interface BlockedLoad {
  readonly materialId: string;
  readonly batch: string;
  readonly blockReason: string;
  /** A shift lead let the order keep using it. */
  readonly overridden: boolean;
}

/** Loaded batches of the order that are blocked now (master data may have changed since they were loaded). */
export function blockedLoads(execution: Pick<OrderExecution, 'loaded' | 'blockOverrides'>, blockedBatches: readonly BlockedBatch[]): BlockedLoad[] {
  const out: BlockedLoad[] = [];
  for (const load of Object.values(execution.loaded)) {
    const blocked = blockedBatches.find((b) => b.materialId === load.materialId && b.batch === load.batch);
    if (!blocked) continue;
    out.push({ materialId: load.materialId, batch: load.batch, blockReason: blocked.reason, overridden: execution.blockOverrides?.[load.materialId] === load.batch });
  }
  return out.sort((a, b) => a.materialId.localeCompare(b.materialId));
}

/** Refuses good bookings and completion while a loaded batch is blocked and not overridden. */
export function refuseIfBlockedLoad(execution: OrderExecution, blockedBatches: readonly BlockedBatch[]): Nok | null {
  const open = blockedLoads(execution, blockedBatches).filter((b) => !b.overridden);
  const first = open[0];
  if (!first) return null;
  return nok('loaded-batch-blocked', `Batch ${first.batch} on this order has been blocked: ${first.blockReason}. Replace it, or a shift lead overrides.`, {
    materialId: first.materialId,
    batch: first.batch,
    blockReason: first.blockReason,
  });
}

/** The shift lead's override of a loaded, blocked batch: BlockedBatchOverridden. */
export function overrideBlockedLoad(input: { execution: OrderExecution; materialId: string; blockedBatches: readonly BlockedBatch[]; approval: Approval }): Verdict {
  const load = blockedLoads(input.execution, input.blockedBatches).find((b) => b.materialId === input.materialId);
  if (!load) return nok('batch-not-blocked', 'This batch is not blocked (any more).', { materialId: input.materialId });
  if (load.overridden) return accept([]);
  return accept([
    {
      type: 'BlockedBatchOverridden',
      orderId: input.execution.orderId,
      payload: { materialId: load.materialId, batch: load.batch, blockReason: load.blockReason, reason: input.approval.reason, approvedBy: input.approval.approvedBy },
    },
  ]);
}

export interface CorrectionInput {
  readonly state: ProductionState;
  readonly execution: OrderExecution;
  /** The good quantity the order should have. */
  readonly correctedTo: number;
  readonly kind: 'count' | 'booking';
  /** Corrections of more than this many parts (either way) need a shift lead; undefined: never. */
  readonly approvalThreshold?: number;
  readonly approval?: Approval;
}

/** GoodQuantityCorrected from the booked quantity to `correctedTo`; never below what is in closed containers. */
export function correctGoodQuantity(input: CorrectionInput): Verdict<{ delta: number }> {
  const { execution, correctedTo } = input;
  if (execution.status !== 'started' && execution.status !== 'paused') {
    return nok('order-not-running', `The order is ${execution.status}, not running.`, { orderId: execution.orderId, status: execution.status });
  }
  if (!Number.isInteger(correctedTo) || correctedTo < 0) return nok('quantity-invalid', 'The quantity must be a whole number, zero or more.', { quantity: correctedTo });
  const delta = correctedTo - execution.goodQuantity;
  if (delta === 0) return nok('correction-unchanged', `${correctedTo} good parts are already booked.`, { quantity: correctedTo });
  // Parts the wrong booking packed come back out of the open container; closed ones have their label and stay.
  const packed = packedQuantity(input.state, execution.orderId);
  const open = execution.openContainerId ? input.state.containers[execution.openContainerId] : undefined;
  const openQuantity = open?.status === 'open' ? open.quantity : 0;
  const takeOut = Math.max(0, packed - correctedTo);
  if (takeOut > openQuantity) {
    const closed = packed - openQuantity;
    return nok('correction-below-packed', `${closed} parts are already in closed containers; the good quantity cannot be less.`, { quantity: correctedTo, packed: closed });
  }
  const threshold = input.approvalThreshold;
  if (threshold !== undefined && Math.abs(delta) > threshold && !input.approval) {
    return nok('correction-needs-approval', `A correction by ${Math.abs(delta)} parts needs a shift lead's confirmation.`, {
      delta,
      booked: execution.goodQuantity,
      correctedTo,
      threshold,
    });
  }
  const approval = input.approval ? { approvedBy: input.approval.approvedBy, reason: input.approval.reason } : {};
  const fromContainer = takeOut > 0 && open ? { fromContainer: { containerId: open.containerId, quantity: takeOut } } : {};
  return accept([{ type: 'GoodQuantityCorrected', orderId: execution.orderId, payload: { delta, kind: input.kind, correctedTo, ...approval, ...fromContainer } }], { delta });
}

export interface CompletionInput {
  readonly order: Order;
  readonly state: ProductionState;
  readonly execution: OrderExecution;
  readonly countedGood: number;
  readonly blockedBatches: readonly BlockedBatch[];
  /** Where the good parts in no container are, when the operator named it instead of packing them. */
  readonly unpackedWhere?: string;
}

/**
 * Completes with the counted quantity, asking first (as a NOK with its own
 * code, nothing booked) when it differs from the bookings (`count-differs`:
 * book a correction) or when good parts are in no container
 * (`parts-unpacked`: pack them or say where they are).
 */
export function completeCounted(input: CompletionInput): Verdict<{ short: boolean }> {
  const { order, execution, countedGood } = input;
  if (execution.status !== 'started' && execution.status !== 'paused') {
    return nok('order-not-running', `The order is ${execution.status}, not running.`, { orderId: execution.orderId, status: execution.status });
  }
  if (!Number.isInteger(countedGood) || countedGood < 0) return nok('quantity-invalid', 'The counted quantity must be a whole number, zero or more.', { quantity: countedGood });
  const blocked = refuseIfBlockedLoad(execution, input.blockedBatches);
  if (blocked) return blocked;
  if (countedGood !== execution.goodQuantity) {
    const delta = countedGood - execution.goodQuantity;
    return nok('count-differs', `Counted ${countedGood}, but ${execution.goodQuantity} good parts are booked.`, { counted: countedGood, booked: execution.goodQuantity, delta });
  }
  const unpacked = unpackedQuantity(input.state, execution);
  const where = input.unpackedWhere?.trim();
  if (unpacked > 0 && !where) return nok('parts-unpacked', `${unpacked} good parts are in no container.`, { quantity: unpacked });
  const short = countedGood < order.quantity;
  const payload = { ...(short ? { short: true } : {}), ...(unpacked > 0 && where ? { unpacked: { quantity: unpacked, where } } : {}) };
  return accept([{ type: 'OrderCompleted', orderId: order.id, payload }], { short });
}
