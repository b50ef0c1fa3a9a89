import { CompiledQuery, sql, type Transaction } from 'kysely';
import { fail, ok, type Result } from '../shared/errors';
import { isUnderstood, type EventEnvelope } from '../shared/events';
import type { Database, DatabaseDialect, Db, EventsTable } from './db/schema';
import { inTransaction } from './db/transaction';
import type { EventChecks } from './projection/plan';
import { projectEventGroup } from './projection/project';
import { sameHash } from './tokens';

/**
 * Stores the pushes of many terminals in one transaction with a fixed number
 * of statements (one per table, not one per push or event): lock the
 * terminals' cursors, look up the event ids, insert the events, project them,
 * walk the gap-free runs, move the cursors. Each push gets its own answer: a
 * push that is refused (unknown terminal, an event id under another seq) wrote
 * nothing, and the others in the group are stored as if it had not been there.
 */

export type StoreResult = Result<{ ackSeq: number }>;

export interface PushInput {
  terminalId: string;
  events: readonly EventEnvelope[];
  /**
   * The SHA-256 of the token the push came with, when the route took it from memory
   * (remembered-terminal-tokens.ts): checked against the row locked here, so a token
   * replaced or removed meanwhile stores nothing and is answered `unauthorized`.
   */
  tokenHash?: string | undefined;
  /** The route's checkEvent results for these events, handed to the projection (one payload parse per event). */
  checks?: EventChecks | undefined;
}

/** Rows per INSERT: 11 parameters each stays well below SQLite's (32,766) and PostgreSQL's (65,535) parameter limits. */
const INSERT_CHUNK = 500;

type Trx = Transaction<Database>;

interface Cursor {
  lastSeq: number;
  lineId: string;
  tokenHash: string;
}

export async function storeEventGroup(db: Db, dialect: DatabaseDialect, pushes: readonly PushInput[]): Promise<StoreResult[]> {
  return inTransaction(db, async (trx) => {
    const results: (StoreResult | undefined)[] = pushes.map(() => undefined);
    const cursors = await lockTerminalCursors(trx, dialect, pushes.map((p) => p.terminalId));
    pushes.forEach((p, i) => {
      const cursor = cursors.get(p.terminalId);
      if (p.tokenHash !== undefined && !(cursor && sameHash(cursor.tokenHash, p.tokenHash))) results[i] = fail('unauthorized', 'unknown or revoked token');
      else if (!cursor) results[i] = fail('not-found', `unknown terminal ${p.terminalId}`);
    });
    await refuseIdConflicts(trx, pushes, results);

    const accepted = pushes.filter((_, i) => results[i] === undefined);
    const fresh = await insertEvents(trx, dialect, accepted);
    const checks = mergedChecks(accepted);
    await projectEventGroup(
      trx,
      [...fresh].map(([terminalId, events]) => ({ context: { terminalId, lineId: cursors.get(terminalId)!.lineId }, events, checks })),
    );

    const touched = new Map([...new Set(accepted.map((p) => p.terminalId))].map((id) => [id, cursors.get(id)!.lastSeq]));
    const acks = await gapFreeEnds(trx, touched, accepted);
    await moveCursors(trx, touched, acks);
    return pushes.map((p, i) => results[i] ?? ok({ ackSeq: acks.get(p.terminalId)! }));
  });
}

/**
 * The terminals' last_seq (and token hash). In PostgreSQL the rows stay locked until commit, so pushes of
 * one terminal (through this server or another) queue up; locked in id order, so two
 * groups that share terminals wait for each other instead of deadlocking.
 */
async function lockTerminalCursors(trx: Trx, dialect: DatabaseDialect, terminalIds: readonly string[]): Promise<Map<string, Cursor>> {
  const ids = [...new Set(terminalIds)].sort();
  const cursors = new Map<string, Cursor>();
  for (const part of chunk(ids)) {
    const rows = await trx
      .selectFrom('terminals')
      .select(['id', 'last_seq', 'line_id', 'token_hash'])
      .where('id', 'in', part)
      .orderBy('id')
      .$if(dialect === 'postgres', (qb) => qb.forUpdate())
      .execute();
    for (const row of rows) cursors.set(row.id, { lastSeq: Number(row.last_seq), lineId: row.line_id, tokenHash: row.token_hash });
  }
  return cursors;
}

/**
 * An event id may appear only once in the whole record. A resend carries the
 * same (terminal, seq, id) and is fine; the same id under another seq is a
 * terminal bug that DO NOTHING would turn into a permanent gap, so that push
 * is refused. Ids are claimed in queue order, so of two pushes in one group
 * that disagree about an id the later one is refused.
 */
async function refuseIdConflicts(trx: Trx, pushes: readonly PushInput[], results: (StoreResult | undefined)[]): Promise<void> {
  const ids = [...new Set(pushes.flatMap((p, i) => (results[i] ? [] : p.events.map((e) => e.id.toLowerCase()))))];
  const owner = new Map<string, { terminalId: string; seq: number; stored: boolean }>();
  for (const part of chunk(ids)) {
    const stored = await trx.selectFrom('events').select(['id', 'terminal_id', 'seq']).where('id', 'in', part).execute();
    for (const row of stored) owner.set(row.id.toLowerCase(), { terminalId: row.terminal_id, seq: Number(row.seq), stored: true });
  }
  pushes.forEach((push, i) => {
    if (results[i]) return;
    const claims = new Map<string, number>();
    for (const e of push.events) {
      const id = e.id.toLowerCase();
      const seen = claims.get(id);
      if (seen !== undefined && seen !== e.seq) {
        results[i] = fail('conflict', `event id ${id} appears at seq ${seen} and seq ${e.seq}`);
        return;
      }
      claims.set(id, e.seq);
      const other = owner.get(id);
      if (other && (other.terminalId !== push.terminalId || other.seq !== e.seq)) {
        const where = other.stored ? 'is already stored' : 'arrived in a concurrent push';
        results[i] = fail('conflict', `event id ${id} (seq ${e.seq}) ${where} under another seq or terminal`);
        return;
      }
    }
    for (const [id, seq] of claims) if (!owner.has(id)) owner.set(id, { terminalId: push.terminalId, seq, stored: false });
  });
}

/** Inserts every new (terminal, seq) once and returns, per terminal, the events this INSERT wrote: only those are projected. */
async function insertEvents(trx: Trx, dialect: DatabaseDialect, pushes: readonly PushInput[]): Promise<Map<string, EventEnvelope[]>> {
  const receivedAt = new Date().toISOString();
  const unique = new Map<string, EventEnvelope>();
  for (const push of pushes) for (const e of push.events) if (!unique.has(seqKey(push.terminalId, e.seq))) unique.set(seqKey(push.terminalId, e.seq), e);
  const events = [...unique.values()];
  const written = new Set<string>();
  for (const part of chunk(events)) {
    const params: unknown[] = [];
    for (const e of part) {
      const row = toRow(e, receivedAt);
      for (const column of EVENT_COLUMNS) params.push(row[column]);
    }
    const inserted = await trx.executeQuery<{ terminal_id: string; seq: number | string }>(CompiledQuery.raw(insertEventsSql(dialect, part.length), params));
    for (const row of inserted.rows) written.add(seqKey(row.terminal_id, Number(row.seq)));
  }
  const fresh = new Map<string, EventEnvelope[]>();
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (!written.has(seqKey(e.terminalId, e.seq))) continue;
    const list = fresh.get(e.terminalId) ?? [];
    list.push(e);
    fresh.set(e.terminalId, list);
  }
  return fresh;
}

const EVENT_COLUMNS = ['terminal_id', 'seq', 'id', 'type', 'occurred_at', 'operator_id', 'order_id', 'payload', 'schema_version', 'received_at', 'known'] as const;

/** The text of a full chunk, per dialect; shorter ones (a push's tail) are written out each time. */
const fullChunkTexts = new Map<DatabaseDialect, string>();

/**
 * The events INSERT as text, written out rather than built by Kysely's insert
 * builder: that builder spent ~10 µs per event parsing 500 rows of values into
 * nodes and compiling them back (bench/sync-push.ts, CPU profile of the
 * server). The text depends only on the dialect and the row count, so every
 * full chunk is the same statement (SQLite keeps it prepared, see
 * create-database.ts).
 */
function insertEventsSql(dialect: DatabaseDialect, rows: number): string {
  const cached = rows === INSERT_CHUNK ? fullChunkTexts.get(dialect) : undefined;
  if (cached) return cached;
  let n = 0;
  const placeholder = dialect === 'postgres' ? () => `$${++n}` : () => '?';
  const tuples = Array.from({ length: rows }, () => `(${EVENT_COLUMNS.map(placeholder).join(', ')})`);
  const text = `insert into "events" (${EVENT_COLUMNS.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')} on conflict ("terminal_id", "seq") do nothing returning "terminal_id", "seq"`;
  if (rows === INSERT_CHUNK) fullChunkTexts.set(dialect, text);
  return text;
}

/**
 * For each terminal, the end of the unbroken run of stored seqs above its
 * cursor. Every event of an accepted push is stored once insertEvents ran
 * (written now or found under its (terminal, seq)), so the run through the
 * pushes' own seqs is known without asking; the database is asked only for
 * what lies beyond it (events stored earlier above a gap), one query for the
 * group. Before, that query read back every event the group had just written.
 */
async function gapFreeEnds(trx: Trx, lastSeqs: ReadonlyMap<string, number>, pushes: readonly PushInput[]): Promise<Map<string, number>> {
  const pushed = new Map<string, Set<number>>();
  for (const p of pushes) {
    const seqs = pushed.get(p.terminalId) ?? new Set<number>();
    for (const e of p.events) seqs.add(e.seq);
    pushed.set(p.terminalId, seqs);
  }
  const ends = new Map<string, number>();
  for (const [id, lastSeq] of lastSeqs) {
    let end = lastSeq;
    const seqs = pushed.get(id);
    while (seqs?.has(end + 1)) end++;
    ends.set(id, end);
  }
  for (const part of chunk([...ends].sort(([a], [b]) => (a < b ? -1 : 1)))) {
    const rows = await trx
      .selectFrom('events')
      .select(['terminal_id', 'seq'])
      .where((eb) => eb.or(part.map(([id, end]) => eb.and([eb('terminal_id', '=', id), eb('seq', '>', end)]))))
      .orderBy('terminal_id')
      .orderBy('seq')
      .execute();
    const broken = new Set<string>();
    for (const { terminal_id: id, seq } of rows) {
      if (broken.has(id)) continue;
      const end = ends.get(id)!;
      if (Number(seq) === end + 1) ends.set(id, end + 1);
      else broken.add(id);
    }
  }
  return ends;
}

/** One UPDATE for every cursor that moved. */
async function moveCursors(trx: Trx, before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): Promise<void> {
  const moved = [...after].filter(([id, seq]) => seq !== before.get(id)).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const part of chunk(moved)) {
    const cases = sql.join(part.map(([id, seq]) => sql`WHEN ${id} THEN CAST(${seq} AS bigint)`), sql` `);
    await trx
      .updateTable('terminals')
      .set({ last_seq: sql<number>`CASE id ${cases} END` })
      .where('id', 'in', part.map(([id]) => id))
      .execute();
  }
}

/** The pushes' checks as one lookup (envelopes are distinct objects), or none when no push brought any. */
function mergedChecks(pushes: readonly PushInput[]): EventChecks | undefined {
  const withChecks = pushes.filter((p) => p.checks);
  if (withChecks.length <= 1) return withChecks[0]?.checks;
  return new Map(withChecks.flatMap((p) => [...p.checks!]));
}

const seqKey = (terminalId: string, seq: number): string => `${terminalId}\u0000${seq}`;

function chunk<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) out.push(rows.slice(i, i + INSERT_CHUNK));
  return out;
}

export function toRow(e: EventEnvelope, receivedAt: string): EventsTable {
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
