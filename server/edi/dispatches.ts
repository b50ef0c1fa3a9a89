import type { Transaction } from 'kysely';
import { parseEvent, type EventEnvelope } from '../../shared/events';
import type { Database, Db } from '../db/schema';
import { nextCounter } from './store';

/**
 * In the push transaction: each newly stored ShipmentDispatched becomes a
 * shipment waiting for its despatch advice, with its lines kept for the
 * DESADV and the trace. The outbox writer (after the commit) checks it
 * against the plant's record, allocates and counts it, or refuses it
 * (server/shipping/accept-shipment.ts). A dispatch booked without a delivery
 * note gets the server's next one; one without customer or items (booked by
 * an older terminal) is kept with the reason no DESADV can be written for it.
 */

/** Lieferschein numbers the server gives: a counter, skipping any number a terminal already used for this customer. */
async function allocateDeliveryNote(trx: Db, customerId: string): Promise<string> {
  for (;;) {
    const note = String(await nextCounter(trx, 'delivery_note'));
    const used = await trx.selectFrom('edi_shipments').select('shipment_id').where('customer_id', '=', customerId).where('delivery_note', '=', note).executeTakeFirst();
    if (!used) return note;
  }
}

export async function recordDispatches(trx: Transaction<Database>, inserted: readonly EventEnvelope[]): Promise<void> {
  for (const event of inserted) {
    if (event.type !== 'ShipmentDispatched') continue;
    const parsed = parseEvent(event);
    if (parsed?.type !== 'ShipmentDispatched') continue;
    const p = parsed.payload;
    const missing = [!p.customerId && 'customerId', !p.items?.length && 'items'].filter(Boolean);
    const note = p.deliveryNoteNumber ?? (missing.length === 0 ? await allocateDeliveryNote(trx, p.customerId!) : null);
    const written = await trx
      .insertInto('edi_shipments')
      .values({
        shipment_id: p.shipmentId,
        event_id: event.id,
        event_seq: event.seq,
        delivery_note: note,
        customer_id: p.customerId ?? null,
        terminal_id: event.terminalId,
        dispatched_at: new Date(event.occurredAt).toISOString(),
        status: missing.length ? 'no-detail' : 'pending',
        error: missing.length ? `the dispatch carries no ${missing.join(', ')}: no despatch advice can be written` : null,
        unloading_point: p.unloadingPoint || null,
        master_sscc: p.masterSscc ?? null,
      })
      .onConflict((oc) => oc.column('shipment_id').doNothing())
      .executeTakeFirst();
    // A second event with the same shipment id (a terminal bug) must not count the goods twice.
    if (Number(written.numInsertedOrUpdatedRows ?? 0) === 0 || !p.items?.length) continue;
    await trx
      .insertInto('edi_shipment_lines')
      .values(
        p.items.map((item, i) => ({
          shipment_id: p.shipmentId,
          line_no: i + 1,
          container_id: item.containerId,
          sscc: item.sscc ?? null,
          customer_part_number: item.customerPartNumber,
          material_id: item.materialId,
          quantity: item.quantity,
          batches: JSON.stringify(item.batches),
          sequence_id: item.sequenceId ?? null,
        })),
      )
      .execute();
  }
}
