import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PULL_MAX_LIMIT } from '../../shared/sync-protocol';
import { listEvents } from '../event-store';
import { describeIssues, sendError } from '../http/errors';
import type { RouteDeps } from './deps';

const EventsQuery = z.object({
  terminalId: z.string().min(1).max(64),
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(PULL_MAX_LIMIT).default(500),
});

/** GET /api/v1/events: one terminal's stored events in seq order (admins, quality tools, tests). */
export function registerEventsRoute(app: FastifyInstance, { db }: RouteDeps): void {
  app.get('/api/v1/events', { config: { auth: 'admin' } }, async (request, reply) => {
    const parsed = EventsQuery.safeParse(request.query);
    if (!parsed.success) return sendError(reply, 'bad-request', describeIssues(parsed.error, 'query'));
    return listEvents(db, parsed.data);
  });
}
