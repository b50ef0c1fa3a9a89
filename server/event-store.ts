import type { Transaction } from 'kysely';
import { fail, ok, type Result } from '../shared/errors';
import { SCHEMA_VERSION, isKnownEventType, type EventEnvelope } from '../shared/events';
import type { Database, DatabaseDialect, Db, EventsTable } from './db/schema';
import { inTransaction } from './db/transaction';
import { projectEvents } from './projection/project';

/**
 * The terminals' events, the plant's record (DESIGN §3, §5). Facts are never
 * rejected for their content: unknown types are stored and flagged. A resend
 * changes nothing, and a terminal's cursor (`last_seq`) only advances over a
 * gap-free run, so the terminal resends whatever the server is missing.
 */

/**
 * Whether this server understands the event: a known type at a schema version
 * it knows. A newer terminal's events (new type or newer payload version) are
 * stored with known=false rather than refused, since a fact is never rejected.
 */
export function isUnderstood(event: Pick<EventEnvelope, 'type' | 'schemaVersion'>): boolean {
  return isKnownEventType(event.type) && event.schemaVersion <= SCHEMA_VERSION;
}

/** Rows per INSERT: 11 parameters each stays well below SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 500;

export interface StoredEvent extends EventEnvelope {
  known: boolean;
  receivedAt: string;
}

/**
 * Stores a validated batch of one terminal's events in one transaction and
 * returns the new acknowledged seq. Callers have checked that every event
 * belongs to `terminalId` and that known payloads are valid.
 */
export async function storeEvents(
  db: Db,
  dialect: DatabaseDialect,
  terminalId: string,
  events: readonly EventEnvelope[],
): Promise<Result<{ ackSeq: number }>> {
  return inTransaction(db, async (trx) => {
    const cursor = await lockTerminalCursor(trx, dialect, terminalId);
    if (cursor === undefined) return fail('not-found', `unknown terminal ${terminalId}`);
    const lastSeq = cursor.lastSeq;

    const conflict = await findIdConflict(trx, terminalId, events);
    if (conflict) return fail('conflict', conflict);

    const receivedAt = new Date().toISOString();
    const rows = events.map((e) => toRow(e, receivedAt));
    const insertedSeqs = new Set<number>();
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const inserted = await trx
        .insertInto('events')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .onConflict((oc) => oc.columns(['terminal_id', 'seq']).doNothing())
        .returning('seq')
        .execute();
      for (const { seq } of inserted) insertedSeqs.add(Number(seq));
    }
    // Only rows this INSERT wrote: a resent event was projected when it first arrived.
    const fresh = events.filter((e) => insertedSeqs.delete(e.seq));
    await projectEvents(trx, { terminalId, lineId: cursor.lineId }, fresh);

    const ackSeq = await gapFreeEnd(trx, terminalId, lastSeq);
    if (ackSeq !== lastSeq) await trx.updateTable('terminals').set({ last_seq: ackSeq }).where('id', '=', terminalId).execute();
    return ok({ ackSeq });
  });
}

/** The terminal's last_seq; in PostgreSQL the row stays locked so that concurrent pushes of one terminal queue up. */
async function lockTerminalCursor(
  trx: Transaction<Database>,
  dialect: DatabaseDialect,
  terminalId: string,
): Promise<{ lastSeq: number; lineId: string } | undefined> {
  const row = await trx
    .selectFrom('terminals')
    .select(['last_seq', 'line_id'])
    .where('id', '=', terminalId)
    .$if(dialect === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirst();
  return row === undefined ? undefined : { lastSeq: Number(row.last_seq), lineId: row.line_id };
}

/**
 * An event id may appear only once in the whole record. A resend carries the
 * same (terminal, seq, id) and is fine; the same id under another seq is a
 * terminal bug that DO NOTHING would turn into a permanent gap, so say so.
 */
async function findIdConflict(trx: Transaction<Database>, terminalId: string, events: readonly EventEnvelope[]): Promise<string | undefined> {
  const seqById = new Map<string, number>();
  for (const e of events) {
    const id = e.id.toLowerCase();
    const seen = seqById.get(id);
    if (seen !== undefined && seen !== e.seq) return `event id ${id} appears at seq ${seen} and seq ${e.seq}`;
    seqById.set(id, e.seq);
  }
  const ids = [...seqById.keys()];
  for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
    const stored = await trx
      .selectFrom('events')
      .select(['id', 'terminal_id', 'seq'])
      .where('id', 'in', ids.slice(i, i + INSERT_CHUNK))
      .execute();
    for (const row of stored) {
      const seq = seqById.get(row.id.toLowerCase());
      if (row.terminal_id !== terminalId || Number(row.seq) !== seq) {
        return `event id ${row.id} (seq ${seq}) is already stored under another seq or terminal`;
      }
    }
  }
  return undefined;
}

/** Walks the stored seqs above `lastSeq` and returns the end of the unbroken run. */
async function gapFreeEnd(trx: Transaction<Database>, terminalId: string, lastSeq: number): Promise<number> {
  const rows = await trx.selectFrom('events').select('seq').where('terminal_id', '=', terminalId).where('seq', '>', lastSeq).orderBy('seq').execute();
  let end = lastSeq;
  for (const { seq } of rows) {
    if (Number(seq) !== end + 1) break;
    end += 1;
  }
  return end;
}

function toRow(e: EventEnvelope, receivedAt: string): EventsTable {
  return {
    terminal_id: e.terminalId,
    seq: e.seq,
    // Lower case so both dialects hold the same text (PostgreSQL's uuid type prints lower case).
    id: e.id.toLowerCase(),
    type: e.type,
    occurred_at: e.occurredAt,
    operator_id: e.operatorId ?? null,
    order_id: e.orderId ?? null,
    payload: JSON.stringify(e.payload),
    schema_version: e.schemaVersion,
    received_at: receivedAt,
    known: isUnderstood(e) ? 1 : 0,
  };
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
