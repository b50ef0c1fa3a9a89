import type { EdiMessageRow, ShipmentSummary } from '../../shared/edi/rows';
import { newId } from '../../shared/ids';
import { Customer, Plant } from '../../shared/master-data';
import type { Db } from '../db/schema';
import type { EdiMessagesTable } from '../db/edi-schema';

/**
 * What the EDI service reads and writes besides its own tables: customers
 * and the plant from master data, numbered counters (outbound interchange
 * references, VDA 4913 transmission numbers), and the message archive.
 */

export async function activeRows<T>(db: Db, kind: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): Promise<T[]> {
  const rows = await db.selectFrom('master_data').select('data').where('kind', '=', kind).where('deleted', '=', 0).execute();
  const out: T[] = [];
  for (const r of rows) {
    const parsed = schema.safeParse(JSON.parse(r.data ?? 'null'));
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

export const loadCustomers = (db: Db): Promise<Customer[]> => activeRows(db, 'customer', Customer);
export const loadPlant = async (db: Db): Promise<Plant | undefined> => (await activeRows(db, 'plant', Plant))[0];

/**
 * The customer a message is from: by our supplier number at that customer
 * (what their messages address us with), or by their id when it is the one
 * they send.
 */
export function customerOfMessage(customers: readonly Customer[], message: { customer: string; supplier: string }): Customer | undefined {
  const bySupplier = customers.filter((c) => c.supplierNumber === message.supplier);
  return bySupplier.find((c) => c.id === message.customer) ?? (bySupplier.length === 1 ? bySupplier[0] : undefined) ?? customers.find((c) => c.id === message.customer);
}

/** Next value of a named counter, created at 0 on first use; inside the caller's transaction. */
export async function nextCounter(db: Db, name: string): Promise<number> {
  await db.insertInto('counters').values({ name, value: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export type ArchivedMessage = Omit<EdiMessagesTable, 'id'> & { id?: string };

export async function archive(db: Db, row: ArchivedMessage): Promise<string> {
  const id = row.id ?? newId();
  await db.insertInto('edi_messages').values({ ...row, id }).execute();
  return id;
}

/** The archive without the raw text (lists stay small); `getMessage` has everything. */
export async function listMessages(db: Db, direction: 'in' | 'out' | undefined, limit: number): Promise<EdiMessageRow[]> {
  let q = db.selectFrom('edi_messages').select(['id', 'direction', 'format', 'partner', 'reference', 'source', 'file_name', 'at', 'status', 'parsed', 'warnings', 'error', 'effect', 'answer']);
  if (direction) q = q.where('direction', '=', direction);
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function getMessage(db: Db, id: string): Promise<EdiMessagesTable | undefined> {
  return db.selectFrom('edi_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest shipments with what they hold, for the deliveries page (the lines themselves: the delivery-note trace). */
export async function listShipments(db: Db, limit = 500): Promise<ShipmentSummary[]> {
  const rows = await db
    .selectFrom('edi_shipments as s')
    .leftJoin('edi_shipment_lines as l', 'l.shipment_id', 's.shipment_id')
    .select(['s.shipment_id', 's.delivery_note', 's.customer_id', 's.terminal_id', 's.dispatched_at', 's.status', 's.error', 's.unloading_point', 's.master_sscc'])
    .select((eb) => [eb.fn.count<string>('l.line_no').as('containers'), eb.fn.coalesce(eb.fn.sum<string>('l.quantity'), eb.lit(0)).as('quantity')])
    .groupBy(['s.shipment_id', 's.delivery_note', 's.customer_id', 's.terminal_id', 's.dispatched_at', 's.status', 's.error', 's.unloading_point', 's.master_sscc'])
    .orderBy('s.dispatched_at', 'desc')
    .orderBy('s.shipment_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, containers: Number(r.containers), quantity: Number(r.quantity) }));
}
