import type { Transaction } from 'kysely';
import type { Database, Db } from '../db/schema';
import { orderTimesOf, type OrderTimes } from '../oee/order-times';

/**
 * ERP confirmations: when an order is projected as completed it gets a
 * confirmation with its actual quantities, numbered from one counter. The
 * number is the ERP's cursor: `after=N` always returns the same confirmations.
 * Bookings that reach the server after the completion (a terminal that was
 * offline) change the totals; the order then gets a new confirmation, a
 * higher number, naming the one it supersedes.
 */

export interface ErpConfirmation {
  number: number;
  orderId: string;
  orderNumber: string;
  lineId: string;
  materialId: string | null;
  completedAt: string | null;
  goodQuantity: number;
  scrapQuantity: number;
  scrapByReason: { reasonId: string; quantity: number }[];
  consumption: { materialId: string; batch: string; quantity: number }[];
  /** Actual run and stop times of the order from the OEE fold (absent when the order's start was never seen). */
  runSeconds?: OrderTimes['runSeconds'];
  stopSeconds?: OrderTimes['stopSeconds'];
  stopsByReason?: OrderTimes['stopsByReason'];
  /** The earlier confirmation of the same order these totals replace. */
  supersedes: number | null;
  confirmedAt: string;
}

type Snapshot = Omit<ErpConfirmation, 'number' | 'supersedes' | 'confirmedAt'>;

/** Confirms (again, if the totals changed) every completed order among `orderIds`; call inside the push transaction. */
export async function confirmCompletedOrders(trx: Transaction<Database>, orderIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(orderIds)].sort();
  if (ids.length === 0) return;
  const completed = await trx.selectFrom('order_progress').selectAll().where('order_id', 'in', ids).where('status', '=', 'completed').orderBy('order_id').execute();
  for (const progress of completed) {
    const snapshot = await snapshotOf(trx, progress);
    const data = JSON.stringify(snapshot);
    const previous = await trx
      .selectFrom('erp_confirmations')
      .select(['number', 'data'])
      .where('order_id', '=', progress.order_id)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (previous && sameSnapshot(previous.data, data)) continue;
    // The counter row stays locked until commit in PostgreSQL: numbers become visible in order.
    const counter = await trx
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', 'erp_confirmation')
      .returning('value')
      .executeTakeFirstOrThrow();
    const stored = { ...snapshot, supersedes: previous ? Number(previous.number) : null };
    await trx
      .insertInto('erp_confirmations')
      .values({ number: Number(counter.value), order_id: progress.order_id, data: JSON.stringify(stored), created_at: new Date().toISOString() })
      .execute();
  }
}

function sameSnapshot(storedData: string, snapshotData: string): boolean {
  const { supersedes: _supersedes, ...rest } = JSON.parse(storedData) as Snapshot & { supersedes: unknown };
  return JSON.stringify(rest) === snapshotData;
}

async function snapshotOf(trx: Transaction<Database>, progress: { order_id: string; line_id: string; material_id: string | null; started_at: string | null; completed_at: string | null; good_quantity: number; scrap_quantity: number }): Promise<Snapshot> {
  // A reason whose scrap was fully undone stays as a zero row; the ERP hears only real scrap.
  const scrap = await trx
    .selectFrom('order_scrap')
    .select(['reason_id', 'quantity'])
    .where('order_id', '=', progress.order_id)
    .where('quantity', '>', 0)
    .orderBy('reason_id')
    .execute();
  const consumption = await trx
    .selectFrom('order_consumption')
    .select(['material_id', 'batch', 'quantity'])
    .where('order_id', '=', progress.order_id)
    .orderBy('material_id')
    .orderBy('batch')
    .execute();
  const master = await trx.selectFrom('master_data').select('data').where('kind', '=', 'order').where('id', '=', progress.order_id).where('deleted', '=', 0).executeTakeFirst();
  const orderNumber = master?.data ? String((JSON.parse(master.data) as { number?: unknown }).number ?? progress.order_id) : progress.order_id;
  return {
    orderId: progress.order_id,
    orderNumber,
    lineId: progress.line_id,
    materialId: progress.material_id,
    completedAt: progress.completed_at,
    goodQuantity: Number(progress.good_quantity),
    scrapQuantity: Number(progress.scrap_quantity),
    scrapByReason: scrap.map((s) => ({ reasonId: s.reason_id, quantity: Number(s.quantity) })),
    consumption: consumption.map((c) => ({ materialId: c.material_id, batch: c.batch, quantity: Number(c.quantity) })),
    ...((await orderTimesOf(trx, progress)) ?? {}),
  };
}

/** One page of confirmations after the cursor, in number order. */
export async function confirmationsAfter(db: Db, query: { after: number; limit: number }): Promise<{ confirmations: ErpConfirmation[]; cursor: number; hasMore: boolean }> {
  const rows = await db
    .selectFrom('erp_confirmations')
    .selectAll()
    .where('number', '>', query.after)
    .orderBy('number')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit).map((r) => ({
    number: Number(r.number),
    ...(JSON.parse(r.data) as Omit<ErpConfirmation, 'number' | 'confirmedAt'>),
    confirmedAt: r.created_at,
  }));
  return { confirmations: page, cursor: page.at(-1)?.number ?? query.after, hasMore: rows.length > query.limit };
}
