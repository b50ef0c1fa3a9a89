import { accept, nok, type Verdict } from '../production/verdict';
import type { ShipmentItem } from './shipment';

/**
 * The checks of loading a container or a JIS rack onto a delivery (the
 * dispatch screen's commands call these; pure, so the terminal decides
 * offline). Each refusal is a coded reason the screen translates: the
 * container must be closed and labelled, hold the customer part the
 * delivery is for, not be on hold (a quality flag, a blocked batch inside)
 * nor shipped already, and the quantity must fit what the call-off still
 * asks for. JIS racks have their own checks (rack-checks.ts) over the same
 * delivery and holds.
 */

export interface Delivery {
  customerId: string;
  /** The customer's name, as a JIS sequence names its customer; when given, a rack of another customer's sequence is refused. */
  customerName?: string;
  /** Customer parts the delivery is for, with the quantity the call-off still asks for (after what is loaded). */
  openQuantity: Readonly<Record<string, number>>;
  /** Containers and racks loaded onto this delivery so far. */
  loadedIds: ReadonlySet<string>;
}

export interface ContainerOnDock {
  containerId: string;
  status: 'open' | 'closed';
  labelled: boolean;
  sscc?: string;
  materialId: string;
  /** The customer part this material is at the delivery's customer, when that customer lists it. */
  customerPartNumber?: string;
  quantity: number;
  batches: readonly { materialId?: string; batch: string }[];
  packagingType?: string;
}

export interface HoldContext {
  /** `materialId\u0000batch` of blocked batches. */
  blockedBatches: ReadonlySet<string>;
  /** Containers quality put on hold, with the reason. */
  heldContainers: ReadonlyMap<string, string>;
  /** Containers and racks on an earlier shipment. */
  shippedIds: ReadonlySet<string>;
}

/** One item per customer part: a container holds one, a JIS rack of mixed variants several (one package, several lines). */
export type LoadVerdict = Verdict<{ items: ShipmentItem[] }>;

export const batchKey = (materialId: string, batch: string) => `${materialId}\u0000${batch}`;

export function notTwice(id: string, delivery: Delivery, holds: HoldContext) {
  if (delivery.loadedIds.has(id)) return nok('already-loaded', `${id} is already on this delivery.`, { id });
  if (holds.shippedIds.has(id)) return nok('already-shipped', `${id} was already shipped.`, { id });
  return undefined;
}

export function fitsCallOff(part: string, quantity: number, delivery: Delivery) {
  const open = delivery.openQuantity[part];
  if (open === undefined) return nok('wrong-customer-part', `This delivery is not for part ${part}.`, { customerPartNumber: part, expected: Object.keys(delivery.openQuantity) });
  if (quantity > open) return nok('quantity-exceeds-call-off', `${quantity} parts ${part} exceed the ${open} the call-off still asks for.`, { customerPartNumber: part, quantity, open });
  return undefined;
}

export function checkContainerLoad(delivery: Delivery, c: ContainerOnDock, holds: HoldContext): LoadVerdict {
  const twice = notTwice(c.containerId, delivery, holds);
  if (twice) return twice;
  if (c.status !== 'closed') return nok('container-not-closed', `Container ${c.containerId} is still open.`, { containerId: c.containerId });
  if (!c.labelled) return nok('container-not-labelled', `Container ${c.containerId} has no printed label.`, { containerId: c.containerId });
  if (!c.customerPartNumber) return nok('wrong-customer-part', `Material ${c.materialId} is not a part of this customer.`, { materialId: c.materialId, customerId: delivery.customerId });
  const held = holds.heldContainers.get(c.containerId);
  if (held !== undefined) return nok('container-on-hold', `Container ${c.containerId} is on hold: ${held}.`, { containerId: c.containerId, reason: held });
  const blocked = c.batches.find((b) => holds.blockedBatches.has(batchKey(b.materialId ?? c.materialId, b.batch)));
  if (blocked) return nok('batch-blocked', `Container ${c.containerId} holds blocked batch ${blocked.batch}.`, { containerId: c.containerId, batch: blocked.batch });
  const overCallOff = fitsCallOff(c.customerPartNumber, c.quantity, delivery);
  if (overCallOff) return overCallOff;
  return accept([], {
    items: [{
      containerId: c.containerId,
      ...(c.sscc ? { sscc: c.sscc } : {}),
      materialId: c.materialId,
      customerPartNumber: c.customerPartNumber,
      quantity: c.quantity,
      batches: c.batches.map((b) => ({ ...b })),
      ...(c.packagingType ? { packagingType: c.packagingType } : {}),
    }],
  });
}

/** The delivery after a load: the loaded ids and the quantities they took from the call-off. */
export function afterLoad(delivery: Delivery, items: readonly ShipmentItem[]): Delivery {
  const open = { ...delivery.openQuantity };
  // A part without a schedule line stays without one (a JIS rack's part is called off by its sequence).
  for (const item of items) if (open[item.customerPartNumber] !== undefined) open[item.customerPartNumber] = open[item.customerPartNumber]! - item.quantity;
  return { ...delivery, openQuantity: open, loadedIds: new Set([...delivery.loadedIds, ...items.map((i) => i.containerId)]) };
}
