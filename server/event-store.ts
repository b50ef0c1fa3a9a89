import type { EventEnvelope } from '../shared/events';
import type { DatabaseDialect, Db, EventsTable } from './db/schema';
import { storeEventGroup, type StoreResult } from './event-group-store';

/**
 * The terminals' events, the plant's record (DESIGN §3, §5). Facts are never
 * rejected for their content: unknown types are stored and flagged. A resend
 * changes nothing, and a terminal's cursor (`last_seq`) only advances over a
 * gap-free run, so the terminal resends whatever the server is missing.
 * Writing lives in event-group-store.ts (many pushes per transaction).
 */


export interface StoredEvent extends EventEnvelope {
  known: boolean;
  receivedAt: string;
}

/**
 * Stores a validated batch of one terminal's events in one transaction and
 * returns the new acknowledged seq. Callers have checked that every event
 * belongs to `terminalId` and that known payloads are valid.
 */
export async function storeEvents(db: Db, dialect: DatabaseDialect, terminalId: string, events: readonly EventEnvelope[]): Promise<StoreResult> {
  const [result] = await storeEventGroup(db, dialect, [{ terminalId, events }]);
  return result!;
}

/** A terminal's stored events in seq order, for admins and quality tools. */
export async function listEvents(db: Db, query: { terminalId: string; after: number; limit: number }): Promise<{ events: StoredEvent[]; hasMore: boolean }> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('terminal_id', '=', query.terminalId)
    .where('seq', '>', query.after)
    .orderBy('seq')
    .limit(query.limit + 1)
    .execute();
  return { events: rows.slice(0, query.limit).map(fromRow), hasMore: rows.length > query.limit };
}

function fromRow(r: EventsTable): StoredEvent {
  return {
    id: r.id,
    terminalId: r.terminal_id,
    seq: Number(r.seq),
    type: r.type,
    occurredAt: r.occurred_at,
    ...(r.operator_id === null ? {} : { operatorId: r.operator_id }),
    ...(r.order_id === null ? {} : { orderId: r.order_id }),
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    schemaVersion: r.schema_version,
    known: r.known === 1,
    receivedAt: r.received_at,
  };
}
