import type { Db } from '../db/schema';
import { lineOee } from './oee-query';

/** What the ERP's confirmation carries about time: how long the order ran and stood, and why it stood. */
export interface OrderTimes {
  runSeconds: number;
  stopSeconds: number;
  stopsByReason: { reasonId: string; loss: string; seconds: number }[];
}

/**
 * The order's run and stop times from the same OEE fold as GET /api/v1/oee,
 * over the order's own window (start to completion). Null when the order was
 * never seen starting: no window, no times.
 */
export async function orderTimesOf(db: Db, progress: { order_id: string; line_id: string; started_at?: string | null; completed_at: string | null }): Promise<OrderTimes | null> {
  if (!progress.started_at || !progress.completed_at) return null;
  const from = new Date(progress.started_at);
  const to = new Date(progress.completed_at);
  if (!(to.getTime() > from.getTime())) return null;
  const report = await lineOee(db, { lineId: progress.line_id, from, to, asOf: to });
  const order = report.orders.find((o) => o.orderId === progress.order_id);
  return {
    runSeconds: order?.runSeconds ?? report.total.runSeconds,
    stopSeconds: order?.downtimeSeconds ?? report.total.downtimeSeconds,
    stopsByReason: report.pareto.filter((p) => p.reasonId !== 'micro-stop').map(({ reasonId, loss, seconds }) => ({ reasonId, loss, seconds })),
  };
}
