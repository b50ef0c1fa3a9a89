import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { describeIssues, sendError } from '../http/errors';
import { listAudit } from '../users/audit';
import type { RouteDeps } from './deps';

const Query = z.object({
  limit: z.coerce.number().int().positive().max(1000).default(200),
  before: z.string().datetime({ offset: true }).optional(),
  actor: z.string().min(1).max(100).optional(),
});

/** GET /api/v1/audit: who wrote what and when, newest first; page back with `before`. */
export function registerAuditRoute(app: FastifyInstance, { db }: RouteDeps): void {
  app.get('/api/v1/audit', { config: { auth: 'admin', permission: 'audit.read' } }, async (request, reply) => {
    const parsed = Query.safeParse(request.query);
    if (!parsed.success) return sendError(reply, 'bad-request', describeIssues(parsed.error, 'query'));
    const before = parsed.data.before ? new Date(parsed.data.before).toISOString() : undefined;
    return { entries: await listAudit(db, { limit: parsed.data.limit, before, actor: parsed.data.actor }) };
  });
}
