import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkEvent, type EventCheck, type EventEnvelope } from '../../shared/events';
import { PushRequest, type PushResponse } from '../../shared/sync-protocol';
import { terminalOf } from '../auth';
import { createPushStore } from '../group-commit';
import { describeIssues, sendError } from '../http/errors';
import type { RouteDeps } from './deps';

/**
 * The push body's schema compiled to one generated function (zod's `z.compile`;
 * the renderer cannot, its CSP forbids `new Function`): the same rules, ~half
 * the time per envelope. A body it refuses is parsed again by the schema
 * itself, so the coded error names the same issues.
 */
const PushBody = z.compile(PushRequest);

/** POST /api/v1/sync/push: a terminal hands over its events; the answer is its new cursor (DESIGN §5). */
export function registerSyncPushRoute(app: FastifyInstance, { db, dialect }: RouteDeps): void {
  const store = createPushStore(db, dialect);
  // The store checks the caller's token where it locks the cursor, so auth may answer from memory.
  app.post('/api/v1/sync/push', { config: { auth: 'terminal', tokenRecheckedByRoute: true } }, async (request, reply) => {
    const parsed = PushBody.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 'bad-request', describeIssues(parsed.error));
    const { terminalId, events } = parsed.data;
    const caller = terminalOf(request);
    if (terminalId !== caller.terminalId) {
      return sendError(reply, 'forbidden', `terminal ${caller.terminalId} may not push events of terminal ${terminalId}`);
    }
    // Each payload is parsed here once; the projection takes these results instead of parsing again.
    const checks = new Map<EventEnvelope, EventCheck>();
    for (const event of events) {
      if (event.terminalId !== terminalId) {
        return sendError(reply, 'bad-request', `event seq ${event.seq}: terminalId ${event.terminalId} does not match ${terminalId}`);
      }
      // Known types must be well-formed; a newer terminal's types and versions are stored as they are.
      const checked = checkEvent(event);
      if (!checked.ok && checked.code === 'invalid-payload') return sendError(reply, 'bad-request', `event seq ${event.seq} (${event.type}): ${checked.message}`);
      checks.set(event, checked);
    }
    const stored = await store(terminalId, events, caller.tokenHash, checks);
    if (!stored.ok) return sendError(reply, stored.error.code, stored.error.message);
    const response: PushResponse = { ackSeq: stored.value.ackSeq };
    return response;
  });
}
