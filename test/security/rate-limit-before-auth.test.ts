import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { registerTerminal } from '../../server/credentials-store';
import { authFailureLimitFromEnv, createAuthFailureLimiter, DEFAULT_AUTH_FAILURES_PER_MIN } from '../../server/http/auth-failure-limit';
import { bearer } from '../server/support/test-server';
import { createTestDatabase, type TestDatabase } from '../server/support/test-database';

/** Probe: guessing tokens is limited by the caller's address, before any token is checked. */
describe('rate limit before authentication', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof buildServer>;
  let token: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildServer({ db: database.db, dialect: database.dialect });
    token = (await registerTerminal(database.db, { id: 'T-RL-A', lineId: 'L1' })).token;
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('answers 429 within 40 wrong tokens from one address, and then even a valid token waits', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: bearer(`takt_t_wrong${i}`), remoteAddress: '10.9.8.7' });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, DEFAULT_AUTH_FAILURES_PER_MIN).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(DEFAULT_AUTH_FAILURES_PER_MIN).every((s) => s === 429)).toBe(true);
    const blocked = await app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: bearer(token), remoteAddress: '10.9.8.7' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toEqual({ error: { code: 'rate-limited', message: expect.stringContaining('failed authentications') } });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('leaves other addresses, valid tokens and the health check alone', async () => {
    const other = await app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: bearer(token), remoteAddress: '10.9.8.8' });
    expect(other.statusCode).toBe(200);
    for (let i = 0; i < 50; i++) {
      const res = await app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: bearer(token), remoteAddress: '10.9.8.9' });
      expect(res.statusCode).toBe(200);
    }
    expect((await app.inject({ method: 'GET', url: '/health', remoteAddress: '10.9.8.7' })).statusCode).toBe(200);
  });

  it('forgets an address once its window has passed', () => {
    let now = 0;
    const limiter = createAuthFailureLimiter({ maxFailures: 2, windowMs: 1000, now: () => now });
    limiter.recordFailure('a');
    expect(limiter.retryAfterMs('a')).toBe(0);
    limiter.recordFailure('a');
    expect(limiter.retryAfterMs('a')).toBe(1000);
    now = 600;
    expect(limiter.retryAfterMs('a')).toBe(400);
    now = 1000;
    expect(limiter.retryAfterMs('a')).toBe(0);
  });

  it('reads its budget from TAKT_AUTH_FAILURES_PER_MIN', () => {
    expect(authFailureLimitFromEnv({ TAKT_AUTH_FAILURES_PER_MIN: '5' })).toEqual({ maxFailures: 5, windowMs: 60_000 });
    expect(authFailureLimitFromEnv({ TAKT_AUTH_FAILURES_PER_MIN: 'x' }).maxFailures).toBe(DEFAULT_AUTH_FAILURES_PER_MIN);
  });
});
