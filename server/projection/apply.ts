import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { BatchUse, ProjectionPlan } from './plan';

/**
 * The database half of projecting: applies a plan inside the push
 * transaction. Rows go in sorted by key and tables in a fixed order, so two
 * concurrent pushes in PostgreSQL take row locks in the same order and never
 * deadlock. Counters are added (`x = x + excluded.x`), times merged (earliest
 * start, latest status), so the result does not depend on arrival order.
 */

type Trx = Transaction<Database>;

const CHUNK = 200;

function sortedValues<T>(map: Map<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

export async function applyPlan(trx: Trx, plan: ProjectionPlan): Promise<void> {
  await applyOrders(trx, plan);
  await applyLoads(trx, plan);
  await applyCompletions(trx, plan);
  await applyGenealogy(trx, plan);
  await applyFlags(trx, plan);
}

async function applyOrders(trx: Trx, plan: ProjectionPlan): Promise<void> {
  for (const rows of chunks(sortedValues(plan.orders))) {
    await trx
      .insertInto('order_progress')
      .values(rows)
      .onConflict((oc) =>
        oc.column('order_id').doUpdateSet({
          material_id: sql`COALESCE(order_progress.material_id, excluded.material_id)`,
          good_quantity: sql`order_progress.good_quantity + excluded.good_quantity`,
          scrap_quantity: sql`order_progress.scrap_quantity + excluded.scrap_quantity`,
          status: sql`CASE WHEN excluded.status_at IS NOT NULL AND (order_progress.status_at IS NULL OR excluded.status_at >= order_progress.status_at) THEN excluded.status ELSE order_progress.status END`,
          status_at: sql`CASE WHEN excluded.status_at IS NOT NULL AND (order_progress.status_at IS NULL OR excluded.status_at >= order_progress.status_at) THEN excluded.status_at ELSE order_progress.status_at END`,
          started_at: sql`CASE WHEN order_progress.started_at IS NULL OR excluded.started_at < order_progress.started_at THEN excluded.started_at ELSE order_progress.started_at END`,
          completed_at: sql`CASE WHEN order_progress.completed_at IS NULL OR excluded.completed_at > order_progress.completed_at THEN excluded.completed_at ELSE order_progress.completed_at END`,
        }),
      )
      .execute();
  }
  for (const rows of chunks(sortedValues(plan.scrap))) {
    await trx
      .insertInto('order_scrap')
      .values(rows)
      .onConflict((oc) => oc.columns(['order_id', 'reason_id']).doUpdateSet({ quantity: sql`order_scrap.quantity + excluded.quantity` }))
      .execute();
  }
  for (const rows of chunks(sortedValues(plan.consumption))) {
    await trx
      .insertInto('order_consumption')
      .values(rows)
      .onConflict((oc) => oc.columns(['order_id', 'material_id', 'batch']).doUpdateSet({ quantity: sql`order_consumption.quantity + excluded.quantity` }))
      .execute();
  }
}

/**
 * A load opens a window for its material in its scope (order, or line) that
 * lasts until the next load of that material in the scope, or until the order
 * completes. Loads may arrive in any order, so each one both ends the window
 * it interrupts and ends itself at the next later load already stored.
 */
async function applyLoads(trx: Trx, plan: ProjectionPlan): Promise<void> {
  for (const load of plan.loads) {
    const inserted = await trx.insertInto('batch_windows').values({ ...load, to_at: null }).onConflict((oc) => oc.column('event_id').doNothing()).returning('event_id').execute();
    if (inserted.length === 0) continue;
    const next = await trx
      .selectFrom('batch_windows')
      .select((eb) => eb.fn.min('from_at').as('next'))
      .where('scope', '=', load.scope)
      .where('material_id', '=', load.material_id)
      .where('from_at', '>', load.from_at)
      .executeTakeFirst();
    let end = (next?.next as string | null | undefined) ?? null;
    if (load.order_id) {
      const order = await trx.selectFrom('order_progress').select('completed_at').where('order_id', '=', load.order_id).executeTakeFirst();
      const completedAt = order?.completed_at ?? null;
      if (completedAt && completedAt > load.from_at && (end === null || completedAt < end)) end = completedAt;
    }
    if (end !== null) await trx.updateTable('batch_windows').set({ to_at: end }).where('event_id', '=', load.event_id).execute();
    await trx
      .updateTable('batch_windows')
      .set({ to_at: load.from_at })
      .where('scope', '=', load.scope)
      .where('material_id', '=', load.material_id)
      .where('from_at', '<', load.from_at)
      .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>', load.from_at)]))
      .execute();
  }
}

async function applyCompletions(trx: Trx, plan: ProjectionPlan): Promise<void> {
  const sorted = [...plan.completions].sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
  for (const { orderId, at } of sorted) {
    await trx
      .updateTable('batch_windows')
      .set({ to_at: at })
      .where('order_id', '=', orderId)
      .where('from_at', '<', at)
      .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>', at)]))
      .execute();
  }
}

async function applyGenealogy(trx: Trx, plan: ProjectionPlan): Promise<void> {
  for (const rows of chunks(plan.serials)) {
    await trx.insertInto('serials').values(rows).onConflict((oc) => oc.column('serial').doNothing()).execute();
  }
  for (const rows of chunks(plan.components)) {
    await trx.insertInto('serial_components').values(rows).onConflict((oc) => oc.columns(['serial', 'material_id', 'batch']).doNothing()).execute();
  }
  for (const rows of chunks(sortedValues(plan.containers))) {
    await trx
      .insertInto('containers')
      .values(rows)
      .onConflict((oc) =>
        oc.column('container_id').doUpdateSet({
          sscc: sql`COALESCE(excluded.sscc, containers.sscc)`,
          material_id: sql`COALESCE(excluded.material_id, containers.material_id)`,
          terminal_id: sql`COALESCE(excluded.terminal_id, containers.terminal_id)`,
          operator_id: sql`COALESCE(excluded.operator_id, containers.operator_id)`,
          opened_at: sql`CASE WHEN containers.opened_at IS NULL OR excluded.opened_at < containers.opened_at THEN excluded.opened_at ELSE containers.opened_at END`,
          closed_at: sql`CASE WHEN containers.closed_at IS NULL OR excluded.closed_at > containers.closed_at THEN excluded.closed_at ELSE containers.closed_at END`,
          package_number: sql`COALESCE(containers.package_number, excluded.package_number)`,
        }),
      )
      .execute();
  }
  for (const rows of chunks(plan.containerSerials)) {
    await trx.insertInto('container_serials').values(rows).onConflict((oc) => oc.columns(['container_id', 'serial']).doNothing()).execute();
  }
  for (const rows of chunks(sortedValues(plan.containerOrders))) {
    await trx
      .insertInto('container_orders')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['container_id', 'order_id', 'terminal_id', 'operator_id']).doUpdateSet({
          quantity: sql`container_orders.quantity + excluded.quantity`,
          first_at: sql`CASE WHEN excluded.first_at < container_orders.first_at THEN excluded.first_at ELSE container_orders.first_at END`,
          last_at: sql`CASE WHEN excluded.last_at > container_orders.last_at THEN excluded.last_at ELSE container_orders.last_at END`,
        }),
      )
      .execute();
  }
  const packs = [...plan.containerPacks].sort((a, b) => (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0));
  for (const rows of chunks(packs)) {
    await trx.insertInto('container_packs').values(rows).onConflict((oc) => oc.column('event_id').doNothing()).execute();
  }
  for (const rows of chunks(plan.shipments)) {
    await trx.insertInto('shipment_containers').values(rows).onConflict((oc) => oc.columns(['shipment_id', 'container_id']).doNothing()).execute();
  }
}

async function applyFlags(trx: Trx, plan: ProjectionPlan): Promise<void> {
  const flags = [...plan.flags, ...(await blockedBatchFlags(trx, plan.batchUses))];
  for (const rows of chunks(flags)) {
    await trx.insertInto('quality_flags').values(rows).onConflict((oc) => oc.columns(['event_id', 'kind']).doNothing()).execute();
  }
}

/** Flags for every use of a batch that is blocked now: the fact stands, quality is told. */
async function blockedBatchFlags(trx: Trx, uses: readonly BatchUse[]): Promise<ProjectionPlan['flags']> {
  if (uses.length === 0) return [];
  const batches = [...new Set(uses.map((u) => u.batch))];
  const blocked = new Map<string, string>();
  for (const part of chunks(batches)) {
    const rows = await trx.selectFrom('blocked_batches').select(['material_id', 'batch', 'reason']).where('batch', 'in', part).execute();
    for (const r of rows) blocked.set(`${r.material_id}\u0000${r.batch}`, r.reason);
  }
  const flags: ProjectionPlan['flags'] = [];
  for (const use of uses) {
    const reason = blocked.get(`${use.materialId}\u0000${use.batch}`);
    if (reason === undefined) continue;
    flags.push({
      event_id: use.eventId,
      kind: 'blocked-batch',
      terminal_id: use.terminalId,
      seq: use.seq,
      type: use.type,
      order_id: use.orderId,
      material_id: use.materialId,
      batch: use.batch,
      message: `blocked batch ${use.batch} of ${use.materialId} used (${use.type}): ${reason}`,
      occurred_at: use.occurredAt,
    });
  }
  // One event may name a batch twice (a part with two components of one batch): one flag.
  return [...new Map(flags.map((f) => [`${f.event_id}\u0000${f.kind}`, f])).values()];
}
