import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { describeIssues, sendError } from '../http/errors';
import { APPROVAL_EVENT_TYPES } from '../projection/approvals';
import type { RouteDeps } from './deps';

const OverridesQuery = z.object({
  since: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().positive().max(1000).default(500),
});

const Query = z.object({
  kind: z.string().min(1).max(64).optional(),
  since: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().positive().max(1000).default(500),
});

/** GET /api/v1/quality/flags: quality alerts raised while projecting (blocked or expired batch used, overrides, unknown events, bookings on another line's or an unknown order). */
export function registerQualityRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  app.get('/api/v1/quality/flags', { config: { auth: 'admin', permission: 'flags.read' } }, async (request, reply) => {
    const parsed = Query.safeParse(request.query);
    if (!parsed.success) return sendError(reply, 'bad-request', describeIssues(parsed.error, 'query'));
    const { kind, since, limit } = parsed.data;
    const rows = await db
      .selectFrom('quality_flags')
      .leftJoin('quality_flag_acks', (join) => join.onRef('quality_flag_acks.event_id', '=', 'quality_flags.event_id').onRef('quality_flag_acks.kind', '=', 'quality_flags.kind'))
      .selectAll('quality_flags')
      .select(['quality_flag_acks.acknowledged_by', 'quality_flag_acks.acknowledged_at', 'quality_flag_acks.note'])
      .$if(kind !== undefined, (qb) => qb.where('quality_flags.kind', '=', kind as string))
      .$if(since !== undefined, (qb) => qb.where('quality_flags.occurred_at', '>=', new Date(since as string).toISOString()))
      .orderBy('quality_flags.occurred_at')
      .orderBy('quality_flags.event_id')
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
        acknowledged: r.acknowledged_by ? { by: r.acknowledged_by, at: r.acknowledged_at, note: r.note } : null,
      })),
    };
  });

  /**
   * GET /api/v1/quality/overrides: every approved override (scrap approval,
   * sequence override, sequence break) with its approver as the terminal
   * claimed it, and whether the server found the claim possible when the
   * event arrived (a `forged-approval` flag says why not).
   */
  app.get('/api/v1/quality/overrides', { config: { auth: 'admin', permission: 'flags.read' } }, async (request, reply) => {
    const parsed = OverridesQuery.safeParse(request.query);
    if (!parsed.success) return sendError(reply, 'bad-request', describeIssues(parsed.error, 'query'));
    const { since, limit } = parsed.data;
    const rows = await db
      .selectFrom('events')
      .select(['id', 'terminal_id', 'seq', 'type', 'order_id', 'operator_id', 'occurred_at', 'payload'])
      .where('type', 'in', [...APPROVAL_EVENT_TYPES])
      .$if(since !== undefined, (qb) => qb.where('occurred_at', '>=', new Date(since as string).toISOString()))
      .orderBy('occurred_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    const ids = rows.map((r) => String(r.id).toLowerCase());
    const forged = new Map<string, string>();
    if (ids.length > 0) {
      const flags = await db.selectFrom('quality_flags').select(['event_id', 'message']).where('kind', '=', 'forged-approval').where('event_id', 'in', ids).execute();
      for (const f of flags) forged.set(f.event_id, f.message);
    }
    return {
      overrides: rows.map((r) => {
        const payload = JSON.parse(r.payload) as { approvedBy?: string; reason?: string };
        return {
          eventId: String(r.id).toLowerCase(),
          terminalId: r.terminal_id,
          seq: Number(r.seq),
          type: r.type,
          orderId: r.order_id,
          operatorId: r.operator_id,
          approvedBy: payload.approvedBy ?? null,
          reason: payload.reason ?? null,
          occurredAt: r.occurred_at,
          verified: !forged.has(String(r.id).toLowerCase()),
          problem: forged.get(String(r.id).toLowerCase()) ?? null,
        };
      }),
    };
  });
}
