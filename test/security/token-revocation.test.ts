import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { runServerCli } from '../../server/cli/index';
import { bearer } from '../server/support/test-server';
import { captureIo } from '../server/support/capture-io';
import { createTestDatabase, type TestDatabase } from '../server/support/test-database';

/** Probe: a lost terminal or a leaked admin token can be listed and cut off at once, with the server running. */
describe('takt token list|revoke, takt terminal list|remove', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof buildServer>;
  const run = async (...argv: string[]) => {
    const io = captureIo(database.env);
    const code = await runServerCli([...argv, '--data', database.dataDir], io);
    return { code, out: io.out(), err: io.err() };
  };
  const json = async (...argv: string[]) => JSON.parse((await run(...argv, '--json')).out) as Record<string, unknown>;
  const pull = async (token: string) => (await app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: bearer(token) })).statusCode;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildServer({ db: database.db, dialect: database.dialect });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('removes a terminal: its token stops working with the next request, its events stay, the list no longer shows it', async () => {
    const { token } = (await json('terminal', 'add', '--line', 'L1', '--id', 'T-LOST')) as { token: string };
    await json('terminal', 'add', '--line', 'L2', '--id', 'T-KEEP');
    expect(await pull(token)).toBe(200);

    const listed = (await json('terminal', 'list')) as { terminals: { terminalId: string; lineId: string; lastSeq: number }[] };
    expect(listed.terminals.map((t) => [t.terminalId, t.lineId, t.lastSeq])).toEqual([
      ['T-KEEP', 'L2', 0],
      ['T-LOST', 'L1', 0],
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/takt_t_|token_hash|[0-9a-f]{64}/);

    const removed = await run('terminal', 'remove', 'T-LOST');
    expect(removed).toMatchObject({ code: 0, out: expect.stringContaining('Removed terminal T-LOST') });
    expect(await pull(token)).toBe(401);
    expect(((await json('terminal', 'list')) as { terminals: { terminalId: string }[] }).terminals.map((t) => t.terminalId)).toEqual(['T-KEEP']);
    expect((await run('terminal', 'remove', 'T-LOST')).code).toBe(1);
  });

  it('lists admin tokens by name only, and a revoked one is refused at once', async () => {
    const issued = (await json('token', 'add', '--name', 'ERP job')) as { id: string; token: string };
    const readEvents = async () => (await app.inject({ method: 'GET', url: '/api/v1/erp/confirmations', headers: bearer(issued.token) })).statusCode;
    expect(await readEvents()).toBe(200);
    const listed = (await json('token', 'list')) as { tokens: { id: string; name: string }[] };
    expect(listed.tokens).toContainEqual(expect.objectContaining({ id: issued.id, name: 'ERP job' }));
    expect(JSON.stringify(listed)).not.toContain(issued.token);

    expect(await run('token', 'revoke', issued.id)).toMatchObject({ code: 0, out: expect.stringContaining(`Revoked admin token ${issued.id}`) });
    expect(await readEvents()).toBe(401);
    expect(await run('token', 'revoke', issued.id)).toMatchObject({ code: 1, err: expect.stringContaining('no admin token') });
  });

  it('names the right usage for a wrong subcommand', async () => {
    const wrong = await run('terminal', 'delete', 'T-KEEP');
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('terminal remove <id>');
  });
});
