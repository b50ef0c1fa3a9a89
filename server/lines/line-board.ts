import { Line } from '../../shared/master-data';
import type { Db, DatabaseDialect } from '../db/schema';
import { lineSequences, type LineSequence } from './line-jis';
import { lineShift, type LineShift } from './line-shift';

/**
 * What the lines page shows, one entry per line: the orders running (or
 * paused) on it with their progress against the order's quantity and their
 * scrap (the server's projection, order_progress), the shift's OEE and stop
 * timeline, and where each JIS sequence stands. Lines come from master data,
 * plus any line a terminal is registered to without a master row.
 */

export interface LineOrder {
  orderId: string;
  number: string;
  materialId: string | null;
  status: string;
  since: string | null;
  target: number | null;
  good: number;
  scrap: number;
}

export interface LineBoard {
  lineId: string;
  name: string;
  orders: LineOrder[];
  shift: LineShift;
  sequences: LineSequence[];
}

export interface LinesBoard {
  at: string;
  lines: LineBoard[];
}

const RUNNING = ['started', 'paused'];

export async function linesBoard(db: Db, dialect: DatabaseDialect, now = new Date()): Promise<LinesBoard> {
  const lineRows = await db.selectFrom('master_data').select('data').where('kind', '=', 'line').where('deleted', '=', 0).execute();
  const names = new Map<string, string>();
  for (const r of lineRows) {
    const parsed = Line.safeParse(JSON.parse(r.data ?? 'null'));
    if (parsed.success) names.set(parsed.data.id, parsed.data.name);
  }
  for (const t of await db.selectFrom('terminals').select('line_id').distinct().execute()) if (!names.has(t.line_id)) names.set(t.line_id, t.line_id);
  const lines: LineBoard[] = [];
  for (const lineId of [...names.keys()].sort()) {
    lines.push({ lineId, name: names.get(lineId) ?? lineId, orders: await runningOrders(db, lineId), shift: await lineShift(db, lineId, now), sequences: await lineSequences(db, dialect, lineId) });
  }
  return { at: now.toISOString(), lines };
}

async function runningOrders(db: Db, lineId: string): Promise<LineOrder[]> {
  const rows = await db
    .selectFrom('order_progress')
    .leftJoin('master_data', (join) => join.onRef('master_data.id', '=', 'order_progress.order_id').on('master_data.kind', '=', 'order'))
    .select(['order_progress.order_id', 'order_progress.material_id', 'order_progress.status', 'order_progress.status_at', 'order_progress.good_quantity', 'order_progress.scrap_quantity', 'master_data.data'])
    .where('order_progress.line_id', '=', lineId)
    .where('order_progress.status', 'in', RUNNING)
    .orderBy('order_progress.status_at')
    .execute();
  return rows.map((r) => {
    const order = (r.data ? JSON.parse(r.data) : {}) as { number?: unknown; quantity?: unknown; materialId?: unknown };
    return {
      orderId: r.order_id,
      number: typeof order.number === 'string' ? order.number : r.order_id,
      materialId: r.material_id ?? (typeof order.materialId === 'string' ? order.materialId : null),
      status: r.status ?? 'started',
      since: r.status_at,
      target: typeof order.quantity === 'number' ? order.quantity : null,
      good: Number(r.good_quantity),
      scrap: Number(r.scrap_quantity),
    };
  });
}
