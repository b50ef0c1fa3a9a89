import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { describeIssues, sendError } from '../http/errors';
import type { RouteDeps } from './deps';

const Query = z.object({
  kind: z.string().min(1).max(64).optional(),
  since: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().positive().max(1000).default(500),
});

/** GET /api/v1/quality/flags: quality alerts raised while projecting (blocked or expired batch used, overrides, unknown events, bookings on another line's or an unknown order). */
export function registerQualityRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  app.get('/api/v1/quality/flags', { config: { auth: 'admin' } }, async (request, reply) => {
    const parsed = Query.safeParse(request.query);
    if (!parsed.success) return sendError(reply, 'bad-request', describeIssues(parsed.error, 'query'));
    const { kind, since, limit } = parsed.data;
    const rows = await db
      .selectFrom('quality_flags')
      .selectAll()
      .$if(kind !== undefined, (qb) => qb.where('kind', '=', kind as string))
      .$if(since !== undefined, (qb) => qb.where('occurred_at', '>=', new Date(since as string).toISOString()))
      .orderBy('occurred_at')
      .orderBy('event_id')
      .limit(limit)
      .execute();
    return {
      flags: rows.map((r) => ({
        eventId: r.event_id,
        kind: r.kind,
        terminalId: r.terminal_id,
        seq: Number(r.seq),
        type: r.type,
        orderId: r.order_id,
        materialId: r.material_id,
        batch: r.batch,
        message: r.message,
        occurredAt: r.occurred_at,
      })),
    };
  });
}
