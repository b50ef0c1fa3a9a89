import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { ServerErrorCode } from '../errors';
import { isDatabaseUnavailable, isStatementTimeout } from '../db/unavailable';

/**
 * Every error leaves the server as `{ error: { code, message } }` with a
 * stable code (shared/errors.ts, and the server's own in server/errors.ts); nothing thrown inside reaches a client raw.
 */

const STATUS_BY_CODE: Partial<Record<ServerErrorCode, number>> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'sscc-range-overlap': 409,
  'payload-too-large': 413,
  'rate-limited': 429,
  internal: 500,
  'database-unavailable': 503,
  'database-timeout': 503,
};

export function statusOf(code: ServerErrorCode): number {
  return STATUS_BY_CODE[code] ?? 500;
}

export function sendError(reply: FastifyReply, code: ServerErrorCode, message: string, status = statusOf(code)): FastifyReply {
  return reply
    .code(status).type('application/json; charset=utf-8').send({ error: { code, message } });
}

/** `path: message; …` from a zod error, short enough for a log line and a UI toast. */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  const text = error.issues
    .slice(0, 5)
    .map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || 'body'}: ${i.message}`)
    .join('; ');
  return error.issues.length > 5 ? `${text}; … (${error.issues.length} issues)` : text;
}

function codeForStatus(status: number): ServerErrorCode {
  if (status === 413) return 'payload-too-large';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  return 'bad-request';
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, body too large, wrong media type).
      return sendError(reply, codeForStatus(status), err.message, status);
    }
    if (isDatabaseUnavailable(err)) {
      // Retryable: nothing half-done is acknowledged, and a resent push changes nothing twice.
      request.log.warn({ err }, 'database unavailable');
      return sendError(reply, 'database-unavailable', 'the database is unavailable; retry shortly');
    }
    if (isStatementTimeout(err)) {
      request.log.warn({ err }, 'statement timeout');
      return sendError(reply, 'database-timeout', 'the database took too long; nothing was changed, retry shortly');
    }
    request.log.error({ err }, 'request failed');
    return sendError(reply, 'internal', 'internal server error');
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, 'not-found', `no route ${request.method} ${request.url.split('?')[0]}`));
}
