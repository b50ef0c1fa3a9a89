import type { FastifyInstance } from 'fastify';
import { PullQuery, type PullResponse } from '../../shared/sync-protocol';
import { terminalOf } from '../auth';
import { describeIssues, sendError } from '../http/errors';
import { changesAfter } from '../master-data-store';
import { pullScopeOf } from '../pull-scope';
import type { RouteDeps } from './deps';

/** GET /api/v1/sync/pull: master-data changes after a revision, only the calling terminal's line (DESIGN §5) and, for a terminal that ships, its plant's containers. */
export function registerSyncPullRoute(app: FastifyInstance, { db }: RouteDeps): void {
  app.get('/api/v1/sync/pull', { config: { auth: 'terminal' } }, async (request, reply) => {
    const parsed = PullQuery.safeParse(request.query);
    if (!parsed.success) return sendError(reply, 'bad-request', describeIssues(parsed.error, 'query'));
    const { after, limit } = parsed.data;
    const page = await changesAfter(db, { after, limit, ...(await pullScopeOf(db, terminalOf(request))) });
    const response: PullResponse = { changes: page.changes, rev: page.changes.at(-1)?.rev ?? after, hasMore: page.hasMore };
    return response;
  });
}
