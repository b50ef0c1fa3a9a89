import type { Db } from '../db/schema';
import { shipmentsOf, type BatchTrace } from './forward';
import { addActor, batchesOfSerial, distinctBatches, newActors, sortedList, windowsOverlapping, type Actors, type TracedBatch } from './windows';

/**
 * Backward trace (DESIGN §8): from a container or a serial back to the
 * batches in it, their suppliers, and the operators and terminals that
 * loaded, made and packed it.
 */

interface Origins {
  batches: TracedBatch[];
  suppliers: string[];
  operators: string[];
  terminals: string[];
}

export interface ContainerTrace extends Origins {
  containerId: string;
  /** The package number its label prints (VDA 4902 field 14). */
  packageNumber: string | null;
  /** Other containers with the same package number or SSCC, when the key asked for was not an internal id. */
  alsoMatching: string[];
  sscc: string | null;
  openedAt: string | null;
  closedAt: string | null;
  serials: { serial: string; orderId: string | null; producedAt: string | null; packedAt: string }[];
  orders: { orderId: string; quantity: number; from: string; to: string }[];
  shipments: BatchTrace['shipments'];
}

export interface SerialTrace extends Origins {
  serial: string;
  orderId: string | null;
  materialId: string | null;
  producedAt: string | null;
  containerIds: string[];
  shipments: BatchTrace['shipments'];
}

function origins(batches: TracedBatch[], actors: Actors): Origins {
  const distinct = distinctBatches(batches);
  return {
    batches: distinct,
    suppliers: sortedList(distinct.flatMap((b) => (b.supplier ? [b.supplier] : []))),
    operators: sortedList(actors.operators),
    terminals: sortedList(actors.terminals),
  };
}

/**
 * The containers a key names: its internal id, else the package number its
 * label prints or its SSCC, newest first (the number in hand is a label's).
 */
async function containersNamed(db: Db, key: string) {
  const exact = await db.selectFrom('containers').selectAll().where('container_id', '=', key).execute();
  if (exact.length > 0) return exact;
  return db
    .selectFrom('containers')
    .selectAll()
    .where((eb) => eb.or([eb('package_number', '=', key), eb('sscc', '=', key)]))
    .orderBy('opened_at', 'desc')
    .orderBy('container_id')
    .execute();
}

/** Undefined when the record knows no such container (by id, printed package number or SSCC). */
export async function traceContainer(db: Db, key: string): Promise<ContainerTrace | undefined> {
  const [container, ...others] = await containersNamed(db, key);
  if (!container) return undefined;
  const containerId = container.container_id;
  const actors = newActors();
  addActor(actors, container.terminal_id, container.operator_id);
  const batches: TracedBatch[] = [];

  const packedSerials = await db.selectFrom('container_serials').selectAll().where('container_id', '=', containerId).orderBy('serial').execute();
  const serials: ContainerTrace['serials'] = [];
  for (const packed of packedSerials) {
    addActor(actors, packed.terminal_id, packed.operator_id);
    const made = await db.selectFrom('serials').selectAll().where('serial', '=', packed.serial).executeTakeFirst();
    serials.push({ serial: packed.serial, orderId: made?.order_id ?? null, producedAt: made?.produced_at ?? null, packedAt: packed.packed_at });
    if (!made) continue;
    addActor(actors, made.terminal_id, made.operator_id);
    batches.push(...(await batchesOfSerial(db, made, actors)));
  }

  const packs = await db.selectFrom('container_orders').selectAll().where('container_id', '=', containerId).execute();
  const orders = new Map<string, ContainerTrace['orders'][number]>();
  for (const pack of packs) {
    addActor(actors, pack.terminal_id, pack.operator_id || null);
    const seen = orders.get(pack.order_id);
    orders.set(pack.order_id, {
      orderId: pack.order_id,
      quantity: (seen?.quantity ?? 0) + Number(pack.quantity),
      from: seen && seen.from < pack.first_at ? seen.from : pack.first_at,
      to: seen && seen.to > pack.last_at ? seen.to : pack.last_at,
    });
  }
  // A window counts only when a packing of that order fell inside it, not merely between the first and last.
  const packTimes = await db.selectFrom('container_packs').select(['order_id', 'packed_at']).where('container_id', '=', containerId).execute();
  for (const order of orders.values()) {
    const times = packTimes.filter((p) => p.order_id === order.orderId).map((p) => p.packed_at);
    for (const w of await windowsOverlapping(db, order.orderId, order.from, order.to)) {
      if (!times.some((t) => w.from_at <= t && (w.to_at === null || t < w.to_at))) continue;
      batches.push({ materialId: w.material_id, batch: w.batch, supplier: w.supplier, link: 'window' });
      addActor(actors, w.terminal_id, w.operator_id);
    }
  }

  return {
    containerId,
    packageNumber: container.package_number,
    alsoMatching: others.map((o) => o.container_id),
    sscc: container.sscc,
    openedAt: container.opened_at,
    closedAt: container.closed_at,
    serials,
    orders: [...orders.values()].sort((a, b) => (a.orderId < b.orderId ? -1 : 1)),
    shipments: await shipmentsOf(db, [containerId]),
    ...origins(batches, actors),
  };
}

/** Undefined when the record knows no such serial (neither made nor packed). */
export async function traceSerial(db: Db, serial: string): Promise<SerialTrace | undefined> {
  const made = await db.selectFrom('serials').selectAll().where('serial', '=', serial).executeTakeFirst();
  const packed = await db.selectFrom('container_serials').selectAll().where('serial', '=', serial).orderBy('packed_at').execute();
  if (!made && packed.length === 0) return undefined;
  const actors = newActors();
  const batches: TracedBatch[] = [];
  if (made) {
    addActor(actors, made.terminal_id, made.operator_id);
    batches.push(...(await batchesOfSerial(db, made, actors)));
  }
  for (const p of packed) addActor(actors, p.terminal_id, p.operator_id);
  const containerIds = sortedList(packed.map((p) => p.container_id));
  return {
    serial,
    orderId: made?.order_id ?? null,
    materialId: made?.material_id ?? null,
    producedAt: made?.produced_at ?? null,
    containerIds,
    shipments: await shipmentsOf(db, containerIds),
    ...origins(batches, actors),
  };
}
