import type { Db } from '../db/schema';
import { shipmentsOf, type BatchTrace } from './forward';
import { addActor, batchesOfPacks, batchesOfSerials, distinctBatches, inChunks, newActors, sortedList, type Actors, type TracedBatch } from './windows';

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

/** What was packed into containers: each serial with where and when it was made, and the batches in each container. */
export interface ContainerContents {
  serials: Map<string, ContainerTrace['serials']>;
  /** Not yet distinct: the serials' batches first, then those loaded while counted parts were packed. */
  batches: Map<string, TracedBatch[]>;
}

/** The contents of these containers, in a fixed number of queries however many they are and hold. */
export async function containerContents(db: Db, containerIds: readonly string[], actors: Actors): Promise<ContainerContents> {
  const serials = new Map<string, ContainerTrace['serials']>(containerIds.map((id) => [id, []]));
  const containerOf = new Map<string, string[]>();
  for (const chunk of inChunks(containerIds)) {
    const rows = await db
      .selectFrom('container_serials as p')
      .leftJoin('serials as s', 's.serial', 'p.serial')
      .select(['p.container_id', 'p.serial', 'p.terminal_id', 'p.operator_id', 'p.packed_at', 's.order_id', 's.produced_at', 's.terminal_id as made_terminal_id', 's.operator_id as made_operator_id'])
      .where('p.container_id', 'in', chunk)
      .orderBy('p.container_id')
      .orderBy('p.serial')
      .execute();
    for (const r of rows) {
      addActor(actors, r.terminal_id, r.operator_id);
      serials.get(r.container_id)?.push({ serial: r.serial, orderId: r.order_id ?? null, producedAt: r.produced_at ?? null, packedAt: r.packed_at });
      // Only a part the record saw made has batches of its own (serials.produced_at is never null).
      if (r.produced_at === null) continue;
      addActor(actors, r.made_terminal_id, r.made_operator_id);
      containerOf.set(r.serial, [...(containerOf.get(r.serial) ?? []), r.container_id]);
    }
  }
  const ofSerials = await batchesOfSerials(db, [...containerOf.keys()], actors);
  const ofPacks = await batchesOfPacks(db, containerIds, actors);
  const batches = new Map<string, TracedBatch[]>(containerIds.map((id) => [id, []]));
  for (const [serial, found] of ofSerials) for (const id of containerOf.get(serial) ?? []) batches.get(id)?.push(...found);
  for (const [id, found] of ofPacks) batches.get(id)?.push(...found);
  return { serials, batches };
}

/** Undefined when the record knows no such container (by id, printed package number or SSCC). */
export async function traceContainer(db: Db, key: string): Promise<ContainerTrace | undefined> {
  const [container, ...others] = await containersNamed(db, key);
  if (!container) return undefined;
  const containerId = container.container_id;
  const actors = newActors();
  addActor(actors, container.terminal_id, container.operator_id);
  const contents = await containerContents(db, [containerId], actors);

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

  return {
    containerId,
    packageNumber: container.package_number,
    alsoMatching: others.map((o) => o.container_id),
    sscc: container.sscc,
    openedAt: container.opened_at,
    closedAt: container.closed_at,
    serials: contents.serials.get(containerId) ?? [],
    orders: [...orders.values()].sort((a, b) => (a.orderId < b.orderId ? -1 : 1)),
    shipments: await shipmentsOf(db, [containerId]),
    ...origins(contents.batches.get(containerId) ?? [], actors),
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
    batches.push(...((await batchesOfSerials(db, [serial], actors)).get(serial) ?? []));
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
