import type { OrderExecution } from './order-state';
import { accept, nok, type Verdict } from './verdict';

/**
 * Good quantity, counted (+1, +n, numeric pad) or per scanned part serial. A
 * serial is linked to the batches loaded at that moment (PartProduced
 * components), so its genealogy does not depend on batch windows.
 */

function running(execution: OrderExecution): Verdict | null {
  if (execution.status === 'started') return null;
  return nok('order-not-running', `The order is ${execution.status}, not running.`, { orderId: execution.orderId, status: execution.status });
}

export function bookGoodQuantity(execution: OrderExecution, quantity: number): Verdict {
  const refused = running(execution);
  if (refused) return refused;
  if (!Number.isInteger(quantity) || quantity <= 0) return nok('quantity-invalid', 'Book a whole number of parts, at least 1.', { quantity });
  return accept([{ type: 'GoodQuantityBooked', orderId: execution.orderId, payload: { quantity } }]);
}

export function bookGoodPart(execution: OrderExecution, part: { serial: string; materialId?: string }): Verdict {
  const refused = running(execution);
  if (refused) return refused;
  const serial = part.serial.trim();
  if (serial === '') return nok('serial-missing', 'The part label carries no serial number.', {});
  if (execution.serials.includes(serial)) return nok('serial-duplicate', `Part ${serial} was already booked.`, { serial });
  const components = Object.values(execution.loaded)
    .map((l) => ({ materialId: l.materialId, batch: l.batch }))
    .sort((a, b) => a.materialId.localeCompare(b.materialId));
  return accept([
    { type: 'GoodQuantityBooked', orderId: execution.orderId, payload: { quantity: 1 } },
    {
      type: 'PartProduced',
      orderId: execution.orderId,
      payload: { serial, ...(part.materialId !== undefined ? { materialId: part.materialId } : {}), ...(components.length > 0 ? { components } : {}) },
    },
  ]);
}
