import type { Transaction } from 'kysely';
import type { EventEnvelope } from '../../shared/events';
import type { Database } from '../db/schema';
import type { QualityFlagsTable } from '../db/projection-schema';
import { utc, type FlagKind, type ProjectionContext } from './plan';

/**
 * A terminal may book only orders of its own line (DESIGN §8). An event about
 * another line's order, or about an order the server has never heard of, is
 * a fact all the same: it is stored, but kept out of order progress,
 * genealogy and the ERP feed, and quality gets a flag naming the terminal.
 */

/** The line of each order among the events, from master data (a deleted order keeps the line it had). */
export async function linesOfOrders(trx: Transaction<Database>, events: readonly EventEnvelope[]): Promise<Map<string, string | null>> {
  const ids = [...new Set(events.flatMap((e) => (e.orderId ? [e.orderId] : [])))].sort();
  const lines = new Map<string, string | null>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await trx
      .selectFrom('master_data')
      .select(['id', 'line_id'])
      .where('kind', '=', 'order')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) lines.set(row.id, row.line_id);
  }
  return lines;
}

export interface ScopedEvents {
  /** Events with no order, or with an order of the terminal's line. */
  projectable: EventEnvelope[];
  flags: QualityFlagsTable[];
}

export function splitByOrderLine(events: readonly EventEnvelope[], ctx: ProjectionContext, orderLines: ReadonlyMap<string, string | null>): ScopedEvents {
  const projectable: EventEnvelope[] = [];
  const flags: QualityFlagsTable[] = [];
  for (const event of events) {
    if (!event.orderId) {
      projectable.push(event);
      continue;
    }
    const line = orderLines.get(event.orderId);
    if (line === ctx.lineId) {
      projectable.push(event);
      continue;
    }
    const known = orderLines.has(event.orderId);
    const kind: FlagKind = known ? 'foreign-line-order' : 'unknown-order';
    const message = known
      ? `terminal ${event.terminalId} (line ${ctx.lineId}) booked ${event.type} seq ${event.seq} on order ${event.orderId} of line ${line ?? 'none'}; stored, not projected`
      : `terminal ${event.terminalId} (line ${ctx.lineId}) booked ${event.type} seq ${event.seq} on unknown order ${event.orderId}; stored, not projected`;
    flags.push({
      event_id: event.id.toLowerCase(),
      kind,
      terminal_id: event.terminalId,
      seq: event.seq,
      type: event.type,
      order_id: event.orderId,
      material_id: null,
      batch: null,
      message,
      occurred_at: utc(event.occurredAt),
    });
  }
  return { projectable, flags };
}
