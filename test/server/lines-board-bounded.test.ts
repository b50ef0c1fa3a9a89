import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/events';
import { buildServer } from '../../server/app';
import type { LinesBoard } from '../../server/lines/line-board';
import { boardEventsQuery } from '../../server/lines/line-jis';
import { upsertMaster } from '../../server/master-data-store';
import { queryCounter } from './support/query-counter';
import { bearer, createTestServer, makeEvent, push, type TestServer } from './support/test-server';

/**
 * The lines board shows where each JIS sequence of the line stands. A line
 * that has built for months has booked thousands of sequence events (older
 * call-offs, racks, mismatches): the board must read as many rows for today's
 * sequence with that history behind it as without, and find them by index.
 */

const TERMINAL = 'T-JIS';
const HISTORY = 300;
const seqEvent = (seq: number, type: string, payload: Record<string, unknown>): EventEnvelope =>
  makeEvent(TERMINAL, seq, { type, occurredAt: new Date(Date.UTC(2025, 0, 6, 6) + seq * 1000).toISOString(), payload });

/** Long ago: a finished call-off, then today's sequence's racks and a mismatch acknowledged HISTORY times. */
function history(): EventEnvelope[] {
  const out: EventEnvelope[] = [];
  for (let n = 1; n <= HISTORY; n++) out.push(seqEvent(out.length + 1, 'SequencePartVerified', { sequenceId: 'SEQ-OLD', sequenceNumber: n, customerPartNumber: 'A0004711' }));
  out.push(seqEvent(out.length + 1, 'RackOpened', { rackId: 'R-1', sequenceId: 'SEQ-NOW', slots: HISTORY }));
  for (let n = 1; n <= HISTORY; n++) {
    out.push(seqEvent(out.length + 1, 'SequenceMismatch', { sequenceId: 'SEQ-NOW', sequenceNumber: 1, expected: 'A0004711', scanned: 'B0000001' }));
    out.push(seqEvent(out.length + 1, 'SequenceMismatchAcknowledged', { sequenceId: 'SEQ-NOW', sequenceNumber: 1 }));
  }
  return out;
}

/** Today: positions 1 and 2 built, 3 skipped, 5 pulled ahead. */
function today(first: number): EventEnvelope[] {
  return [
    seqEvent(first, 'SequencePartVerified', { sequenceId: 'SEQ-NOW', sequenceNumber: 1, customerPartNumber: 'A0004711' }),
    seqEvent(first + 1, 'SequencePartVerified', { sequenceId: 'SEQ-NOW', sequenceNumber: 2, customerPartNumber: 'A0004711' }),
    seqEvent(first + 2, 'SequenceBreak', { sequenceId: 'SEQ-NOW', sequenceNumber: 3, kind: 'skipped', reason: 'quality hold', approvedBy: 'OP-9' }),
    seqEvent(first + 3, 'SequenceBreak', { sequenceId: 'SEQ-NOW', sequenceNumber: 5, kind: 'pulled-ahead', reason: 'customer asked', approvedBy: 'OP-9' }),
  ];
}

describe('the lines board reads a bounded number of rows for a JIS sequence with a long history', () => {
  const servers: TestServer[] = [];
  const boards: { rows: number; queries: number; board: LinesBoard }[] = [];

  beforeAll(async () => {
    for (const long of [false, true]) {
      const server = await createTestServer();
      servers.push(server);
      const token = await server.addTerminal(TERMINAL, 'L1');
      const positions = [1, 2, 3, 4, 5, 7].map((n) => ({ sequenceNumber: n, vehicleNumber: `V-${n}`, customerPartNumber: 'A0004711', dueTime: '2025-01-06T08:00:00Z' }));
      for (const [kind, row] of [
        ['line', { id: 'L1', plantId: 'P1', name: 'Sitze vorne' }],
        ['jis-sequence', { id: 'SEQ-NOW', lineId: 'L1', customer: 'Autowerk Süd', callOffRevision: 1, positions }],
      ] as const) {
        expect((await upsertMaster(server.database.db, kind, row as never)).ok).toBe(true);
      }
      const before = long ? history() : [];
      for (let i = 0; i < before.length; i += 200) expect((await push(server.app, token, TERMINAL, before.slice(i, i + 200))).statusCode).toBe(200);
      expect((await push(server.app, token, TERMINAL, today(before.length + 1))).statusCode).toBe(200);

      const counter = queryCounter();
      const counted = buildServer({ db: server.database.db.withPlugin(counter.plugin), dialect: server.database.dialect });
      await counted.ready();
      counter.reset();
      const res = await counted.inject({ method: 'GET', url: '/api/v1/web/lines', headers: bearer(server.adminToken) });
      expect(res.statusCode, res.body).toBe(200);
      boards.push({ rows: counter.rows(), queries: counter.count(), board: res.json() as LinesBoard });
      await counted.close();
    }
  });
  afterAll(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  it('shows the same position and gaps with or without the history', () => {
    for (const { board } of boards) {
      expect(board.lines[0]?.sequences).toEqual([
        { sequenceId: 'SEQ-NOW', customer: 'Autowerk Süd', revision: 1, total: 6, built: 2, skipped: 1, open: 3, current: { sequenceNumber: 5, vehicleNumber: 'V-5', variant: '' }, gaps: [{ from: 6, to: 6 }], gapCount: 1 },
      ]);
    }
  });

  it('reads as many rows with 900 older sequence events as without them', () => {
    const [short, long] = boards;
    expect(long!.queries).toBe(short!.queries);
    expect(long!.rows).toBe(short!.rows);
  });

  it('finds the sequence events by the JIS index, not by reading the events table', async () => {
    const database = servers[0]!.database;
    if (database.dialect === 'postgres') {
      const rows = await database.db.executeQuery<{ indexdef: string }>(CompiledQuery.raw(`SELECT indexdef FROM pg_indexes WHERE tablename = 'events' AND indexname = 'events_jis_sequence_idx'`));
      expect(rows.rows[0]?.indexdef).toMatch(/sequenceId/);
      return;
    }
    const query = boardEventsQuery(database.db, database.dialect, 'L1', ['SEQ-NOW']).compile();
    const plan = await database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]));
    const details = plan.rows.map((r) => r.detail).join(' | ');
    expect(details).toContain('events_jis_sequence_idx');
    expect(details).not.toMatch(/SCAN events(?! USING)/);
  });
});
