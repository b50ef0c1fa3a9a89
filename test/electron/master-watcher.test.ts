import { testTerminalConfig } from './terminal-config-fixture';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../../electron/host/host-services';
import { HostError } from '../../electron/host/coded-error';
import { createMasterWatcher } from '../../electron/host/master-watcher';
import { buildServer } from '../../server/app';
import { issueAdminToken, registerTerminal } from '../../server/credentials-store';
import { createTestDatabase, type TestDatabase } from '../server/support/test-database';

/**
 * The host keeps a long poll open to the real server and tells the renderer
 * (`master:changed`) within seconds when the line's master data changed; it
 * survives a server that is away and does not report a revision twice.
 */
describe('host master-data watcher', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let url: string;
  let admin: string;
  let dir: string;
  let host: Host | null = null;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildServer({ db: database.db, dialect: database.dialect, revisionPollMs: 100 });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    admin = (await issueAdminToken(database.db, 'admin')).token;
    dir = await mkdtemp(join(tmpdir(), 'takt-watcher-'));
  });
  afterAll(async () => {
    await host?.stop();
    await app.close();
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('emits master:changed with the new revision when a batch is blocked at the server', async () => {
    const token = (await registerTerminal(database.db, { id: 'T-W1', lineId: 'L1' })).token;
    const config = testTerminalConfig({ serverUrl: url, terminalId: 'T-W1', terminalToken: token, language: 'en' });
    host = createHost({ config, version: '1', transport: 'browser', userDataDir: dir, scanner: null });
    const revisions: number[] = [];
    host.events.on('master:changed', ({ rev }) => revisions.push(rev));
    await host.start();
    // The first answer is the line's current revision: the baseline.
    await expect.poll(() => revisions.length, { timeout: 5_000 }).toBe(1);
    const baseline = revisions[0]!;
    const res = await fetch(`${url}/api/v1/master/blocked-batch/BB-W`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ materialId: 'M-HOUSING', batch: 'H-BLOCK-7', reason: 'Quality hold' }),
    });
    expect(res.status).toBe(200);
    await expect.poll(() => revisions.length, { timeout: 5_000 }).toBe(2);
    expect(revisions[1]).toBeGreaterThan(baseline);
    await host.stop();
    host = null;
  });

  it('retries after failures, reports each newer revision once, and stops when told', async () => {
    const answers: (() => { rev: number; changed: boolean })[] = [
      () => ({ rev: 4, changed: true }),
      () => {
        throw new HostError('server-unreachable', 'down');
      },
      () => ({ rev: 4, changed: true }),
      () => ({ rev: 4, changed: false }),
      () => ({ rev: 9, changed: true }),
    ];
    const asked: [number, number][] = [];
    const pauses: number[] = [];
    const reported: number[] = [];
    let release: () => void = () => undefined;
    const parked = new Promise<void>((resolve) => (release = resolve));
    const watcher = createMasterWatcher({
      waitSeconds: 25,
      server: {
        notify: async (since, wait, signal) => {
          asked.push([since, wait]);
          const next = answers.shift();
          if (next) return next();
          release();
          // Nothing more to say: wait like the server does, until the watcher stops.
          await new Promise((resolve) => signal?.addEventListener('abort', resolve));
          throw new HostError('timeout', 'aborted');
        },
      },
      onRevision: (rev) => reported.push(rev),
      sleep: async (ms) => void pauses.push(ms),
    });
    watcher.start();
    await parked;
    watcher.stop();
    expect(reported).toEqual([4, 9]);
    expect(pauses).toEqual([1000]);
    expect(asked).toEqual([[0, 0], [4, 25], [4, 25], [4, 25], [4, 25], [9, 25]]);
    expect(watcher.rev).toBe(9);
  });
});
