import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runServerCli } from '../../server/cli/index';
import { captureIo } from './support/capture-io';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/**
 * Plant IT registers terminals from a script, several at once: each
 * `takt terminal add` is its own process on the same database (SQLite file,
 * or PostgreSQL with TAKT_TEST_DATABASE_URL), and each gets its own id.
 */
const BIN = new URL('../../bin/takt.mjs', import.meta.url).pathname;

function takt(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

describe('takt terminal add run several times at once', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.close());

  it('gives every run its own terminal id and token', async () => {
    const runs = await Promise.all(Array.from({ length: 3 }, () => takt(['terminal', 'add', '--line', 'L1', '--json', '--data', database.dataDir], database.env)));
    for (const r of runs) expect(r, r.err).toMatchObject({ code: 0, err: '' });
    const issued = runs.map((r) => JSON.parse(r.out) as { terminalId: string; token: string });
    expect(issued.map((t) => t.terminalId).sort()).toEqual(['T-L1-01', 'T-L1-02', 'T-L1-03']);
    expect(new Set(issued.map((t) => t.token)).size).toBe(3);
    const rows = await database.db.selectFrom('terminals').select('id').orderBy('id').execute();
    expect(rows.map((r) => r.id)).toEqual(['T-L1-01', 'T-L1-02', 'T-L1-03']);
    const master = await database.db.selectFrom('master_data').select('id').where('kind', '=', 'terminal').orderBy('id').execute();
    expect(master.map((r) => r.id)).toEqual(['T-L1-01', 'T-L1-02', 'T-L1-03']);
  }, 60_000);

  it('does so also when the runs overlap statement by statement (one process, one connection each)', async () => {
    const runs = await Promise.all(
      Array.from({ length: 3 }, async () => {
        const io = captureIo(database.env);
        const code = await runServerCli(['terminal', 'add', '--line', 'L1', '--json', '--data', database.dataDir], io);
        return { code, out: io.out(), err: io.err() };
      }),
    );
    for (const r of runs) expect(r, r.err).toMatchObject({ code: 0, err: '' });
    expect(runs.map((r) => (JSON.parse(r.out) as { terminalId: string }).terminalId).sort()).toEqual(['T-L1-01', 'T-L1-02', 'T-L1-03']);
  }, 60_000);
});
