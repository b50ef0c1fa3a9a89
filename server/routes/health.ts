import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { sendError } from '../http/errors';
import type { RouteDeps } from './deps';

/** Liveness and database reachability; the only route without a token (load balancers, the terminal's status light). */
export function registerHealthRoute(app: FastifyInstance, { db, dialect }: RouteDeps): void {
  app.get('/health', { config: { auth: 'none', rateLimit: false } }, async (request, reply) => {
    try {
      await sql`SELECT 1`.execute(db);
    } catch (err) {
      request.log.error({ err }, 'health check: database unreachable');
      return sendError(reply, 'database-unavailable', 'database unreachable', 503);
    }
    return { status: 'ok', database: dialect };
  });
}
