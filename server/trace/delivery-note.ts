import type { Db } from '../db/schema';
import { containerContents } from './backward';
import { distinctBatches, inChunks, newActors, sortedList, type TracedBatch } from './windows';

/**
 * Backward from a delivery note (what a customer's complaint names): the
 * shipment(s) that carried it, each container on it with the batches the
 * record finds inside (not only those the terminal declared), and how the
 * shipment was allocated to the call-off. A number two customers were given
 * is answered for both unless the customer is named.
 */

export interface DeliveryNoteTrace {
  deliveryNote: string;
  shipments: {
    shipmentId: string;
    customerId: string | null;
    unloadingPoint: string | null;
    dispatchedAt: string;
    status: string;
    error: string | null;
    refusals: { containerId: string; code: string; message: string }[];
    allocations: { customerPartNumber: string; lineDate: string; commitment: string; quantity: number }[];
    containers: { containerId: string; sscc: string | null; customerPartNumber: string; quantity: number; declaredBatches: string[]; batches: TracedBatch[] }[];
  }[];
  /** Every batch on the note, once. */
  batches: TracedBatch[];
  containerIds: string[];
}

export async function traceDeliveryNote(db: Db, deliveryNote: string, customerId?: string): Promise<DeliveryNoteTrace | undefined> {
  const shipments = await db
    .selectFrom('edi_shipments')
    .selectAll()
    .where('delivery_note', '=', deliveryNote)
    .$if(customerId !== undefined, (qb) => qb.where('customer_id', '=', customerId as string))
    .orderBy('dispatched_at')
    .execute();
  if (shipments.length === 0) return undefined;
  const out: DeliveryNoteTrace = { deliveryNote, shipments: [], batches: [], containerIds: [] };
  // One query per table for all the note's shipments and containers, never one per line.
  const ids = shipments.map((s) => s.shipment_id);
  const lines = await db.selectFrom('edi_shipment_lines').selectAll().where('shipment_id', 'in', ids).orderBy('shipment_id').orderBy('line_no').execute();
  const refusals = await db.selectFrom('shipment_refusals').selectAll().where('shipment_id', 'in', ids).orderBy('container_id').orderBy('code').execute();
  const allocations = await db.selectFrom('shipment_allocations').selectAll().where('shipment_id', 'in', ids).orderBy('customer_part_number').orderBy('position').execute();
  const lineIds = sortedList(lines.map((l) => l.container_id));
  // A line names a container by its internal id: a container the record lacks has no batches found.
  const known: string[] = [];
  for (const chunk of inChunks(lineIds)) known.push(...(await db.selectFrom('containers').select('container_id').where('container_id', 'in', chunk).execute()).map((c) => c.container_id));
  const { batches: inside } = await containerContents(db, known, newActors());
  const all: TracedBatch[] = [];
  for (const s of shipments) {
    const containers: DeliveryNoteTrace['shipments'][number]['containers'] = [];
    for (const l of lines) {
      if (l.shipment_id !== s.shipment_id) continue;
      const found = distinctBatches(inside.get(l.container_id) ?? []);
      all.push(...found);
      containers.push({
        containerId: l.container_id,
        sscc: l.sscc,
        customerPartNumber: l.customer_part_number,
        quantity: Number(l.quantity),
        declaredBatches: (JSON.parse(l.batches) as { batch: string }[]).map((b) => b.batch),
        batches: found,
      });
    }
    out.shipments.push({
      shipmentId: s.shipment_id,
      customerId: s.customer_id,
      unloadingPoint: s.unloading_point,
      dispatchedAt: s.dispatched_at,
      status: s.status,
      error: s.error,
      refusals: refusals.filter((r) => r.shipment_id === s.shipment_id).map((r) => ({ containerId: r.container_id, code: r.code, message: r.message })),
      allocations: allocations
        .filter((a) => a.shipment_id === s.shipment_id)
        .map((a) => ({ customerPartNumber: a.customer_part_number, lineDate: a.line_date, commitment: a.commitment, quantity: Number(a.quantity) })),
      containers,
    });
  }
  out.batches = distinctBatches(all);
  out.containerIds = sortedList(out.shipments.flatMap((s) => s.containers.map((c) => c.containerId)));
  return out;
}
