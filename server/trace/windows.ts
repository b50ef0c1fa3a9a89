import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/schema';

/**
 * Shared pieces of the trace queries: which batches went into serial parts
 * and containers. Each asks one query per table for all the parts or
 * containers it is given (in chunks of IN_CHUNK keys), never one per row: a
 * container of a thousand parts is traced in as many queries as one of two.
 */

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

/** Keys per IN list: far below SQLite's and PostgreSQL's bound-parameter limits. */
export const IN_CHUNK = 500;

/** `values` cut into IN lists of at most IN_CHUNK keys. */
export function inChunks<T>(values: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += IN_CHUNK) chunks.push(values.slice(i, i + IN_CHUNK));
  return chunks;
}

/**
 * The join condition that puts a moment inside a batch window `w` of the same
 * order: from its load (inclusive) to the next load or the order's end
 * (exclusive), open while nothing replaced it. `orderColumn` and `atColumn`
 * name the other table's order and moment, e.g. `s.order_id`, `s.produced_at`.
 */
export function insideWindow(orderColumn: string, atColumn: string): Expression<SqlBool> {
  const at = sql.ref(atColumn);
  return sql<SqlBool>`w.order_id = ${sql.ref(orderColumn)} AND ${at} >= w.from_at AND (w.to_at IS NULL OR ${at} < w.to_at)`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The batches in each serial part, by serial: the components scanned for it
 * (with the supplier any load of that batch recorded), and for every other
 * material the batch whose window on the part's order covered the moment the
 * part was made. Serials the record has not seen made get no entry.
 */
export async function batchesOfSerials(db: Db, serials: readonly string[], actors: Actors): Promise<Map<string, TracedBatch[]>> {
  const out = new Map<string, TracedBatch[]>();
  for (const chunk of inChunks(serials)) {
    const components = await db
      .selectFrom('serial_components as c')
      .select(['c.serial', 'c.material_id', 'c.batch'])
      .select((eb) =>
        eb
          .selectFrom('batch_windows as w')
          .select('w.supplier')
          .whereRef('w.material_id', '=', 'c.material_id')
          .whereRef('w.batch', '=', 'c.batch')
          .where('w.supplier', 'is not', null)
          .limit(1)
          .as('supplier'),
      )
      .where('c.serial', 'in', chunk)
      .orderBy('c.serial')
      .orderBy('c.material_id')
      .orderBy('c.batch')
      .execute();
    const scanned = new Set<string>();
    for (const c of components) {
      push(out, c.serial, { materialId: c.material_id, batch: c.batch, supplier: c.supplier ?? null, link: 'component' });
      scanned.add(`${c.serial}\u0000${c.material_id}`);
    }
    const windows = await db
      .selectFrom('serials as s')
      .innerJoin('batch_windows as w', (join) => join.on(insideWindow('s.order_id', 's.produced_at')))
      .select(['s.serial', 'w.material_id', 'w.batch', 'w.supplier', 'w.terminal_id', 'w.operator_id'])
      .where('s.serial', 'in', chunk)
      .orderBy('s.serial')
      .orderBy('w.from_at')
      .execute();
    for (const w of windows) {
      // A material scanned for the part itself does not take its batch from the window.
      if (scanned.has(`${w.serial}\u0000${w.material_id}`)) continue;
      push(out, w.serial, { materialId: w.material_id, batch: w.batch, supplier: w.supplier, link: 'window' });
      addActor(actors, w.terminal_id, w.operator_id);
    }
  }
  return out;
}

/**
 * The batches loaded on an order at the moment one of its counted parts was
 * packed into the container, by container: a window in which nothing of the
 * container was packed puts nothing in it.
 */
export async function batchesOfPacks(db: Db, containerIds: readonly string[], actors: Actors): Promise<Map<string, TracedBatch[]>> {
  const out = new Map<string, TracedBatch[]>();
  for (const chunk of inChunks(containerIds)) {
    const rows = await db
      .selectFrom('container_packs as p')
      .innerJoin('batch_windows as w', (join) => join.on(insideWindow('p.order_id', 'p.packed_at')))
      .select(['p.container_id', 'w.material_id', 'w.batch', 'w.supplier', 'w.terminal_id', 'w.operator_id'])
      .distinct()
      .where('p.container_id', 'in', chunk)
      .execute();
    for (const w of rows) {
      push(out, w.container_id, { materialId: w.material_id, batch: w.batch, supplier: w.supplier, link: 'window' });
      addActor(actors, w.terminal_id, w.operator_id);
    }
  }
  return out;
}

/** Distinct by material and batch, component links first, a supplier kept from whichever link named one. */
export function distinctBatches(batches: readonly TracedBatch[]): TracedBatch[] {
  const byKey = new Map<string, TracedBatch>();
  for (const b of batches) {
    const key = `${b.materialId}\u0000${b.batch}`;
    const seen = byKey.get(key);
    if (!seen || (seen.link === 'window' && b.link === 'component')) byKey.set(key, { ...b, supplier: b.supplier ?? seen?.supplier ?? null });
    else if (seen.supplier === null && b.supplier !== null) seen.supplier = b.supplier;
  }
  return [...byKey.values()].sort((a, b) => (a.materialId + a.batch < b.materialId + b.batch ? -1 : 1));
}
