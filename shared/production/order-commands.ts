import type { Material, Operator, Order } from '../master-data';
import type { LoadedBatch, OrderExecution } from './order-state';
import { accept, nok, type Verdict } from './verdict';

/**
 * Order lifecycle commands: each checks the folded execution and answers with
 * the events to journal or a coded reason. released → started ⇄ paused →
 * completed; a handover changes the operator without stopping the order.
 */

export interface MissingMaterial {
  readonly materialId: string;
  readonly materialNumber: string;
}

/** Batch-tracked BOM items without a loaded batch; an unknown material counts as batch-tracked (fail safe). */
export function missingMaterials(order: Order, materials: readonly Material[], loaded: Readonly<Record<string, LoadedBatch>>): MissingMaterial[] {
  const missing: MissingMaterial[] = [];
  for (const item of order.bom) {
    const material = materials.find((m) => m.id === item.materialId);
    if (material && !material.batchTracked) continue;
    if (loaded[item.materialId]) continue;
    missing.push({ materialId: item.materialId, materialNumber: material?.number ?? item.materialId });
  }
  return missing;
}

export function canStart(
  order: Order,
  materials: readonly Material[],
  loaded: Readonly<Record<string, LoadedBatch>>,
): { ok: true } | { ok: false; reason: { code: 'start-missing-material'; message: string; params: { missing: MissingMaterial[] } } } {
  const missing = missingMaterials(order, materials, loaded);
  if (missing.length === 0) return { ok: true };
  return {
    ok: false,
    reason: {
      code: 'start-missing-material',
      message: `Load a batch first for: ${missing.map((m) => m.materialNumber).join(', ')}.`,
      params: { missing },
    },
  };
}

export function startOrder(input: {
  order: Order;
  materials: readonly Material[];
  execution: OrderExecution;
  operatorId: string;
}): Verdict {
  const { order, execution } = input;
  if (order.status === 'cancelled') return nok('order-cancelled', `Order ${order.number} is cancelled.`, { orderNumber: order.number });
  if (execution.status !== 'released') {
    return nok('order-not-startable', `Order ${order.number} is already ${execution.status}.`, { orderNumber: order.number, status: execution.status });
  }
  const materialCheck = canStart(order, input.materials, execution.loaded);
  if (!materialCheck.ok) return { ok: false, reason: materialCheck.reason };
  return accept([
    {
      type: 'OrderStarted',
      orderId: order.id,
      operatorId: input.operatorId,
      payload: { orderNumber: order.number, materialId: order.materialId, quantity: order.quantity },
    },
  ]);
}

export function pauseOrder(execution: OrderExecution, reason: string): Verdict {
  if (execution.status !== 'started') return notRunning(execution);
  const why = reason.trim();
  if (why === '') return nok('pause-reason-required', 'Choose why the order is paused.', {});
  return accept([{ type: 'OrderPaused', orderId: execution.orderId, payload: { reason: why } }]);
}

export function resumeOrder(execution: OrderExecution): Verdict {
  if (execution.status !== 'paused') {
    return nok('order-not-paused', 'Only a paused order can be resumed.', { orderId: execution.orderId, status: execution.status });
  }
  return accept([{ type: 'OrderResumed', orderId: execution.orderId, payload: {} }]);
}

/** Shift change: the order keeps running; only its responsible operator changes. */
export function handOverOrder(input: { order: Order; execution: OrderExecution; to: Pick<Operator, 'id' | 'lineIds'> }): Verdict {
  const { order, execution, to } = input;
  if (execution.status !== 'started' && execution.status !== 'paused') return notRunning(execution);
  if (execution.operatorId === to.id) return nok('handover-same-operator', 'The order is already with this operator.', { operatorId: to.id });
  // An empty line list means "all lines" in master data.
  if (to.lineIds.length > 0 && !to.lineIds.includes(order.lineId)) {
    return nok('operator-not-on-line', 'This operator is not assigned to the line.', { operatorId: to.id, lineId: order.lineId });
  }
  return accept([
    {
      type: 'OrderHandedOver',
      orderId: order.id,
      operatorId: to.id,
      payload: { toOperatorId: to.id, ...(execution.operatorId ? { fromOperatorId: execution.operatorId } : {}) },
    },
  ]);
}

function notRunning(execution: OrderExecution) {
  return nok('order-not-running', `The order is ${execution.status}, not running.`, { orderId: execution.orderId, status: execution.status });
}
