import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { openDatabase, type TaktDatabase } from '../../server/db/create-database';
import { isDatabaseUnavailable } from '../../server/db/unavailable';

/** A database that cannot be reached is a coded, retryable 503, not a 500 (chaos-pg.test.ts restarts a real one). */

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('database unavailable', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }, true],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, true],
    [{ code: '57P03', message: 'the database system is starting up' }, true],
    [{ code: '08006', message: 'connection failure' }, true],
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('Client has encountered a connection error and is not queryable'), true],
    [{ code: 'SQLITE_BUSY', message: 'database is locked' }, true],
    [{ code: '23505', message: 'duplicate key value violates unique constraint' }, false],
    [new TypeError("Cannot read properties of undefined (reading 'seq')"), false],
    [null, false],
  ])('%o → %s', (err, expected) => {
    expect(isDatabaseUnavailable(err)).toBe(expected);
  });

  describe('over HTTP, with PostgreSQL on a port where nothing listens', () => {
    let database: TaktDatabase;
    let app: ReturnType<typeof buildServer>;
    beforeAll(async () => {
      database = openDatabase({ dataDir: '.', databaseUrl: `postgres://postgres@127.0.0.1:${await closedPort()}/postgres` });
      app = buildServer({ db: database.db, dialect: database.dialect });
    });
    afterAll(async () => {
      await app.close();
      await database.close();
    });

    it('a push answers 503 database-unavailable', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: { authorization: 'Bearer takt_t_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
        payload: { terminalId: 'T-1', events: [] },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: { code: 'database-unavailable', message: 'the database is unavailable; retry shortly' } });
    });

    it('the health check answers 503 database-unavailable', async () => {
      const res = await app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('database-unavailable');
    });
  });
});
