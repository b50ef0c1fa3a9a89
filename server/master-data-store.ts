import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { fail, ok, type Result } from '../shared/errors';
import type { ServerCodedError, ServerResult } from './errors';
import { MASTER_KINDS, type MasterKind } from '../shared/master-data';
import type { MasterChange } from '../shared/sync-protocol';
import type { Database, Db } from './db/schema';
import { inTransaction } from './db/transaction';
import { afterMasterWrite, checkMasterWrite } from './master-side-effects';
import { visibleTo, type PullScope } from './pull-scope';
import { plantOpenedBy } from './shipping/ship-scope';

/**
 * Master data rows, each write under a new revision from one sequence so that
 * terminals can pull "everything after rev N" (DESIGN §5). Used by the admin
 * routes, the demo seed and (later) ERP imports.
 */

export type MasterInput<K extends MasterKind> = z.input<(typeof MASTER_KINDS)[K]>;

export interface MasterWrite {
  rev: number;
  /** False when the row already held exactly this state: no new revision was taken. */
  changed: boolean;
}

/** Kinds that belong to one line; terminals of other lines never receive them. */
const LINE_SCOPED_KINDS: ReadonlySet<MasterKind> = new Set<MasterKind>(['order', 'terminal', 'jis-sequence', 'shift-model', 'downtime-reason']);

/** The plant whose shipping terminals alone receive a row (the dock's containers), or null. */
export function shipPlantIdOf(kind: MasterKind, row: object): string | null {
  if (kind !== 'dock-container') return null;
  const plantId = (row as { plantId?: unknown }).plantId;
  return typeof plantId === 'string' ? plantId : null;
}

export function lineIdOf(kind: MasterKind, row: object): string | null {
  if (!LINE_SCOPED_KINDS.has(kind)) return null;
  const lineId = (row as { lineId?: unknown }).lineId;
  return typeof lineId === 'string' ? lineId : null;
}

type MasterWriteListener = () => void;
const writeListeners = new Set<MasterWriteListener>();

/**
 * Called after every write that took a new revision (the revision notifier
 * wakes waiting terminals with it). Inside a caller's transaction it runs
 * before the commit, so a listener must read the database again later rather
 * than trust what it sees at once.
 */
export function onMasterWrite(listener: MasterWriteListener): () => void {
  writeListeners.add(listener);
  return () => void writeListeners.delete(listener);
}

function announceWrite(write: MasterWrite): MasterWrite {
  if (write.changed) for (const listener of writeListeners) listener();
  return write;
}

/** Validates `row` against its kind's schema (defaults applied) and stores it under a new revision. */
export async function upsertMaster<K extends MasterKind>(db: Db, kind: K, row: MasterInput<K>): Promise<ServerResult<MasterWrite>> {
  const schema = MASTER_KINDS[kind] as unknown as z.ZodType<{ id: string }>;
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    return fail('bad-request', `${kind}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ')}`);
  }
  const data = JSON.stringify(parsed.data);
  const lineId = lineIdOf(kind, parsed.data);
  try {
    return ok(announceWrite(await writeRow(db, kind, parsed.data, data, { lineId, shipPlantId: shipPlantIdOf(kind, parsed.data) })));
  } catch (err) {
    if (err instanceof RefusedWrite) return { ok: false, error: err.error };
    throw err;
  }
}

/** Thrown inside the transaction so that it rolls back; turned into a coded failure by upsertMaster. */
class RefusedWrite extends Error {
  constructor(readonly error: ServerCodedError) {
    super(error.message);
  }
}

async function writeRow(db: Db, kind: MasterKind, row: { id: string }, data: string, scope: { lineId: string | null; shipPlantId: string | null }): Promise<MasterWrite> {
  return inTransaction(db, async (trx) => {
    const existing = await findRow(trx, kind, row.id);
    if (existing && existing.deleted === 0 && existing.data === data) return { rev: existing.rev, changed: false };
    const rev = await nextRevision(trx);
    const allowed = await checkMasterWrite(trx, kind, row);
    if (!allowed.ok) throw new RefusedWrite(allowed.error);
    await afterMasterWrite(trx, kind, row.id, row);
    const opened = await plantOpenedBy(trx, kind, existing?.deleted === 0 ? JSON.parse(existing.data ?? 'null') : null, row);
    await trx
      .insertInto('master_data')
      .values({ kind, id: row.id, line_id: scope.lineId, ship_plant_id: scope.shipPlantId, rev, deleted: 0, data })
      .onConflict((oc) =>
        oc.columns(['kind', 'id']).doUpdateSet((eb) => ({
          line_id: eb.ref('excluded.line_id'),
          ship_plant_id: eb.ref('excluded.ship_plant_id'),
          rev: eb.ref('excluded.rev'),
          deleted: eb.ref('excluded.deleted'),
          data: eb.ref('excluded.data'),
        })),
      )
      .execute();
    if (opened !== null) await reofferContainers(trx, opened);
    return { rev, changed: true };
  });
}

/**
 * Gives the plant's current containers new revisions after the row that
 * opened them to a terminal (ship-scope.ts), so that terminal's next pull
 * "after its cursor" carries them. The plant's other shipping terminals
 * receive them again unchanged; retention (dock-retention.ts) bounds how many.
 */
async function reofferContainers(trx: Transaction<Database>, plantId: string): Promise<void> {
  const rows = await trx.selectFrom('master_data').select('id').where('kind', '=', 'dock-container').where('ship_plant_id', '=', plantId).where('deleted', '=', 0).orderBy('rev').execute();
  if (rows.length === 0) return;
  const last = await nextRevision(trx, rows.length);
  for (const [i, r] of rows.entries()) {
    await trx.updateTable('master_data').set({ rev: last - rows.length + 1 + i }).where('kind', '=', 'dock-container').where('id', '=', r.id).execute();
  }
}

/**
 * Replaces the row by a tombstone (no data, new revision) so terminals learn of
 * the delete. The tombstone keeps its line so it reaches the same terminals.
 * Deleting a tombstone again changes nothing.
 */
export async function deleteMaster(db: Db, kind: MasterKind, id: string): Promise<Result<MasterWrite>> {
  const written = await inTransaction(db, async (trx): Promise<Result<MasterWrite>> => {
    const existing = await findRow(trx, kind, id);
    if (!existing) return fail('not-found', `no ${kind} with id ${id}`);
    if (existing.deleted === 1) return ok({ rev: existing.rev, changed: false });
    const rev = await nextRevision(trx);
    await afterMasterWrite(trx, kind, id, null);
    await trx.updateTable('master_data').set({ rev, deleted: 1, data: null }).where('kind', '=', kind).where('id', '=', id).execute();
    return ok({ rev, changed: true });
  });
  if (written.ok) announceWrite(written.value);
  return written;
}

export interface ChangePage {
  changes: MasterChange[];
  hasMore: boolean;
}

/**
 * One page of changes after `after`, in revision order, for one line (plus the
 * rows of no line; the plant's containers for a terminal that ships). Operators carry PIN hashes, so a terminal gets only the
 * operators allowed on its line (`lineIds`); any other operator's change
 * reaches it as a tombstone, which also takes an operator off a terminal when
 * their line is withdrawn.
 */
export async function changesAfter(db: Db, query: { after: number; limit: number } & PullScope): Promise<ChangePage> {
  const rows = await db
    .selectFrom('master_data')
    .select(['kind', 'id', 'rev', 'deleted', 'data'])
    .where('rev', '>', query.after)
    .where(visibleTo(query))
    .orderBy('rev')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return {
    hasMore: rows.length > query.limit,
    changes: page.map((r): MasterChange => {
      const data = r.deleted === 1 ? undefined : (JSON.parse(r.data ?? 'null') as unknown);
      if (data === undefined || (r.kind === 'operator' && !operatorAllowedOn(data, query.lineId))) {
        return { kind: r.kind as MasterKind, id: r.id, rev: r.rev, deleted: true };
      }
      return { kind: r.kind as MasterKind, id: r.id, rev: r.rev, deleted: false, data };
    }),
  };
}

function operatorAllowedOn(operator: unknown, lineId: string): boolean {
  const lineIds = (operator as { lineIds?: unknown } | null)?.lineIds;
  return Array.isArray(lineIds) && lineIds.includes(lineId);
}

/** The current (non-deleted) row of a kind, parsed; undefined when absent or deleted. */
export async function getMaster(db: Db, kind: MasterKind, id: string): Promise<unknown> {
  const row = await findRow(db, kind, id);
  return row && row.deleted === 0 && row.data !== null ? (JSON.parse(row.data) as unknown) : undefined;
}

function findRow(db: Db, kind: MasterKind, id: string) {
  return db.selectFrom('master_data').select(['rev', 'deleted', 'data']).where('kind', '=', kind).where('id', '=', id).executeTakeFirst();
}

/**
 * Takes the next master-data revision (or the next `count`, returning the
 * last) inside the writing transaction. In
 * PostgreSQL the UPDATE locks the counter row until commit, so writers are
 * serialised and revisions become visible in the order they were taken: a
 * terminal pulling "rev > N" can never see rev N+2 committed while N+1 is
 * still pending, which would make it skip N+1 for good. (SQLite serialises
 * writers anyway.)
 */
async function nextRevision(trx: Transaction<Database>, count = 1): Promise<number> {
  const row = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', 'master_rev')
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
