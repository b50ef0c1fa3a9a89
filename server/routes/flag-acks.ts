import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { describeIssues, sendError } from '../http/errors';
import type { RouteDeps } from './deps';

const Body = z.object({
  eventId: z.string().min(1).max(100),
  kind: z.string().min(1).max(64),
  note: z.string().trim().max(500).optional(),
});

/**
 * POST /api/v1/quality/flags/acknowledge: a person has looked at a quality
 * flag. Once per flag (409 names who did it first); the flag itself stays,
 * and the audit log keeps who acknowledged it, when and with which note.
 */
export function registerFlagAckRoute(app: FastifyInstance, { db }: RouteDeps): void {
  app.post('/api/v1/quality/flags/acknowledge', { config: { auth: 'admin', permission: 'flags.acknowledge', action: 'flag.acknowledge' } }, async (request, reply) => {
    const body = Body.safeParse(request.body);
    if (!body.success) return sendError(reply, 'bad-request', describeIssues(body.error));
    const { eventId, kind, note } = body.data;
    request.audit = { target: `${kind} ${eventId}`, detail: { eventId, kind, ...(note ? { reason: note } : {}) } };
    const principal = request.principal;
    const by = principal?.kind === 'user' ? principal.username : principal?.kind === 'admin' ? `token:${principal.name}` : 'unknown';
    const flag = await db.selectFrom('quality_flags').select('event_id').where('event_id', '=', eventId).where('kind', '=', kind).executeTakeFirst();
    if (!flag) return sendError(reply, 'not-found', `no ${kind} flag for event ${eventId}`);
    const at = new Date().toISOString();
    const inserted = await db
      .insertInto('quality_flag_acks')
      .values({ event_id: eventId, kind, acknowledged_by: by, acknowledged_at: at, note: note || null })
      .onConflict((oc) => oc.columns(['event_id', 'kind']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      const first = await db.selectFrom('quality_flag_acks').selectAll().where('event_id', '=', eventId).where('kind', '=', kind).executeTakeFirst();
      return sendError(reply, 'conflict', `already acknowledged by ${first?.acknowledged_by ?? '?'} at ${first?.acknowledged_at ?? '?'}`);
    }
    return { eventId, kind, acknowledged: { by, at, note: note || null } };
  });
}
