import type { FastifyInstance } from 'fastify';
import { PushRequest } from '../../shared/sync-protocol';
import { terminalOf } from '../../server/auth';
import type { Db } from '../../server/db/schema';
import { sendError } from '../../server/http/errors';

/**
 * The benchmark's baseline (bench/server.ts), never registered by the real
 * server: the push path a first attempt would write. One INSERT per event in
 * autocommit (a commit, and in SQLite an fsync, per event), no projections,
 * then the gap-free cursor. Same HTTP, auth and validation as the real route.
 */
export function registerNaivePush(app: FastifyInstance, db: Db): void {
  app.post('/bench/naive-push', { config: { auth: 'terminal' } }, async (request, reply) => {
    const parsed = PushRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 'bad-request', 'invalid push');
    const { terminalId, events } = parsed.data;
    if (terminalId !== terminalOf(request).terminalId) return sendError(reply, 'forbidden', 'not your terminal');
    const receivedAt = new Date().toISOString();
    for (const e of events) {
      await db
        .insertInto('events')
        .values({
          terminal_id: terminalId,
          seq: e.seq,
          id: e.id.toLowerCase(),
          type: e.type,
          occurred_at: e.occurredAt,
          operator_id: e.operatorId ?? null,
          order_id: e.orderId ?? null,
          payload: JSON.stringify(e.payload),
          schema_version: e.schemaVersion,
          received_at: receivedAt,
          known: 1,
        })
        .onConflict((oc) => oc.columns(['terminal_id', 'seq']).doNothing())
        .execute();
    }
    const terminal = await db.selectFrom('terminals').select('last_seq').where('id', '=', terminalId).executeTakeFirstOrThrow();
    let ackSeq = Number(terminal.last_seq);
    const seqs = await db.selectFrom('events').select('seq').where('terminal_id', '=', terminalId).where('seq', '>', ackSeq).orderBy('seq').execute();
    for (const { seq } of seqs) {
      if (Number(seq) !== ackSeq + 1) break;
      ackSeq += 1;
    }
    await db.updateTable('terminals').set({ last_seq: ackSeq }).where('id', '=', terminalId).execute();
    return { ackSeq };
  });
}
