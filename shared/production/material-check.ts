import type { ScanClassification } from '../barcode';
import type { BlockedBatch, Material, Order } from '../master-data';
import type { LoadedBatch, OrderExecution } from './order-state';
import { isExpiredAt } from './time';
import { accept, nok, type Verdict } from './verdict';

/**
 * The material check of a batch scan against the running order: in
 * the BOM, not blocked, not expired, a plausible quantity. NOK books nothing.
 * OK yields MaterialLoaded; a new batch of a loaded material replaces the old
 * one, which starts a new batch window for the parts that follow.
 */

export interface MaterialScanInput {
  readonly classified: ScanClassification;
  readonly order: Order;
  readonly execution: Pick<OrderExecution, 'status' | 'loaded'>;
  readonly materials: readonly Material[];
  readonly blockedBatches: readonly BlockedBatch[];
  /** Epoch milliseconds. */
  readonly now: number;
  /** A label quantity above this multiple of the order's need is a misread (default 100). */
  readonly maxQuantityFactor?: number;
}

export type MaterialScanVerdict = Verdict<{ replaced: LoadedBatch | null; alreadyLoaded: boolean }>;

const DEFAULT_MAX_QUANTITY_FACTOR = 100;

export function checkMaterialScan(input: MaterialScanInput): MaterialScanVerdict {
  const { classified, order, execution } = input;
  if (classified.kind !== 'material-batch') {
    return nok('not-a-material-batch', 'This is not a material batch label.', { kind: classified.kind });
  }
  if (execution.status === 'completed' || order.status === 'cancelled') {
    return nok('order-not-active', `Order ${order.number} takes no more material.`, { orderNumber: order.number });
  }
  const { materialId, batch } = classified;
  const material = input.materials.find((m) => m.id === materialId);
  const bomItem = order.bom.find((b) => b.materialId === materialId);
  if (!bomItem) {
    return nok('material-not-in-bom', `${material?.number ?? materialId} is not part of order ${order.number}.`, {
      materialId,
      materialNumber: material?.number ?? materialId,
      orderNumber: order.number,
    });
  }
  const blocked = input.blockedBatches.find((b) => b.materialId === materialId && b.batch === batch);
  if (blocked) {
    return nok('batch-blocked', `Batch ${batch} is blocked: ${blocked.reason}`, { materialId, batch, blockReason: blocked.reason });
  }
  if (classified.expiry !== undefined && isExpiredAt(classified.expiry, input.now)) {
    return nok('batch-expired', `Batch ${batch} expired on ${classified.expiry}.`, { materialId, batch, expiry: classified.expiry });
  }
  if (classified.quantity !== undefined) {
    const need = bomItem.quantityPerUnit * order.quantity;
    const max = need * (input.maxQuantityFactor ?? DEFAULT_MAX_QUANTITY_FACTOR);
    if (!(classified.quantity > 0) || classified.quantity > max) {
      return nok('quantity-implausible', `The label says ${classified.quantity}; the order needs ${need}.`, {
        materialId,
        batch,
        quantity: classified.quantity,
        need,
        max,
      });
    }
  }
  const current = execution.loaded[materialId];
  // Scanning the loaded batch again is harmless: nothing new to record.
  if (current?.batch === batch) return accept([], { replaced: null, alreadyLoaded: true });
  return accept(
    [
      {
        type: 'MaterialLoaded',
        orderId: order.id,
        payload: {
          materialId,
          batch,
          ...(classified.quantity !== undefined ? { quantity: classified.quantity } : {}),
          ...(classified.expiry !== undefined ? { expiresAt: classified.expiry } : {}),
        },
      },
    ],
    { replaced: current ?? null, alreadyLoaded: false },
  );
}
