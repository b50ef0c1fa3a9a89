import { checkContainerLoad, type ContainerOnDock, type Delivery, type HoldContext } from '../../shared/shipping/checks';
import type { ShipmentItem } from '../../shared/shipping/shipment';
import { ContainerHold } from '../../shared/master-data-shipping';
import type { Customer } from '../../shared/master-data';
import type { Db } from '../db/schema';
import { activeRows } from '../edi/store';
import { traceContainer } from '../trace/backward';

/**
 * The server's own look at a dispatched shipment, against the plant's record
 * rather than what the terminal knew offline: every container must be known,
 * closed, hold the customer part it is declared as and as many parts as the
 * record says it holds, be on no hold (master data, by id, package number
 * or SSCC), hold no blocked batch (the batches the trace finds in it, not
 * only those the terminal listed) and be on no earlier shipment. The pure
 * rules are the dispatch screen's (shared/shipping/checks.ts), so terminal
 * and server refuse for the same reasons with the same codes.
 *
 * Some refusals may only mean the record is behind: the packing terminal
 * has not synced its closing (or the whole container) yet. Those are
 * `waiting` codes; the caller gives them time before it refuses for them.
 */

export const WAITING_CODES: ReadonlySet<string> = new Set(['container-unknown', 'container-not-closed', 'quantity-mismatch']);

export interface Refusal {
  containerId: string;
  code: string;
  message: string;
}

export interface DispatchToVerify {
  shipmentId: string;
  dispatchedAt: string;
  customer: Customer | undefined;
  customerId: string;
  items: readonly ShipmentItem[];
}

async function holdsFor(db: Db, d: DispatchToVerify, containerIds: readonly string[]): Promise<HoldContext> {
  const blocked = await db.selectFrom('blocked_batches').select(['material_id', 'batch']).execute();
  const holds = await activeRows(db, 'container-hold', ContainerHold);
  const shipped = containerIds.length === 0 ? [] : await db
    .selectFrom('shipment_containers as sc')
    .leftJoin('edi_shipments as s', 's.shipment_id', 'sc.shipment_id')
    .select('sc.container_id')
    .where('sc.container_id', 'in', [...containerIds])
    // The earlier of two trucks has the container (same time: the lower id), so they never refuse each other.
    .where((eb) => eb.or([eb('sc.dispatched_at', '<', d.dispatchedAt), eb.and([eb('sc.dispatched_at', '=', d.dispatchedAt), eb('sc.shipment_id', '<', d.shipmentId)])]))
    // A shipment the server refused did not count as delivered; its containers may go on another truck.
    .where((eb) => eb.or([eb('s.status', 'is', null), eb('s.status', '!=', 'refused')]))
    .execute();
  return {
    blockedBatches: new Set(blocked.map((b) => `${b.material_id}\u0000${b.batch}`)),
    heldContainers: new Map(holds.map((h) => [h.containerId, h.reason])),
    shippedIds: new Set(shipped.map((s) => s.container_id)),
  };
}

/** Parts in a container as the record has them: counted packings net of corrections, plus packed serials. */
export async function contentsOf(db: Db, containerId: string): Promise<number> {
  const counted = await db.selectFrom('container_orders').select((eb) => eb.fn.sum<number | string | null>('quantity').as('n')).where('container_id', '=', containerId).executeTakeFirst();
  const serials = await db.selectFrom('container_serials').select((eb) => eb.fn.countAll<number | string>().as('n')).where('container_id', '=', containerId).executeTakeFirst();
  return Number(counted?.n ?? 0) + Number(serials?.n ?? 0);
}

export async function verifyDispatch(db: Db, d: DispatchToVerify): Promise<Refusal[]> {
  if (!d.customer) return [{ containerId: '', code: 'customer-unknown', message: `customer ${d.customerId} is not in master data` }];
  const customer = d.customer;
  const refusals: Refusal[] = [];
  const ids = [...new Set(d.items.map((i) => i.containerId))];
  const holds = await holdsFor(db, d, ids);
  // Every part of the customer is open: quantity beyond the call-off is allocated as unscheduled, not refused here.
  let delivery: Delivery = { customerId: customer.id, openQuantity: Object.fromEntries(customer.parts.map((p) => [p.customerPartNumber, Number.MAX_SAFE_INTEGER])), loadedIds: new Set() };
  for (const containerId of ids) {
    const items = d.items.filter((i) => i.containerId === containerId);
    const refuse = (code: string, message: string) => refusals.push({ containerId, code, message });
    const declared = items.reduce((sum, i) => sum + i.quantity, 0);
    if (items.some((i) => i.sequenceId)) {
      // A JIS rack is checked position by position on the terminal; here: holds and blocked batches.
      const held = holds.heldContainers.get(containerId);
      if (held !== undefined) refuse('container-on-hold', `Rack ${containerId} is on hold: ${held}.`);
      const bad = items.flatMap((i) => i.batches.map((b) => ({ ...b, materialId: b.materialId ?? i.materialId }))).find((b) => holds.blockedBatches.has(`${b.materialId}\u0000${b.batch}`));
      if (bad) refuse('batch-blocked', `Rack ${containerId} holds blocked batch ${bad.batch}.`);
      continue;
    }
    const trace = await traceContainer(db, containerId);
    if (!trace || trace.containerId !== containerId) {
      refuse('container-unknown', `Container ${containerId} is not in the plant's record.`);
      continue;
    }
    const row = await db.selectFrom('containers').select(['material_id', 'closed_at']).where('container_id', '=', containerId).executeTakeFirstOrThrow();
    const materialId = row.material_id ?? items[0]!.materialId;
    const part = customer.parts.find((p) => p.materialId === materialId);
    const onHold = [containerId, trace.packageNumber, trace.sscc].map((k) => (k ? holds.heldContainers.get(k) : undefined)).find((r) => r !== undefined);
    const batches = [...trace.batches.map((b) => ({ materialId: b.materialId, batch: b.batch })), ...items.flatMap((i) => i.batches)];
    const dock: ContainerOnDock = {
      containerId,
      status: row.closed_at ? 'closed' : 'open',
      // The label is printed at the terminal; the record keeps no print confirmation, so the terminal's check stands.
      labelled: true,
      materialId,
      ...(part ? { customerPartNumber: part.customerPartNumber } : {}),
      quantity: declared,
      batches,
    };
    const verdict = checkContainerLoad(delivery, dock, { ...holds, heldContainers: onHold === undefined ? holds.heldContainers : new Map([...holds.heldContainers, [containerId, onHold]]) });
    if (!verdict.ok) {
      refuse(verdict.reason.code, verdict.reason.message);
      continue;
    }
    const wrongPart = items.find((i) => i.customerPartNumber !== part?.customerPartNumber);
    if (wrongPart) {
      refuse('wrong-customer-part', `Container ${containerId} holds ${part?.customerPartNumber} (material ${materialId}), not ${wrongPart.customerPartNumber}.`);
      continue;
    }
    const held = await contentsOf(db, containerId);
    if (held !== declared) refuse('quantity-mismatch', `Container ${containerId} holds ${held} parts in the record, the dispatch declares ${declared}.`);
    delivery = { ...delivery, loadedIds: new Set([...delivery.loadedIds, containerId]) };
  }
  return refusals;
}
