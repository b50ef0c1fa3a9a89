import type { Customer } from '../../shared/master-data';
import type { ScheduleLine } from '../../shared/edi/schedule';
import { allocateToSchedule } from '../../shared/shipping/allocate';
import type { EdiShipmentsTable } from '../db/edi-schema';
import type { Db } from '../db/schema';
import { publishCallOff } from './call-off-master';
import { verifyDispatch, WAITING_CODES, type Refusal } from './verify-dispatch';

/**
 * Whether a dispatched shipment gets its despatch advice, decided when the
 * outbox takes it (after the push committed, so the packings of every
 * terminal synced by then are in the record): refused for what the record
 * rules out (a container on hold, a blocked batch, the wrong part, one on
 * an earlier truck, a delivery note another shipment has); waiting while
 * the record may only be behind (a container it does not know yet, still
 * open, holding fewer parts), up to the grace period, then refused for that
 * too. A refused shipment keeps its refusals and raises a quality flag, gets
 * no despatch advice and counts nothing: logistics must bring the goods back
 * or clear them. An accepted one is allocated to the schedule (firm lines
 * first, earliest first) and counted against it, in the caller's transaction.
 */

export type Acceptance = { kind: 'accepted' } | { kind: 'waiting'; reason: string } | { kind: 'refused'; refusals: Refusal[] };

export async function acceptShipment(trx: Db, shipment: EdiShipmentsTable, customer: Customer | undefined, now: Date, graceMs: number): Promise<Acceptance> {
  const lines = await trx.selectFrom('edi_shipment_lines').selectAll().where('shipment_id', '=', shipment.shipment_id).orderBy('line_no').execute();
  const items = lines.map((l) => ({
    containerId: l.container_id,
    materialId: l.material_id,
    customerPartNumber: l.customer_part_number,
    quantity: Number(l.quantity),
    batches: JSON.parse(l.batches) as { materialId?: string; batch: string }[],
    ...(l.sequence_id ? { sequenceId: l.sequence_id } : {}),
  }));
  const refusals = await verifyDispatch(trx, { shipmentId: shipment.shipment_id, dispatchedAt: shipment.dispatched_at, customer, customerId: shipment.customer_id ?? '', items });
  const taken = await trx
    .selectFrom('edi_shipments')
    .select('shipment_id')
    .where('customer_id', '=', shipment.customer_id)
    .where('delivery_note', '=', shipment.delivery_note)
    .where('shipment_id', '!=', shipment.shipment_id)
    .where('status', '!=', 'refused')
    .where((eb) => eb.or([eb('dispatched_at', '<', shipment.dispatched_at), eb.and([eb('dispatched_at', '=', shipment.dispatched_at), eb('shipment_id', '<', shipment.shipment_id)])]))
    .executeTakeFirst();
  if (taken) refusals.unshift({ containerId: '', code: 'delivery-note-taken', message: `Delivery note ${shipment.delivery_note} is already shipment ${taken.shipment_id}'s.` });

  if (refusals.length > 0 && refusals.every((r) => WAITING_CODES.has(r.code)) && now.getTime() - Date.parse(shipment.dispatched_at) < graceMs) {
    return { kind: 'waiting', reason: `waiting for the record: ${refusals.map((r) => r.message).join(' ')}` };
  }
  if (refusals.length > 0) {
    await trx.insertInto('shipment_refusals').values(refusals.map((r) => ({ shipment_id: shipment.shipment_id, container_id: r.containerId, code: r.code, message: r.message }))).onConflict((oc) => oc.doNothing()).execute();
    await trx
      .insertInto('quality_flags')
      .values({
        event_id: shipment.event_id.toLowerCase(),
        kind: 'shipment-refused',
        terminal_id: shipment.terminal_id,
        seq: shipment.event_seq ?? 0,
        type: 'ShipmentDispatched',
        order_id: null,
        material_id: null,
        batch: null,
        message: `Shipment ${shipment.shipment_id} (delivery note ${shipment.delivery_note}) carries what the record refuses: ${refusals.map((r) => r.message).join(' ')}`,
        occurred_at: shipment.dispatched_at,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return { kind: 'refused', refusals };
  }
  await allocateAndCount(trx, shipment.shipment_id, shipment.customer_id!, items, now.toISOString());
  return { kind: 'accepted' };
}

async function allocateAndCount(trx: Db, shipmentId: string, customerId: string, items: readonly { customerPartNumber: string; quantity: number }[], at: string): Promise<void> {
  const byPart = new Map<string, number>();
  for (const item of items) byPart.set(item.customerPartNumber, (byPart.get(item.customerPartNumber) ?? 0) + item.quantity);
  for (const [part, quantity] of [...byPart].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const schedule = await trx.selectFrom('delivery_schedules').select(['lines', 'shipped_since']).where('customer_id', '=', customerId).where('customer_part_number', '=', part).executeTakeFirst();
    const lines = schedule ? (JSON.parse(schedule.lines) as ScheduleLine[]) : [];
    const allocations = allocateToSchedule(lines, Number(schedule?.shipped_since ?? 0), quantity);
    await trx
      .insertInto('shipment_allocations')
      .values(allocations.map((a) => ({ shipment_id: shipmentId, customer_part_number: part, position: a.position, line_date: a.lineDate, commitment: a.commitment, quantity: a.quantity })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .updateTable('delivery_schedules')
      .set((eb) => ({ shipped_since: eb('shipped_since', '+', quantity) }))
      .where('customer_id', '=', customerId)
      .where('customer_part_number', '=', part)
      .execute();
    await publishCallOff(trx, customerId, part, at);
  }
}
