import type { Db } from '../db/schema';
import type { BatchWindowsTable } from '../db/projection-schema';

/** Shared pieces of the trace queries: batch windows, and which batches went into a serial. */

export interface TracedBatch {
  materialId: string;
  batch: string;
  supplier: string | null;
  /** `component`: scanned for this very part; `window`: loaded on the order while the part was made or packed. */
  link: 'component' | 'window';
}

export interface Actors {
  operators: Set<string>;
  terminals: Set<string>;
}

export const newActors = (): Actors => ({ operators: new Set(), terminals: new Set() });

export function addActor(actors: Actors, terminalId: string | null | undefined, operatorId: string | null | undefined): void {
  if (terminalId) actors.terminals.add(terminalId);
  if (operatorId) actors.operators.add(operatorId);
}

export const sortedList = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** Windows of an order that overlap [from, to] (inclusive from, exclusive window end). */
export async function windowsOverlapping(db: Db, orderId: string, from: string, to: string): Promise<BatchWindowsTable[]> {
  return db
    .selectFrom('batch_windows')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('from_at', '<=', to)
    .where((eb) => eb.or([eb('to_at', 'is', null), eb('to_at', '>', from)]))
    .orderBy('from_at')
    .execute();
}

/** Suppliers recorded for a batch by any of its loads. */
export async function suppliersOf(db: Db, materialId: string, batch: string): Promise<string | null> {
  const row = await db
    .selectFrom('batch_windows')
    .select('supplier')
    .where('material_id', '=', materialId)
    .where('batch', '=', batch)
    .where('supplier', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row?.supplier ?? null;
}

/**
 * The batches in one serial part: the components scanned for it, and for
 * every other material the batch whose window on the part's order covered
 * the moment the part was made.
 */
export async function batchesOfSerial(
  db: Db,
  serial: { serial: string; order_id: string | null; produced_at: string },
  actors: Actors,
): Promise<TracedBatch[]> {
  const explicit = await db.selectFrom('serial_components').select(['material_id', 'batch']).where('serial', '=', serial.serial).execute();
  const out: TracedBatch[] = [];
  for (const c of explicit) out.push({ materialId: c.material_id, batch: c.batch, supplier: await suppliersOf(db, c.material_id, c.batch), link: 'component' });
  if (serial.order_id) {
    const scanned = new Set(explicit.map((c) => c.material_id));
    for (const w of await windowsOverlapping(db, serial.order_id, serial.produced_at, serial.produced_at)) {
      if (scanned.has(w.material_id)) continue;
      out.push({ materialId: w.material_id, batch: w.batch, supplier: w.supplier, link: 'window' });
      addActor(actors, w.terminal_id, w.operator_id);
    }
  }
  return out;
}

/** Distinct by material and batch, component links first. */
export function distinctBatches(batches: readonly TracedBatch[]): TracedBatch[] {
  const byKey = new Map<string, TracedBatch>();
  for (const b of batches) {
    const key = `${b.materialId}\u0000${b.batch}`;
    const seen = byKey.get(key);
    if (!seen || (seen.link === 'window' && b.link === 'component')) byKey.set(key, { ...b, supplier: b.supplier ?? seen?.supplier ?? null });
  }
  return [...byKey.values()].sort((a, b) => (a.materialId + a.batch < b.materialId + b.batch ? -1 : 1));
}
