import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail, ok, type Result } from '../shared/errors';
import type { Db } from './db/schema';
import { createAuthFailureLimiter, DEFAULT_AUTH_FAILURES_PER_MIN, type AuthFailureLimitOptions } from './http/auth-failure-limit';
import { sendError } from './http/errors';
import { rememberTerminalTokens, type RememberedTerminalTokens } from './remembered-terminal-tokens';
import { hashToken, sameHash, tokenKind } from './tokens';
import { checkSessionAccess } from './users/session-access';
import type { Permission, Role } from './users/roles';

/**
 * Who is calling: every route needs a bearer token or a web session except
 * the ones marked `config: { auth: 'none' }` (GET /health, the login).
 * Terminal routes take a terminal token, admin routes an admin token or the
 * session of a person whose role holds the route's `permission` (see
 * users/session-access.ts). It runs as an onRequest hook,
 * before the body is read, so an anonymous client cannot make the server parse
 * 8 MiB and gets 401 before any 400 or 413.
 */

export type Principal =
  | { kind: 'terminal'; terminalId: string; lineId: string; tokenHash: string }
  | { kind: 'admin'; tokenId: string; name: string }
  | { kind: 'user'; username: string; displayName: string; role: Role; csrfToken: string };

/** `session`: any person logged in on the web pages, and no token (their own session, logout). */
export type RouteAuth = 'none' | 'terminal' | 'admin' | 'session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Which token the route needs; routes without it (404s included) accept either kind. */
    auth?: RouteAuth;
    /** What a person's role must allow for an admin route; without it only admin tokens pass. */
    permission?: Permission;
    /**
     * A terminal route that checks the principal's tokenHash against the terminal's row in its
     * own transaction (the push route): the hook may then answer from the tokens it remembers.
     */
    tokenRecheckedByRoute?: boolean;
  }
}

/** base64url tokens with a `takt_x_` prefix; anything longer is not ours. */
const BEARER = /^Bearer\s+([A-Za-z0-9_-]{1,200})\s*$/i;

export async function authenticate(db: Db, authorization: string | undefined): Promise<Result<Principal>> {
  const token = authorization ? BEARER.exec(authorization)?.[1] : undefined;
  if (!token) return fail('unauthorized', 'missing bearer token (Authorization: Bearer <token>)');
  const kind = tokenKind(token);
  const hash = hashToken(token);
  if (kind === 'terminal') {
    const row = await db.selectFrom('terminals').select(['id', 'line_id', 'token_hash']).where('token_hash', '=', hash).executeTakeFirst();
    // The lookup is by hash, so there is nothing to time; the constant-time check guards the match itself.
    if (row && sameHash(row.token_hash, hash)) return ok({ kind: 'terminal', terminalId: row.id, lineId: row.line_id, tokenHash: hash });
  } else if (kind === 'admin') {
    const row = await db.selectFrom('admin_tokens').select(['id', 'name', 'token_hash']).where('token_hash', '=', hash).executeTakeFirst();
    if (row && sameHash(row.token_hash, hash)) return ok({ kind: 'admin', tokenId: row.id, name: row.name });
  }
  return fail('unauthorized', 'unknown or revoked token');
}

/**
 * The address's failure budget is checked first: a client that keeps
 * presenting wrong tokens gets 429 before its next token is even hashed.
 */
export function installAuth(
  app: FastifyInstance,
  db: Db,
  failureLimit: AuthFailureLimitOptions = { maxFailures: DEFAULT_AUTH_FAILURES_PER_MIN, windowMs: 60_000 },
): void {
  const limiter = createAuthFailureLimiter(failureLimit);
  const remembered = rememberTerminalTokens();
  app.decorateRequest('principal', null);
  // The route refused a remembered token (replaced or removed): the next request looks it up again.
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode === 401 && request.principal?.kind === 'terminal') remembered.forget(request.principal.tokenHash);
  });
  app.decorateRequest('authDenial', null);
  app.addHook('onRequest', async (request, reply) => {
    const required = request.routeOptions.config.auth;
    if (required === 'none') return;
    const waitMs = limiter.retryAfterMs(request.ip);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      void reply.header('retry-after', String(seconds));
      return sendError(reply, 'rate-limited', `too many failed authentications from this address (${limiter.maxFailures} per window); retry in ${seconds} s`);
    }
    if (!request.headers.authorization && request.headers.cookie) {
      const denied = await checkSessionAccess(db, request);
      if (denied === 'unauthenticated') limiter.recordFailure(request.ip);
      if (denied) return sendError(reply, denied === 'unauthenticated' ? 'unauthorized' : 'forbidden', request.authDenial ?? 'forbidden');
      return;
    }
    if (request.routeOptions.config.tokenRecheckedByRoute) {
      const known = rememberedTerminal(remembered, request.headers.authorization);
      if (known) {
        request.principal = known;
        return;
      }
    }
    const result = await authenticate(db, request.headers.authorization);
    if (result.ok && result.value.kind === 'terminal' && request.routeOptions.config.tokenRecheckedByRoute) {
      remembered.remember(result.value.tokenHash, { terminalId: result.value.terminalId, lineId: result.value.lineId });
    }
    if (!result.ok) {
      limiter.recordFailure(request.ip);
      return sendError(reply, result.error.code, result.error.message);
    }
    if (required === 'session') return sendError(reply, 'forbidden', 'this route is for people logged in on the web pages');
    if (required && result.value.kind !== required) return sendError(reply, 'forbidden', `this route needs a ${required} token`);
    request.principal = result.value;
  });
}

function rememberedTerminal(remembered: RememberedTerminalTokens, authorization: string | undefined): Principal | undefined {
  const token = authorization ? BEARER.exec(authorization)?.[1] : undefined;
  if (!token || tokenKind(token) !== 'terminal') return undefined;
  const tokenHash = hashToken(token);
  const known = remembered.get(tokenHash);
  return known && { kind: 'terminal', ...known, tokenHash };
}

/** The calling terminal; only for routes with `auth: 'terminal'`, where the hook has guaranteed it. */
export function terminalOf(request: FastifyRequest): Extract<Principal, { kind: 'terminal' }> {
  const principal = request.principal;
  if (principal?.kind !== 'terminal') throw new Error('route is not configured with auth: terminal');
  return principal;
}
