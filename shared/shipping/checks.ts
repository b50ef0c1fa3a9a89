import { findPosition, positionStatus, type JisState, type RackState } from '../jis/state';
import { accept, nok, type Verdict } from '../production/verdict';
import type { ShipmentItem } from './shipment';

/**
 * The checks of loading a container or a JIS rack onto a delivery (the
 * dispatch screen's commands call these; pure, so the terminal decides
 * offline). Each refusal is a coded reason the screen translates: the
 * container must be closed and labelled, hold the customer part the
 * delivery is for, not be on hold (a quality flag, a blocked batch inside)
 * nor shipped already, and the quantity must fit what the call-off still
 * asks for. A JIS rack goes in sequence order (the open rack with the lowest
 * sequence number first) and only when every position in it is built and
 * unchanged since.
 */

export interface Delivery {
  customerId: string;
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

function notTwice(id: string, delivery: Delivery, holds: HoldContext) {
  if (delivery.loadedIds.has(id)) return nok('already-loaded', `${id} is already on this delivery.`, { id });
  if (holds.shippedIds.has(id)) return nok('already-shipped', `${id} was already shipped.`, { id });
  return undefined;
}

function fitsCallOff(part: string, quantity: number, delivery: Delivery) {
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

export interface RackOnDock {
  rack: RackState;
  jis: JisState;
  materialId: string;
  batches: readonly { materialId?: string; batch: string }[];
  labelled: boolean;
  packagingType?: string;
}

const firstSequenceNumber = (r: RackState) => Math.min(...r.filled.map((f) => f.sequenceNumber));

export function checkRackLoad(delivery: Delivery, r: RackOnDock, holds: HoldContext): LoadVerdict {
  const { rack, jis } = r;
  const twice = notTwice(rack.rackId, delivery, holds);
  if (twice) return twice;
  if (rack.status !== 'closed') return nok('rack-not-closed', `Rack ${rack.rackId} is still open.`, { rackId: rack.rackId });
  if (!r.labelled) return nok('rack-not-labelled', `Rack ${rack.rackId} has no printed label.`, { rackId: rack.rackId });
  if (rack.filled.length === 0) return nok('rack-empty', `Rack ${rack.rackId} is empty.`, { rackId: rack.rackId });
  for (const f of [...rack.filled].sort((a, b) => a.slot - b.slot)) {
    const p = findPosition(jis, f.sequenceNumber);
    const status = p ? positionStatus(p) : 'open';
    if (!p || (status !== 'verified' && status !== 'overridden') || p.changedAfterBuild) {
      return nok('rack-incomplete', `Rack ${rack.rackId} slot ${f.slot} (position ${f.sequenceNumber}) is not built as the call-off now asks.`, { rackId: rack.rackId, slot: f.slot, sequenceNumber: f.sequenceNumber, changedAfterBuild: p?.changedAfterBuild ?? false });
    }
  }
  const waiting = jis.racks.filter((x) => x.status === 'closed' && x.filled.length > 0 && !holds.shippedIds.has(x.rackId) && !delivery.loadedIds.has(x.rackId));
  const next = waiting.reduce<RackState | undefined>((best, x) => (!best || firstSequenceNumber(x) < firstSequenceNumber(best) ? x : best), undefined);
  if (next && next.rackId !== rack.rackId) {
    return nok('rack-out-of-sequence', `Rack ${next.rackId} must be loaded before ${rack.rackId}.`, { rackId: rack.rackId, expected: next.rackId });
  }
  const positions = [...rack.filled].sort((a, b) => a.slot - b.slot).map((f) => findPosition(jis, f.sequenceNumber)!);
  const byPart = new Map<string, typeof positions>();
  for (const p of positions) byPart.set(p.data.customerPartNumber, [...(byPart.get(p.data.customerPartNumber) ?? []), p]);
  for (const [part, ofPart] of byPart) {
    const overCallOff = fitsCallOff(part, ofPart.reduce((sum, p) => sum + p.data.quantity, 0), delivery);
    if (overCallOff) return overCallOff;
  }
  const blocked = r.batches.find((b) => holds.blockedBatches.has(batchKey(b.materialId ?? r.materialId, b.batch)));
  if (blocked) return nok('batch-blocked', `Rack ${rack.rackId} holds blocked batch ${blocked.batch}.`, { rackId: rack.rackId, batch: blocked.batch });
  return accept([], {
    items: [...byPart].map(([part, ofPart]) => ({
      containerId: rack.rackId,
      materialId: r.materialId,
      customerPartNumber: part,
      quantity: ofPart.reduce((sum, p) => sum + p.data.quantity, 0),
      batches: r.batches.map((b) => ({ ...b })),
      ...(r.packagingType ? { packagingType: r.packagingType } : {}),
      sequenceId: jis.sequenceId,
      sequenceNumbers: ofPart.map((p) => p.data.sequenceNumber),
    })),
  });
}

/** The delivery after a load: the loaded ids and the quantities they took from the call-off. */
export function afterLoad(delivery: Delivery, items: readonly ShipmentItem[]): Delivery {
  const open = { ...delivery.openQuantity };
  for (const item of items) open[item.customerPartNumber] = (open[item.customerPartNumber] ?? 0) - item.quantity;
  return { ...delivery, openQuantity: open, loadedIds: new Set([...delivery.loadedIds, ...items.map((i) => i.containerId)]) };
}
