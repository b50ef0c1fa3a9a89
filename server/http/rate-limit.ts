import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashToken } from '../tokens';

/**
 * Per-token rate limits (429 rate-limited). The bucket is the SHA-256 of the
 * presented bearer token, so each terminal and each admin token has its own
 * budget and no plain token is kept in memory; anonymous requests share a
 * bucket per address. The route-level hook runs after authentication, so
 * only requests with a valid token count against a token's budget; wrong
 * tokens are limited per address before authentication (auth-failure-limit.ts).
 */

/** Generous: a terminal syncs every few seconds; an ERP job polls. */
export const DEFAULT_RATE_LIMIT_PER_MIN = 6000;

export interface RateLimitOptions {
  max: number;
  timeWindowMs: number;
}

/** From TAKT_RATE_LIMIT_PER_MIN (a positive integer), else the default. */
export function rateLimitFromEnv(env: Record<string, string | undefined>): RateLimitOptions {
  const raw = env.TAKT_RATE_LIMIT_PER_MIN;
  const max = raw && /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : DEFAULT_RATE_LIMIT_PER_MIN;
  return { max, timeWindowMs: 60_000 };
}

const BEARER = /^Bearer\s+(\S{1,200})\s*$/i;

export function rateLimitKey(request: FastifyRequest): string {
  const token = request.headers.authorization ? BEARER.exec(request.headers.authorization)?.[1] : undefined;
  return token ? `token:${hashToken(token)}` : `ip:${request.ip}`;
}

export async function installRateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: options.max,
    timeWindow: options.timeWindowMs,
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`rate limit of ${context.max} requests per ${context.after} window exceeded; retry in ${context.after}`), {
        statusCode: 429,
      }),
  });
}
