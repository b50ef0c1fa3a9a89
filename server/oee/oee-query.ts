import { DowntimeReason, Routing, ShiftModel } from '../../shared/master-data-oee';
import { Line } from '../../shared/master-data';
import { OEE_EVENT_TYPES, emptyOeeState, foldOeeEvent, oeeReport, type OeeFoldState, type OeeReport, type ReportInput } from '../../shared/oee';
import type { Db } from '../db/schema';

/**
 * The server's authoritative OEE (DESIGN §9): the line's stored events folded
 * with the same shared fold the terminal uses, against the line's master data.
 * Machine events carry the machine's time but are stored under the time the
 * terminal journalled them, which can be hours later (a renderer that was
 * down); so the query reads a margin around the window, and a day before it
 * for a stop that was already going on when the window began.
 */

export const OEE_LOOKBACK_MS = 24 * 3600_000;
export const OEE_LOOKAHEAD_MS = 48 * 3600_000;
/** The line's micro-stop threshold when its settings name none. */
export const DEFAULT_MICRO_STOP_SECONDS = 120;

export interface OeeQuery {
  lineId: string;
  from: Date;
  to: Date;
  /** Open stops end here; the window's end by default, "now" when that is earlier. */
  asOf?: Date;
}

async function masterRows(db: Db, kind: string, lineId?: string): Promise<unknown[]> {
  let q = db.selectFrom('master_data').select('data').where('kind', '=', kind).where('deleted', '=', 0);
  if (lineId) q = q.where('line_id', '=', lineId);
  const rows = await q.execute();
  return rows.map((r) => JSON.parse(r.data ?? 'null') as unknown);
}

const parsedAll = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, rows: unknown[]): T[] =>
  rows.flatMap((r) => {
    const p = schema.safeParse(r);
    return p.success ? [p.data] : [];
  });

/** The line's OEE master data; the line's own row may be absent (then defaults apply). */
export async function oeeMasterData(db: Db, lineId: string) {
  const line = parsedAll(Line, await masterRows(db, 'line')).find((l) => l.id === lineId);
  const shiftModel = parsedAll(ShiftModel, await masterRows(db, 'shift-model', lineId))[0];
  const reasons = parsedAll(DowntimeReason, await masterRows(db, 'downtime-reason', lineId));
  const routings = parsedAll(Routing, await masterRows(db, 'routing'));
  const orders = (await masterRows(db, 'order', lineId)).flatMap((o) => {
    const { id, materialId } = (o ?? {}) as { id?: unknown; materialId?: unknown };
    return typeof id === 'string' && typeof materialId === 'string' ? [{ id, materialId }] : [];
  });
  return { line, shiftModel, reasons, routings, orders, microStopMs: (line?.settings?.microStopSeconds ?? DEFAULT_MICRO_STOP_SECONDS) * 1000 };
}

export async function lineOee(db: Db, query: OeeQuery): Promise<OeeReport> {
  const master = await oeeMasterData(db, query.lineId);
  const state = await foldLineOee(db, query);
  return oeeReport(state, reportInput(query, master));
}

/** The line's OEE events around the window, folded. */
export async function foldLineOee(db: Db, query: OeeQuery): Promise<OeeFoldState> {
  const state = emptyOeeState();
  const rows = await db
    .selectFrom('events')
    .innerJoin('terminals', 'terminals.id', 'events.terminal_id')
    .select(['events.id', 'events.type', 'events.occurred_at', 'events.order_id', 'events.payload'])
    .where('terminals.line_id', '=', query.lineId)
    .where('events.type', 'in', [...OEE_EVENT_TYPES])
    .where('events.occurred_at', '>=', new Date(query.from.getTime() - OEE_LOOKBACK_MS).toISOString())
    .where('events.occurred_at', '<', new Date(query.to.getTime() + OEE_LOOKAHEAD_MS).toISOString())
    .execute();
  for (const r of rows) foldOeeEvent(state, { id: r.id, type: r.type, occurredAt: r.occurred_at, orderId: r.order_id, payload: JSON.parse(r.payload) as unknown });
  return state;
}

/** What oeeReport (and indexOee, for the stop timeline) needs besides the fold. */
export function reportInput(query: OeeQuery, master: Awaited<ReturnType<typeof oeeMasterData>>): ReportInput {
  const asOf = Math.min(query.to.getTime(), (query.asOf ?? new Date()).getTime());
  return {
    lineId: query.lineId,
    shiftModel: master.shiftModel,
    window: { from: query.from.getTime(), to: query.to.getTime() },
    asOf: Math.max(asOf, query.from.getTime()),
    microStopMs: master.microStopMs,
    reasons: master.reasons,
    routings: master.routings,
    orders: master.orders,
  };
}
