import type { EventType } from '../../shared/events';
import { flag, key, orderDelta, type Handler } from './plan-parts';

/**
 * Projection of the correction events: a GoodQuantityCorrected moves the
 * order's good quantity by its delta (so order progress and the ERP
 * confirmation carry the corrected count; the delta commutes like every
 * other), and a shift lead's BlockedBatchOverridden is a quality flag of its
 * own, naming batch, approver and reason, next to the blocked-batch flags the
 * batch's uses raise anyway.
 */
export const CORRECTION_HANDLERS: { [T in EventType]?: Handler<T> } = {
  GoodQuantityCorrected: ({ event, payload, at, ctx, plan }) => {
    if (!event.orderId) return;
    orderDelta(plan, ctx, event.orderId).good_quantity += payload.delta;
    const out = payload.fromContainer;
    if (!out) return;
    // The parts leave the container under the same key they were packed with, so the sum is what it holds.
    const operatorId = event.operatorId ?? '';
    const k = key(out.containerId, event.orderId, event.terminalId, operatorId);
    const row = plan.containerOrders.get(k) ?? { container_id: out.containerId, order_id: event.orderId, terminal_id: event.terminalId, operator_id: operatorId, quantity: 0, first_at: at, last_at: at };
    row.quantity -= out.quantity;
    plan.containerOrders.set(k, row);
  },
  BlockedBatchOverridden: ({ event, payload, at, plan }) => {
    const what = { materialId: payload.materialId, batch: payload.batch };
    const message = `blocked batch ${payload.batch} of ${payload.materialId} kept in use on order ${event.orderId ?? '–'}, approved by ${payload.approvedBy}: ${payload.reason}`;
    plan.flags.push(flag(event, at, 'blocked-batch-override', message, what));
  },
};
