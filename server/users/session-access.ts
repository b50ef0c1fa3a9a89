import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/schema';
import { mayDo } from './roles';
import { cookieValue, resolveSession, SESSION_COOKIE } from './sessions';

/**
 * A request that carries a session cookie instead of a bearer token. The
 * session is resolved, the route's permission checked against the role, and
 * every write must prove it comes from our own pages: the session's CSRF
 * token in the X-CSRF-Token header (a synchronizer token; SameSite=Strict
 * is the second line), and an Origin header, when the browser sends one,
 * naming this server.
 */

declare module 'fastify' {
  interface FastifyRequest {
    /** Why checkSessionAccess refused, for the error body. */
    authDenial: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/** Undefined when the request may go on (request.principal is then the person). */
export async function checkSessionAccess(db: Db, request: FastifyRequest): Promise<'unauthenticated' | 'forbidden' | undefined> {
  const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE);
  const session = cookie ? await resolveSession(db, cookie) : undefined;
  if (!session) {
    request.authDenial = 'not logged in, or the session has ended (log in again)';
    return 'unauthenticated';
  }
  const { user } = session;
  // Set before the checks below, so a refused write is audited under the person's name.
  request.principal = { kind: 'user', username: user.username, displayName: user.displayName, role: user.role, csrfToken: session.csrfToken };
  const { auth, permission } = request.routeOptions.config;
  if (!SAFE_METHODS.has(request.method)) {
    const csrfProblem = csrfProblemOf(request, session.csrfToken);
    if (csrfProblem) {
      request.authDenial = csrfProblem;
      return 'forbidden';
    }
  }
  if (auth === 'terminal') {
    request.authDenial = 'this route needs a terminal token';
    return 'forbidden';
  }
  if (auth === 'admin') {
    if (!permission) {
      request.authDenial = 'this route needs an admin token';
      return 'forbidden';
    }
    if (!mayDo(user.role, permission)) {
      request.authDenial = `role ${user.role} may not ${permission}`;
      return 'forbidden';
    }
  }
  return undefined;
}

function csrfProblemOf(request: FastifyRequest, expected: string): string | undefined {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `${request.protocol}://${request.host}`) return `writes from origin ${origin} are refused`;
  const sent = request.headers[CSRF_HEADER];
  const token = typeof sent === 'string' ? Buffer.from(sent) : Buffer.alloc(0);
  const wanted = Buffer.from(expected);
  if (token.length !== wanted.length || !timingSafeEqual(token, wanted)) return 'missing or wrong X-CSRF-Token header (reload the page)';
  return undefined;
}
