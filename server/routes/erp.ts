import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { describeIssues, sendError } from '../http/errors';
import { confirmationsAfter } from '../projection/erp';
import type { RouteDeps } from './deps';

const Query = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(1000).default(100),
});

/** GET /api/v1/erp/confirmations?after=<cursor>&limit=: completed orders with actual quantities, by confirmation number. */
export function registerErpRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  app.get('/api/v1/erp/confirmations', { config: { auth: 'admin' } }, async (request, reply) => {
    const parsed = Query.safeParse(request.query);
    if (!parsed.success) return sendError(reply, 'bad-request', describeIssues(parsed.error, 'query'));
    return confirmationsAfter(db, parsed.data);
  });
}
