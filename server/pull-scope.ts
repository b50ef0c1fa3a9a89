import type { ExpressionBuilder } from 'kysely';
import { Line, Terminal } from '../shared/master-data';
import type { Database, Db } from './db/schema';

/**
 * Which master-data rows a terminal receives: those of its line and of no
 * line, and, when its registration says it ships (a dock terminal, or a
 * line terminal that loads trucks), the closed containers of its line's
 * plant. Pull and notify read the same scope, so a terminal is never woken
 * for a revision it cannot pull.
 */
export interface PullScope {
  lineId: string;
  /** The plant whose containers it receives; null for a terminal that does not ship. */
  shipPlantId: string | null;
}

// Read here rather than through master-data-store, which filters by this scope (no import cycle).
async function currentRow(db: Db, kind: 'terminal' | 'line', id: string): Promise<unknown> {
  const row = await db.selectFrom('master_data').select('data').where('kind', '=', kind).where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  return row?.data ? (JSON.parse(row.data) as unknown) : undefined;
}

export async function pullScopeOf(db: Db, terminal: { terminalId: string; lineId: string }): Promise<PullScope> {
  const row = Terminal.safeParse(await currentRow(db, 'terminal', terminal.terminalId));
  if (!row.success || row.data.ships !== true) return { lineId: terminal.lineId, shipPlantId: null };
  const line = Line.safeParse(await currentRow(db, 'line', terminal.lineId));
  return { lineId: terminal.lineId, shipPlantId: line.success ? line.data.plantId : null };
}

/** The same scope for two terminals means the same rows (the notifier waits once per scope). */
export const scopeKey = (scope: PullScope) => `${scope.lineId}\u0000${scope.shipPlantId ?? ''}`;

export function visibleTo(scope: PullScope) {
  return (eb: ExpressionBuilder<Database, 'master_data'>) =>
    eb.and([
      eb.or([eb('line_id', 'is', null), eb('line_id', '=', scope.lineId)]),
      scope.shipPlantId === null ? eb('ship_plant_id', 'is', null) : eb.or([eb('ship_plant_id', 'is', null), eb('ship_plant_id', '=', scope.shipPlantId)]),
    ]);
}
