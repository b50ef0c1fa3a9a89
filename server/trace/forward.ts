import type { Db } from '../db/schema';
import type { OrderProgressTable } from '../db/projection-schema';
import { inChunks, insideWindow, sortedList } from './windows';

/**
 * Forward trace (DESIGN §8): from a material batch to every order, serial,
 * container and shipment that may hold it, with the time windows that put
 * it there, so that a recall is as narrow as the record allows.
 */

export interface BatchTrace {
  materialId: string;
  batch: string;
  blocked: string | null;
  suppliers: string[];
  windows: { orderId: string | null; lineId: string; terminalId: string; operatorId: string | null; from: string; to: string | null; supplier: string | null }[];
  orders: { orderId: string; from: string | null; to: string | null; consumed: number; goodQuantity: number; scrapQuantity: number; status: string | null }[];
  serials: { serial: string; orderId: string | null; producedAt: string; link: 'component' | 'window' }[];
  containers: { containerId: string; sscc: string | null; openedAt: string | null; closedAt: string | null; link: 'serial' | 'window'; from: string | null; to: string | null }[];
  /** `status` is the despatch advice's (pending, written, refused, no-detail…), null when the record has no delivery detail. */
  shipments: { shipmentId: string; deliveryNote: string | null; customerId: string | null; customer: string | null; status: string | null; dispatchedAt: string; containerIds: string[] }[];
}

export async function traceBatch(db: Db, materialId: string, batch: string): Promise<BatchTrace> {
  const windows = await db.selectFrom('batch_windows').selectAll().where('material_id', '=', materialId).where('batch', '=', batch).orderBy('from_at').execute();
  const consumption = await db.selectFrom('order_consumption').select(['order_id', 'quantity']).where('material_id', '=', materialId).where('batch', '=', batch).execute();
  const blocked = await db.selectFrom('blocked_batches').select('reason').where('material_id', '=', materialId).where('batch', '=', batch).executeTakeFirst();

  // Each serial comes with the containers it was packed into (a left join, not a second lookup of
  // every serial by IN lists): a batch in 9,000 parts asks as many queries as a batch in four.
  const serials = new Map<string, BatchTrace['serials'][number]>();
  const containers = new Map<string, BatchTrace['containers'][number]>();
  const packedSerial = (r: { container_id: string | null; packed_at: string | null }) => {
    if (r.container_id !== null && r.packed_at !== null) mergeContainer(containers, r.container_id, 'serial', r.packed_at, r.packed_at);
  };
  const explicit = await db
    .selectFrom('serial_components')
    .leftJoin('serials', 'serials.serial', 'serial_components.serial')
    .leftJoin('container_serials as cs', 'cs.serial', 'serial_components.serial')
    .select(['serial_components.serial as serial', 'serials.order_id as order_id', 'serials.produced_at as produced_at', 'cs.container_id as container_id', 'cs.packed_at as packed_at'])
    .where('serial_components.material_id', '=', materialId)
    .where('serial_components.batch', '=', batch)
    .execute();
  for (const s of explicit) {
    if (!serials.has(s.serial)) serials.set(s.serial, { serial: s.serial, orderId: s.order_id ?? null, producedAt: s.produced_at ?? '', link: 'component' });
    packedSerial(s);
  }

  // One query per table for all the batch's windows (a join, not a query per window): a batch
  // used in thousands of orders is traced in as many queries as a batch used in one. No DISTINCT:
  // a part inside two windows of the batch comes twice and the map keeps it once.
  const made = await db
    .selectFrom('serials')
    .innerJoin('batch_windows as w', (join) => join.on(insideWindow('serials.order_id', 'serials.produced_at')))
    .leftJoin('container_serials as cs', 'cs.serial', 'serials.serial')
    .select(['serials.serial as serial', 'serials.order_id as order_id', 'serials.produced_at as produced_at', 'cs.container_id as container_id', 'cs.packed_at as packed_at'])
    .where('w.material_id', '=', materialId)
    .where('w.batch', '=', batch)
    .where('w.order_id', '<>', '')
    // A part whose own scan names a batch of this material does not take it from the window.
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('serial_components').select('serial_components.serial').whereRef('serial_components.serial', '=', 'serials.serial').where('serial_components.material_id', '=', materialId))),
    )
    .execute();
  for (const s of made) {
    if (!serials.has(s.serial)) serials.set(s.serial, { serial: s.serial, orderId: s.order_id, producedAt: s.produced_at, link: 'window' });
    packedSerial(s);
  }

  // Each packing at its own time: a window in which nothing was packed puts the batch in no container.
  const packed = await db
    .selectFrom('container_packs as p')
    .innerJoin('batch_windows as w', (join) => join.on(insideWindow('p.order_id', 'p.packed_at')))
    .select(['p.container_id as container_id', 'p.packed_at as packed_at'])
    .where('w.material_id', '=', materialId)
    .where('w.batch', '=', batch)
    .where('w.order_id', '<>', '')
    .execute();
  for (const p of packed) mergeContainer(containers, p.container_id, 'window', p.packed_at, p.packed_at);

  await addContainerDetails(db, containers);
  const shipments = await shipmentsOf(db, [...containers.keys()]);

  return {
    materialId,
    batch,
    blocked: blocked?.reason ?? null,
    suppliers: sortedList(windows.flatMap((w) => (w.supplier ? [w.supplier] : []))),
    windows: windows.map((w) => ({ orderId: w.order_id, lineId: w.line_id, terminalId: w.terminal_id, operatorId: w.operator_id, from: w.from_at, to: w.to_at, supplier: w.supplier })),
    orders: await ordersOf(db, windows, consumption, [...serials.values()]),
    serials: [...serials.values()].sort((a, b) => (a.serial < b.serial ? -1 : 1)),
    containers: [...containers.values()].sort((a, b) => (a.containerId < b.containerId ? -1 : 1)),
    shipments,
  };
}

function mergeContainer(containers: Map<string, BatchTrace['containers'][number]>, containerId: string, link: 'serial' | 'window', from: string, to: string): void {
  const seen = containers.get(containerId);
  if (!seen) {
    containers.set(containerId, { containerId, sscc: null, openedAt: null, closedAt: null, link, from, to });
    return;
  }
  if (link === 'serial') seen.link = 'serial';
  if (seen.from === null || from < seen.from) seen.from = from;
  if (seen.to === null || to > seen.to) seen.to = to;
}

async function addContainerDetails(db: Db, containers: Map<string, BatchTrace['containers'][number]>): Promise<void> {
  const ids = [...containers.keys()];
  for (const chunk of inChunks(ids)) {
    for (const c of await db.selectFrom('containers').selectAll().where('container_id', 'in', chunk).execute()) {
      const entry = containers.get(c.container_id);
      if (entry) Object.assign(entry, { sscc: c.sscc, openedAt: c.opened_at, closedAt: c.closed_at });
    }
  }
}

/**
 * The shipments that took these containers, with the delivery note and
 * customer the despatch advice named (null for a dispatch booked without
 * them) and whether the server refused it: the recall reaches the customer.
 */
export async function shipmentsOf(db: Db, containerIds: string[]): Promise<BatchTrace['shipments']> {
  const byShipment = new Map<string, BatchTrace['shipments'][number]>();
  for (const chunk of inChunks(containerIds)) {
    const rows = await db
      .selectFrom('shipment_containers as sc')
      .leftJoin('edi_shipments as s', 's.shipment_id', 'sc.shipment_id')
      .select(['sc.shipment_id', 'sc.container_id', 'sc.customer', 'sc.dispatched_at', 's.delivery_note', 's.customer_id', 's.status'])
      .where('sc.container_id', 'in', chunk)
      .execute();
    for (const r of rows) {
      const s = byShipment.get(r.shipment_id) ?? {
        shipmentId: r.shipment_id,
        deliveryNote: r.delivery_note ?? null,
        customerId: r.customer_id ?? null,
        customer: r.customer,
        status: r.status ?? null,
        dispatchedAt: r.dispatched_at,
        containerIds: [],
      };
      s.containerIds.push(r.container_id);
      byShipment.set(r.shipment_id, s);
    }
  }
  return [...byShipment.values()].map((s) => ({ ...s, containerIds: s.containerIds.sort() })).sort((a, b) => (a.shipmentId < b.shipmentId ? -1 : 1));
}

async function ordersOf(
  db: Db,
  windows: { order_id: string | null; from_at: string; to_at: string | null }[],
  consumption: { order_id: string; quantity: number }[],
  serials: BatchTrace['serials'],
): Promise<BatchTrace['orders']> {
  const ids = sortedList([
    ...windows.flatMap((w) => (w.order_id ? [w.order_id] : [])),
    ...consumption.map((c) => c.order_id),
    ...serials.flatMap((s) => (s.orderId ? [s.orderId] : [])),
  ]);
  const progressOf = new Map<string, OrderProgressTable>();
  for (const chunk of inChunks(ids)) {
    for (const p of await db.selectFrom('order_progress').selectAll().where('order_id', 'in', chunk).execute()) progressOf.set(p.order_id, p);
  }
  const out: BatchTrace['orders'] = [];
  for (const orderId of ids) {
    const own = windows.filter((w) => w.order_id === orderId);
    const progress = progressOf.get(orderId);
    out.push({
      orderId,
      from: own.length ? own.map((w) => w.from_at).sort()[0]! : null,
      to: own.length === 0 || own.some((w) => w.to_at === null) ? null : own.map((w) => w.to_at as string).sort().at(-1)!,
      consumed: consumption.filter((c) => c.order_id === orderId).reduce((sum, c) => sum + Number(c.quantity), 0),
      goodQuantity: Number(progress?.good_quantity ?? 0),
      scrapQuantity: Number(progress?.scrap_quantity ?? 0),
      status: progress?.status ?? null,
    });
  }
  return out;
}
