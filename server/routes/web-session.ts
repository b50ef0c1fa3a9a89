import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { describeIssues, sendError } from '../http/errors';
import { ROLE_PERMISSIONS } from '../users/roles';
import { cookieValue, createSession, endSession, SESSION_COOKIE, SESSION_MAX_MS } from '../users/sessions';
import { checkLogin, normaliseUsername } from '../users/user-store';
import type { RouteDeps } from './deps';

const Login = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) });

/** A locked account is a state of the account, not of the request rate: 423 Locked. */
const LOCKED_STATUS = 423;

/**
 * Logging in and out of the web pages. The session cookie is HttpOnly (no
 * script reads it), SameSite=Strict (no other site's page sends it) and
 * Secure when the server speaks HTTPS; the CSRF token comes in the body.
 */
export function registerWebSessionRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  app.post('/api/v1/web/login', { config: { auth: 'none', action: 'login' } }, async (request, reply) => {
    const body = Login.safeParse(request.body);
    if (!body.success) return sendError(reply, 'bad-request', describeIssues(body.error));
    const username = normaliseUsername(body.data.username).slice(0, 64);
    request.audit = { target: username, actor: { kind: 'anonymous', name: username } };
    const checked = await checkLogin(db, body.data.username, body.data.password);
    if (!checked.ok) {
      const status = checked.error.code === 'account-locked' ? LOCKED_STATUS : undefined;
      return sendError(reply, checked.error.code, checked.error.message, status);
    }
    const session = await createSession(db, checked.value.username);
    request.audit.actor = { kind: 'user', name: checked.value.username };
    setSessionCookie(request, reply, session.cookieValue, SESSION_MAX_MS / 1000);
    return { user: checked.value, permissions: ROLE_PERMISSIONS[checked.value.role], csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  });

  app.post('/api/v1/web/logout', { config: { auth: 'session', action: 'logout' } }, async (request, reply) => {
    const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE);
    if (cookie) await endSession(db, cookie);
    setSessionCookie(request, reply, '', 0);
    return { loggedOut: true };
  });

  app.get('/api/v1/web/session', { config: { auth: 'session' } }, (request) => {
    const principal = request.principal;
    if (principal?.kind !== 'user') throw new Error('session route without a session principal');
    const { username, displayName, role, csrfToken } = principal;
    return { user: { username, displayName, role }, permissions: ROLE_PERMISSIONS[role], csrfToken };
  });
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string, maxAgeSeconds: number): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  void reply.header('set-cookie', `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/${secure}; Max-Age=${maxAgeSeconds}`);
}
