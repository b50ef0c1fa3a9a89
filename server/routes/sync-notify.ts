import type { FastifyInstance } from 'fastify';
import { NotifyQuery, type NotifyResponse } from '../../shared/sync-protocol';
import { terminalOf } from '../auth';
import { describeIssues, sendError } from '../http/errors';
import { pullScopeOf } from '../pull-scope';
import { createRevisionNotifier } from '../revision-notifier';
import type { RouteDeps } from './deps';

/**
 * GET /api/v1/sync/notify?since=<rev>: a long poll that answers as soon as
 * the calling terminal's line has a master-data revision above `since` (a
 * blocked batch must reach the line within seconds, not at the next periodic
 * pull), or after at most 25 s with `changed: false`. The terminal then pulls.
 */
export function registerSyncNotifyRoute(app: FastifyInstance, { db, revisionPollMs }: RouteDeps): void {
  const notifier = createRevisionNotifier(db, revisionPollMs !== undefined ? { pollMs: revisionPollMs } : {});
  // Waiting requests answer "nothing new" at shutdown instead of holding the close up.
  app.addHook('onClose', async () => notifier.close());
  app.get('/api/v1/sync/notify', { config: { auth: 'terminal' } }, async (request, reply) => {
    const parsed = NotifyQuery.safeParse(request.query);
    if (!parsed.success) return sendError(reply, 'bad-request', describeIssues(parsed.error, 'query'));
    const { since, wait } = parsed.data;
    const gone = new AbortController();
    // A terminal that hangs up (network lost, host stopped) stops its wait at once.
    const onClose = () => gone.abort();
    reply.raw.once('close', onClose);
    try {
      const rev = await notifier.waitForRevision(await pullScopeOf(db, terminalOf(request)), since, wait * 1000, gone.signal);
      const response: NotifyResponse = rev === null ? { rev: since, changed: false } : { rev, changed: true };
      return response;
    } finally {
      reply.raw.off('close', onClose);
    }
  });
}
