import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { describeIssues, sendError } from '../http/errors';
import { lineOee } from '../oee/oee-query';
import type { RouteDeps } from './deps';

/** A year and a bit: one request may fold a whole year of a line, not a decade. */
const MAX_WINDOW_DAYS = 400;

export const OeeQuerySchema = z
  .object({
    line: z.string().min(1).max(64),
    from: z.string().datetime({ offset: true }),
    to: z.string().datetime({ offset: true }),
  })
  .strict()
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'to must be after from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_WINDOW_DAYS * 86_400_000, { message: `at most ${MAX_WINDOW_DAYS} days`, path: ['to'] });

/**
 * GET /api/v1/oee?line=&from=&to=: the line's OEE per shift, day and order
 * with the Pareto of stop reasons. Admin tokens read any line; a terminal
 * reads its own line's (its screen shows the server's figure beside its own).
 */
export function registerOeeRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  app.get('/api/v1/oee', async (request, reply) => {
    const parsed = OeeQuerySchema.safeParse(request.query);
    if (!parsed.success) return sendError(reply, 'bad-request', describeIssues(parsed.error, 'query'));
    const principal = request.principal;
    if (principal?.kind === 'terminal' && principal.lineId !== parsed.data.line) {
      return sendError(reply, 'forbidden', `terminal ${principal.terminalId} belongs to line ${principal.lineId}, not ${parsed.data.line}`);
    }
    return lineOee(db, { lineId: parsed.data.line, from: new Date(parsed.data.from), to: new Date(parsed.data.to) });
  });
}
