import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { issueAdminToken, registerTerminal } from '../../server/credentials-store';
import { rateLimitFromEnv, DEFAULT_RATE_LIMIT_PER_MIN } from '../../server/http/rate-limit';
import { bearer } from './support/test-server';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('per-token rate limits', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof buildServer>;
  let first: string;
  let second: string;
  let admin: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildServer({ db: database.db, dialect: database.dialect, rateLimit: { max: 3, timeWindowMs: 60_000 } });
    first = (await registerTerminal(database.db, { id: 'T-RL-1', lineId: 'L1' })).token;
    second = (await registerTerminal(database.db, { id: 'T-RL-2', lineId: 'L1' })).token;
    admin = (await issueAdminToken(database.db, 'rl')).token;
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('answers 429 rate-limited once a token has used its budget, and only for that token', async () => {
    const pull = (token: string) => app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: bearer(token) });
    for (let i = 0; i < 3; i++) expect((await pull(first)).statusCode).toBe(200);
    const limited = await pull(first);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ error: { code: 'rate-limited', message: expect.stringContaining('rate limit') } });
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await pull(second)).statusCode).toBe(200);
    const adminCall = await app.inject({ method: 'GET', url: '/api/v1/erp/confirmations', headers: bearer(admin) });
    expect(adminCall.statusCode).toBe(200);
  });

  it('never limits the health check', async () => {
    for (let i = 0; i < 6; i++) expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('reads the budget from TAKT_RATE_LIMIT_PER_MIN, with a generous default', () => {
    expect(rateLimitFromEnv({ TAKT_RATE_LIMIT_PER_MIN: '120' })).toEqual({ max: 120, timeWindowMs: 60_000 });
    expect(rateLimitFromEnv({}).max).toBe(DEFAULT_RATE_LIMIT_PER_MIN);
    expect(rateLimitFromEnv({ TAKT_RATE_LIMIT_PER_MIN: 'lots' }).max).toBe(DEFAULT_RATE_LIMIT_PER_MIN);
  });
});
