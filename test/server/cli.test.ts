import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { runServerCli } from '../../server/cli/index';
import { bearer, makeEvent, push } from './support/test-server';
import { captureIo } from './support/capture-io';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('takt admin commands', () => {
  let database: TestDatabase;
  const run = async (...argv: string[]) => {
    const io = captureIo(database.env);
    const code = await runServerCli([...argv, '--data', database.dataDir], io);
    return { code, out: io.out(), err: io.err() };
  };
  const app = () => buildServer({ db: database.db, dialect: database.dialect });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('terminal add --json prints a token that authenticates as that terminal', async () => {
    const { code, out, err } = await run('terminal', 'add', '--line', 'L1', '--id', 'T-CLI-01', '--json');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const printed = JSON.parse(out) as { terminalId: string; token: string };
    expect(printed).toEqual({ terminalId: 'T-CLI-01', token: expect.stringMatching(/^takt_t_[A-Za-z0-9_-]{43}$/), ships: false });

    const server = app();
    try {
      const res = await push(server, printed.token, 'T-CLI-01', [makeEvent('T-CLI-01', 1)]);
      expect(res.json()).toEqual({ ackSeq: 1 });
      const pull = await server.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: bearer(printed.token) });
      expect(pull.json().changes).toEqual([expect.objectContaining({ kind: 'terminal', id: 'T-CLI-01' })]);
    } finally {
      await server.close();
    }
  });

  it('rotates the token of an existing terminal: the old one stops working', async () => {
    const first = JSON.parse((await run('terminal', 'add', '--line', 'L1', '--id', 'T-CLI-02', '--json')).out) as { token: string };
    const second = JSON.parse((await run('terminal', 'add', '--line', 'L1', '--id', 'T-CLI-02', '--json')).out) as { token: string };
    expect(second.token).not.toBe(first.token);
    const server = app();
    try {
      const old = await server.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: bearer(first.token) });
      expect(old.statusCode).toBe(401);
      const fresh = await server.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: bearer(second.token) });
      expect(fresh.statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('picks the next free terminal id when --id is left out, and prints the token for people', async () => {
    const { code, out } = await run('terminal', 'add', '--line', 'L7');
    expect(code).toBe(0);
    expect(out).toMatch(/Registered terminal T-L7-01 \(line L7\)[\s\S]*takt_t_/);
    expect((await run('terminal', 'add', '--line', 'L7')).out).toContain('T-L7-02');
  });

  it('token add --json prints an admin token that reads events', async () => {
    const { code, out } = await run('token', 'add', '--name', 'ERP', '--json');
    expect(code).toBe(0);
    const printed = JSON.parse(out) as { token: string; name: string };
    expect(printed).toMatchObject({ name: 'ERP', token: expect.stringMatching(/^takt_a_/) });
    const server = app();
    try {
      const res = await server.inject({ method: 'GET', url: '/api/v1/events?terminalId=T-CLI-01', headers: bearer(printed.token) });
      expect(res.statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('migrate reports an up-to-date database', async () => {
    const { code, out } = await run('migrate');
    expect(code).toBe(0);
    expect(out).toMatch(/up to date/);
  });

  it('reports usage errors on stderr with exit code 2', async () => {
    const cases = [
      ['terminal', 'add'],
      ['terminal', 'remove', '--line', 'L1'],
      ['terminal', 'add', '--line', 'L 1'],
      ['token', 'add', '--colour', 'red'],
      ['frobnicate'],
    ];
    for (const argv of cases) {
      const io = captureIo(database.env);
      expect(await runServerCli(argv, io), argv.join(' ')).toBe(2);
      expect(io.err()).not.toBe('');
      expect(io.out()).toBe('');
    }
  });

  it('refuses a database URL that is not PostgreSQL', async () => {
    const io = captureIo({ TAKT_DATABASE_URL: 'mysql://localhost/takt' });
    expect(await runServerCli(['migrate'], io)).toBe(2);
    expect(io.err()).toContain('TAKT_DATABASE_URL');
  });
});
