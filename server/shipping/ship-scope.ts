import { Line, Terminal, type MasterKind } from '../../shared/master-data';
import type { Db } from '../db/schema';

/**
 * Which plants' containers a master-data write newly opens to some
 * terminal: a terminal row that starts shipping, or a shipping terminal
 * moved to a line of another plant, or a line with shipping terminals moved
 * to another plant. Such a terminal pulls "after its cursor", and its
 * cursor is already past the revisions of the containers it has never
 * seen, so the writer re-offers them under new revisions
 * (master-data-store.ts). Narrowing needs nothing here: the rows leave the
 * terminal's scope, and the terminal drops them when its own row says it
 * no longer ships (renderer/storage/cache.ts).
 */

// Read directly rather than through master-data-store, which calls this (no import cycle).
async function current(db: Db, kind: 'line', id: string): Promise<unknown> {
  const row = await db.selectFrom('master_data').select('data').where('kind', '=', kind).where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  return row?.data ? (JSON.parse(row.data) as unknown) : undefined;
}

async function plantOfLine(db: Db, lineId: string): Promise<string | null> {
  const line = Line.safeParse(await current(db, 'line', lineId));
  return line.success ? line.data.plantId : null;
}

async function shipPlantOf(db: Db, terminal: unknown): Promise<string | null> {
  const parsed = Terminal.safeParse(terminal);
  return parsed.success && parsed.data.ships === true ? plantOfLine(db, parsed.data.lineId) : null;
}

async function lineHasShippingTerminal(db: Db, lineId: string): Promise<boolean> {
  const rows = await db.selectFrom('master_data').select('data').where('kind', '=', 'terminal').where('line_id', '=', lineId).where('deleted', '=', 0).execute();
  return rows.some((r) => Terminal.safeParse(JSON.parse(r.data ?? 'null')).data?.ships === true);
}

/**
 * The plant whose containers must be offered again after `kind`/`after`
 * replaces `before` (the row's previous data, null when it had none), or
 * null. Runs inside the writing transaction, before the new row is stored.
 */
export async function plantOpenedBy(db: Db, kind: MasterKind, before: unknown, after: object): Promise<string | null> {
  if (kind === 'terminal') {
    const opened = await shipPlantOf(db, after);
    return opened !== null && opened !== (await shipPlantOf(db, before)) ? opened : null;
  }
  if (kind === 'line') {
    const line = Line.safeParse(after);
    if (!line.success || Line.safeParse(before).data?.plantId === line.data.plantId) return null;
    return (await lineHasShippingTerminal(db, line.data.id)) ? line.data.plantId : null;
  }
  return null;
}
