import type { EventEnvelope } from '../../shared/events';
import { Line, Order, Terminal } from '../../shared/master-data';
import type { DockContainer } from '../../shared/master-data-shipping';
import type { Db } from '../db/schema';
import { getMaster, upsertMaster } from '../master-data-store';
import { traceContainer } from '../trace/backward';
import { contentsOf } from './verify-dispatch';

/**
 * Offers the plant's closed containers to the terminals that ship, as
 * master data of kind `dock-container` (the same revisions, pages and
 * live notification as every row, scoped to the packing line's plant):
 * written as a container's closing arrives and again when a shipment
 * carries it or the outbox refuses that shipment. In the caller's
 * transaction, so the row and the record it comes from commit together.
 */

/** The containers a group of pushed events closes or ships: their rows change. */
export function containersTouched(events: readonly EventEnvelope[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.type === 'ContainerClosed' && typeof e.payload['containerId'] === 'string') ids.add(e.payload['containerId']);
    if (e.type === 'ShipmentDispatched' && Array.isArray(e.payload['containerIds'])) for (const id of e.payload['containerIds']) if (typeof id === 'string') ids.add(id);
  }
  return [...ids].sort();
}

export async function publishDockContainers(db: Db, containerIds: Iterable<string>): Promise<void> {
  for (const id of new Set(containerIds)) await publishDockContainer(db, id);
}

async function plantOfTerminal(db: Db, terminalId: string): Promise<string | null> {
  const terminal = Terminal.safeParse(await getMaster(db, 'terminal', terminalId));
  if (!terminal.success) return null;
  const line = Line.safeParse(await getMaster(db, 'line', terminal.data.lineId));
  return line.success ? line.data.plantId : null;
}

/** The material packed: the container's own, else the material of the first order packed into it. */
async function materialOf(db: Db, containerId: string, own: string | null): Promise<string> {
  if (own) return own;
  const pack = await db.selectFrom('container_orders').select('order_id').where('container_id', '=', containerId).orderBy('first_at').executeTakeFirst();
  const order = pack ? Order.safeParse(await getMaster(db, 'order', pack.order_id)) : undefined;
  return order?.success ? order.data.materialId : '';
}

/** The earliest shipment that carries it and that the server did not refuse (a refused one did not count as delivered). */
async function shipmentOf(db: Db, containerId: string) {
  return db
    .selectFrom('shipment_containers as sc')
    .leftJoin('edi_shipments as s', 's.shipment_id', 'sc.shipment_id')
    .select(['sc.shipment_id', 'sc.dispatched_at'])
    .where('sc.container_id', '=', containerId)
    .where((eb) => eb.or([eb('s.status', 'is', null), eb('s.status', '!=', 'refused')]))
    .orderBy('sc.dispatched_at')
    .orderBy('sc.shipment_id')
    .executeTakeFirst();
}

async function publishDockContainer(db: Db, containerId: string): Promise<void> {
  const row = await db.selectFrom('containers').selectAll().where('container_id', '=', containerId).executeTakeFirst();
  // An open container is nothing to load; it is offered once its closing arrives.
  if (!row?.closed_at || !row.terminal_id) return;
  const plantId = await plantOfTerminal(db, row.terminal_id);
  if (!plantId) return;
  const trace = await traceContainer(db, containerId);
  const shipped = await shipmentOf(db, containerId);
  const times = [row.closed_at, shipped?.dispatched_at].filter((t): t is string => typeof t === 'string').map((t) => new Date(t).toISOString());
  const dock: DockContainer = {
    id: containerId,
    ...(row.package_number ? { packageNumber: row.package_number } : {}),
    ...(row.sscc ? { sscc: row.sscc } : {}),
    materialId: await materialOf(db, containerId, row.material_id),
    quantity: await contentsOf(db, containerId),
    batches: (trace?.batches ?? []).map((b) => ({ materialId: b.materialId, batch: b.batch })),
    status: 'closed',
    labelled: true,
    ...(shipped ? { shippedIn: shipped.shipment_id } : {}),
    plantId,
    terminalId: row.terminal_id,
    updatedAt: times.sort().at(-1)!,
  };
  const written = await upsertMaster(db, 'dock-container', dock);
  if (!written.ok) throw new Error(`dock-container ${containerId}: ${written.error.message}`);
}
