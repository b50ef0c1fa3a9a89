import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { runServerCli } from '../../server/cli/index';
import type { PullResponse } from '../../shared/sync-protocol';
import { bearer } from './support/test-server';
import { captureIo } from './support/capture-io';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/**
 * `takt terminal add --ships` and `takt terminal ships <id> on|off` on SQLite
 * and (TAKT_TEST_DATABASE_URL) PostgreSQL: the flag lands on the terminal's
 * master row, which is what the pull scope reads, and `list` shows it.
 */
describe('takt terminal and the dock feed flag', () => {
  let database: TestDatabase;
  const run = async (...argv: string[]) => {
    const io = captureIo(database.env);
    const code = await runServerCli([...argv, '--data', database.dataDir], io);
    return { code, out: io.out(), err: io.err() };
  };
  const listed = async () => (JSON.parse((await run('terminal', 'list', '--json')).out) as { terminals: { terminalId: string; ships: boolean }[] }).terminals;
  const ownRow = async (token: string, terminalId: string) => {
    const app = buildServer({ db: database.db, dialect: database.dialect });
    try {
      const pull = await app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: bearer(token) });
      return pull.json<PullResponse>().changes.filter((c) => c.kind === 'terminal' && c.id === terminalId).at(-1)?.data;
    } finally {
      await app.close();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('registers a shipping terminal with --ships and says so in --json, list and its master row', async () => {
    const added = await run('terminal', 'add', '--line', 'L1', '--id', 'T-DOCK-1', '--ships', '--json');
    expect(added.code).toBe(0);
    const printed = JSON.parse(added.out) as { terminalId: string; token: string; ships: boolean };
    expect(printed).toMatchObject({ terminalId: 'T-DOCK-1', ships: true });
    expect(await ownRow(printed.token, 'T-DOCK-1')).toEqual({ id: 'T-DOCK-1', lineId: 'L1', name: 'T-DOCK-1', ships: true });

    const plain = await run('terminal', 'add', '--line', 'L1', '--ships');
    expect(plain.out).toMatch(/Registered terminal T-L1-01 \(line L1, ships\)/);
    expect((await run('terminal', 'add', '--line', 'L2', '--json')).out).toContain('"ships":false');

    expect(await listed()).toEqual([
      expect.objectContaining({ terminalId: 'T-DOCK-1', ships: true }),
      expect.objectContaining({ terminalId: 'T-L1-01', ships: true }),
      expect.objectContaining({ terminalId: 'T-L2-01', ships: false }),
    ]);
    const text = (await run('terminal', 'list')).out;
    expect(text).toMatch(/^T-DOCK-1 {2}line L1 {2}T-DOCK-1 {2}ships {2}synced/m);
    expect(text).toMatch(/^T-L2-01 {2}line L2 {2}T-L2-01 {2}synced/m);
  });

  it('keeps the flag when a lost token is replaced without --ships', async () => {
    await run('terminal', 'add', '--line', 'L1', '--id', 'T-DOCK-2', '--ships');
    const rotated = JSON.parse((await run('terminal', 'add', '--line', 'L1', '--id', 'T-DOCK-2', '--json')).out) as { token: string; ships: boolean };
    expect(rotated.ships).toBe(true);
    expect(await ownRow(rotated.token, 'T-DOCK-2')).toMatchObject({ ships: true });
  });

  it('turns the feed on and off for a registered terminal', async () => {
    const { token } = JSON.parse((await run('terminal', 'add', '--line', 'L3', '--id', 'T-L3-X', '--json')).out) as { token: string };
    const on = await run('terminal', 'ships', 'T-L3-X', 'on', '--json');
    expect(on.code).toBe(0);
    expect(JSON.parse(on.out)).toEqual({ terminalId: 'T-L3-X', lineId: 'L3', ships: true, changed: true });
    expect(await ownRow(token, 'T-L3-X')).toEqual({ id: 'T-L3-X', lineId: 'L3', name: 'T-L3-X', ships: true });
    expect((await listed()).find((t) => t.terminalId === 'T-L3-X')?.ships).toBe(true);

    const off = await run('terminal', 'ships', 'T-L3-X', 'off');
    expect(off).toMatchObject({ code: 0, out: expect.stringContaining('no longer ships') });
    expect(await ownRow(token, 'T-L3-X')).toEqual({ id: 'T-L3-X', lineId: 'L3', name: 'T-L3-X' });
    expect((await listed()).find((t) => t.terminalId === 'T-L3-X')?.ships).toBe(false);
    // Off again changes nothing: no new revision for the terminals to pull.
    expect(JSON.parse((await run('terminal', 'ships', 'T-L3-X', 'off', '--json')).out)).toMatchObject({ changed: false });
  });

  it('refuses an unknown terminal (exit 1) and a state other than on or off (usage, exit 2)', async () => {
    const unknown = await run('terminal', 'ships', 'T-NOPE', 'on');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no terminal T-NOPE');
    for (const argv of [['terminal', 'ships', 'T-L3-X'], ['terminal', 'ships', 'T-L3-X', 'yes'], ['terminal', 'ships', 'T-L3-X', 'on', 'extra'], ['terminal', 'ships']]) {
      const io = captureIo(database.env);
      expect(await runServerCli(argv, io), argv.join(' ')).toBe(2);
      expect(io.err()).toContain('terminal ships');
      expect(io.out()).toBe('');
    }
  });
});
