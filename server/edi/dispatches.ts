import type { Transaction } from 'kysely';
import { parseEvent, type EventEnvelope } from '../../shared/events';
import type { Database } from '../db/schema';

/**
 * In the push transaction: each newly stored ShipmentDispatched becomes a
 * shipment waiting for its despatch advice (the outbox writer picks it up
 * after the commit), its lines are kept for the DESADV and the trace, and
 * the shipped quantity is counted against the customer part's schedule. A
 * dispatch without delivery note, customer or items (booked by an older
 * terminal) is kept with the reason no DESADV can be written for it.
 */
export async function recordDispatches(trx: Transaction<Database>, inserted: readonly EventEnvelope[]): Promise<void> {
  for (const event of inserted) {
    if (event.type !== 'ShipmentDispatched') continue;
    const parsed = parseEvent(event);
    if (parsed?.type !== 'ShipmentDispatched') continue;
    const p = parsed.payload;
    const missing = [!p.deliveryNoteNumber && 'deliveryNoteNumber', !p.customerId && 'customerId', !p.items?.length && 'items'].filter(Boolean);
    const at = new Date(event.occurredAt).toISOString();
    const written = await trx
      .insertInto('edi_shipments')
      .values({
        shipment_id: p.shipmentId,
        event_id: event.id,
        delivery_note: p.deliveryNoteNumber ?? null,
        customer_id: p.customerId ?? null,
        terminal_id: event.terminalId,
        dispatched_at: at,
        status: missing.length ? 'no-detail' : 'pending',
        error: missing.length ? `the dispatch carries no ${missing.join(', ')}: no despatch advice can be written` : null,
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
        })),
      )
      .execute();
    if (!p.customerId) continue;
    const byPart = new Map<string, number>();
    for (const item of p.items) byPart.set(item.customerPartNumber, (byPart.get(item.customerPartNumber) ?? 0) + item.quantity);
    for (const [part, quantity] of [...byPart].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await trx
        .updateTable('delivery_schedules')
        .set((eb) => ({ shipped_since: eb('shipped_since', '+', quantity) }))
        .where('customer_id', '=', p.customerId)
        .where('customer_part_number', '=', part)
        .execute();
    }
  }
}
