import type { Customer } from '../../shared/master-data';
import type { ScheduleMessage } from '../../shared/edi/schedule';
import type { Db } from '../db/schema';
import { publishCallOff } from '../shipping/call-off-master';

/**
 * A delivery schedule replaces the previous one for the same customer part
 * (VDA 4905 and DELFOR both say so). What we shipped after the last delivery
 * note the customer names is still on its way to them: it is counted again
 * from our own shipments (those whose despatch advice went out), so the
 * cumulative quantity we expect them to have is theirs plus that.
 */

export interface ScheduleEffect {
  kind: 'schedules';
  customerId: string;
  parts: { customerPartNumber: string; materialId: string | null; cumulativeReceived: number | null; shippedSince: number; lines: number }[];
  unknownParts: string[];
}

async function shippedAfter(db: Db, customerId: string, part: string, deliveryNote: string | undefined): Promise<number> {
  if (!deliveryNote) return 0;
  const last = await db.selectFrom('edi_shipments').select('dispatched_at').where('customer_id', '=', customerId).where('delivery_note', '=', deliveryNote).executeTakeFirst();
  if (!last) return 0;
  const row = await db
    .selectFrom('edi_shipment_lines as l')
    .innerJoin('edi_shipments as s', 's.shipment_id', 'l.shipment_id')
    .select((eb) => eb.fn.sum<number | string | null>('l.quantity').as('total'))
    .where('s.customer_id', '=', customerId)
    .where('l.customer_part_number', '=', part)
    .where('s.dispatched_at', '>', last.dispatched_at)
    // Only what the outbox accepted is on its way: a refused or not yet checked shipment counts nothing.
    .where('s.status', '=', 'written')
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

export async function applySchedules(db: Db, message: ScheduleMessage, customer: Customer, messageId: string, at: string): Promise<ScheduleEffect> {
  const effect: ScheduleEffect = { kind: 'schedules', customerId: customer.id, parts: [], unknownParts: [] };
  for (const s of message.schedules) {
    const materialId = customer.parts.find((p) => p.customerPartNumber === s.customerPartNumber)?.materialId ?? null;
    if (!materialId) effect.unknownParts.push(s.customerPartNumber);
    const shippedSince = await shippedAfter(db, customer.id, s.customerPartNumber, s.lastDespatch?.deliveryNote);
    const row = {
      customer_id: customer.id,
      customer_part_number: s.customerPartNumber,
      material_id: materialId,
      schedule_number: s.scheduleNumber,
      schedule_date: s.scheduleDate,
      unit: s.unit,
      cumulative_received: s.cumulativeReceived ?? null,
      last_delivery_note: s.lastDespatch?.deliveryNote || null,
      last_receipt_date: s.lastDespatch?.date ?? null,
      shipped_since: shippedSince,
      lines: JSON.stringify(s.lines),
      message_id: messageId,
      updated_at: at,
    };
    const { customer_id: _customer, customer_part_number: _part, ...update } = row;
    await db
      .insertInto('delivery_schedules')
      .values(row)
      .onConflict((oc) => oc.columns(['customer_id', 'customer_part_number']).doUpdateSet(update))
      .execute();
    await publishCallOff(db, customer.id, s.customerPartNumber, at);
    effect.parts.push({ customerPartNumber: s.customerPartNumber, materialId, cumulativeReceived: s.cumulativeReceived ?? null, shippedSince, lines: s.lines.length });
  }
  return effect;
}

export interface ScheduleView {
  customerId: string;
  customerPartNumber: string;
  materialId: string | null;
  scheduleNumber: string;
  scheduleDate: string;
  cumulativeReceived: number | null;
  shippedSince: number;
  /** What the customer will have once everything shipped arrives: their figure plus ours in transit. */
  cumulativeExpected: number | null;
  lastDeliveryNote: string | null;
  lines: unknown[];
}

export async function listSchedules(db: Db, customerId?: string): Promise<ScheduleView[]> {
  let q = db.selectFrom('delivery_schedules').selectAll();
  if (customerId) q = q.where('customer_id', '=', customerId);
  const rows = await q.orderBy('customer_id').orderBy('customer_part_number').execute();
  return rows.map((r) => ({
    customerId: r.customer_id,
    customerPartNumber: r.customer_part_number,
    materialId: r.material_id,
    scheduleNumber: r.schedule_number,
    scheduleDate: r.schedule_date,
    cumulativeReceived: r.cumulative_received === null ? null : Number(r.cumulative_received),
    shippedSince: Number(r.shipped_since),
    cumulativeExpected: r.cumulative_received === null ? null : Number(r.cumulative_received) + Number(r.shipped_since),
    lastDeliveryNote: r.last_delivery_note,
    lines: JSON.parse(r.lines) as unknown[],
  }));
}
