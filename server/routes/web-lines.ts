import type { FastifyInstance } from 'fastify';
import { authenticate } from '../auth';
import { createChangeFeed, type ChangeListen } from '../db/change-feed';
import { linesBoard } from '../lines/line-board';
import { createLinesHub, type BoardMessage } from '../lines/lines-hub';
import { mayDo } from '../users/roles';
import { cookieValue, resolveSession, SESSION_COOKIE } from '../users/sessions';
import type { RouteDeps } from './deps';

/**
 * The lines page's data. GET /api/v1/web/lines answers the board once;
 * GET /api/v1/web/lines/stream keeps answering it as server-sent events
 * (`event: board`, and `event: problem` while the database cannot be read),
 * a new board whenever the plant's record changes, on this instance or any
 * other on the same database (server/db/change-feed.ts). Whoever may see the
 * fleet may read it (viewers too), by session or admin token. The session
 * (or token) is checked again before every board and keep-alive: after a
 * logout, an expiry, the account's removal or the token's revocation the
 * stream says `event: ended` and closes, instead of going on showing the
 * plant to someone no longer let in.
 */

/** A comment line this often keeps proxies and the browser from taking the stream for dead. */
export const KEEPALIVE_MS = 15_000;

export interface LinesRouteOptions {
  listen?: ChangeListen | undefined;
  changePollMs?: number | undefined;
}

export function registerWebLinesRoutes(app: FastifyInstance, { db, dialect }: RouteDeps, options: LinesRouteOptions = {}): void {
  const feed = createChangeFeed({ db, listen: options.listen, pollMs: options.changePollMs });
  const hub = createLinesHub(db, dialect, feed);
  const open = new Set<() => void>();
  // Open streams end before the server waits for its connections to close.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });
  app.addHook('onClose', async () => {
    hub.close();
    await feed.close();
  });

  const config = { auth: 'admin', permission: 'fleet.read' } as const;

  app.get('/api/v1/web/lines', { config }, async () => linesBoard(db, dialect));

  app.get('/api/v1/web/lines/stream', { config }, (request, reply) => {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    raw.write('retry: 2000\n\n');
    let id = 0;
    let last = '';
    const write = (message: BoardMessage): void => {
      // The same board twice (a write that changed nothing shown) is not sent again; `at` alone does not count.
      const data = message.kind === 'board' ? JSON.stringify(message.board) : JSON.stringify({ error: { code: message.code, message: message.message } });
      const same = message.kind === 'board' ? JSON.stringify({ ...message.board, at: '' }) : data;
      if (same === last) return;
      last = same;
      raw.write(`event: ${message.kind}\nid: ${++id}\ndata: ${data}\n\n`);
    };
    const cookie = request.principal?.kind === 'user' ? cookieValue(request.headers.cookie, SESSION_COOKIE) : undefined;
    const authorization = request.principal?.kind === 'admin' ? request.headers.authorization : undefined;
    const sessionHolds = async (): Promise<boolean> => {
      try {
        if (authorization !== undefined) return (await authenticate(db, authorization)).ok;
        if (cookie === undefined) return false;
        const session = await resolveSession(db, cookie);
        return session !== undefined && mayDo(session.user.role, 'fleet.read');
      } catch {
        // The database is down: the board reports that itself; the session is checked again next time.
        return true;
      }
    };
    // One at a time, in order: a board is written only after its session check.
    let queue = Promise.resolve();
    const deliver = (message: BoardMessage | 'keep-alive'): void => {
      queue = queue.then(async () => {
        if (!open.has(end)) return;
        if (!(await sessionHolds())) {
          raw.write(`event: ended\ndata: ${JSON.stringify({ error: { code: 'unauthorized', message: 'the session has ended (log in again)' } })}\n\n`);
          end();
          return;
        }
        if (message === 'keep-alive') raw.write(': keep-alive\n\n');
        else write(message);
      });
    };
    const keepAlive = setInterval(() => deliver('keep-alive'), KEEPALIVE_MS);
    const leave = hub.join(deliver);
    const end = (): void => {
      if (!open.delete(end)) return;
      clearInterval(keepAlive);
      leave();
      raw.end();
    };
    open.add(end);
    request.raw.once('close', end);
    raw.once('close', end);
  });
}
