/**
 * The competitor of `npm run bench -- sync` (b): the same documents written to
 * a local PouchDB (pouchdb-node, memory adapter, like the Takt journal over
 * fake-indexeddb) while offline, then one-shot `db.replicate.to(remote)` with
 * default batch settings to a pouchdb-server child process (LevelDB on disk
 * in a temp folder, like the Takt server's SQLite file).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEnvelope } from '../shared/events';
import { freePort, waitForHttp, ROOT } from '../test/e2e/support/processes';
import { elapsedMs } from './sync-takt';

// PouchDB ships CommonJS without types; only the few calls below are used.
interface PouchInfo {
  doc_count: number;
}
interface PouchDb {
  bulkDocs(docs: object[]): Promise<unknown[]>;
  replicate: { to(target: string): Promise<{ ok: boolean; docs_written: number }> };
  info(): Promise<PouchInfo>;
  destroy(): Promise<unknown>;
}
type PouchConstructor = (new (name: string, options?: object) => PouchDb) & { plugin(p: unknown): void };

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb-node') as PouchConstructor;
PouchDB.plugin(require('pouchdb-adapter-memory'));

export const POUCH_SETUP = 'local: pouchdb-node 9 + pouchdb-adapter-memory; remote: pouchdb-server 4.2 (LevelDB on disk); replicate.to one-shot, default batch_size 100 / batches_limit 10';

export interface PouchServer {
  url: string;
  stop(): Promise<void>;
}

/** pouchdb-server on a free port; its working folder (config.json, log.txt, the databases) is a temp folder. */
export async function startPouchServer(): Promise<PouchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'takt-bench-pouch-'));
  const port = await freePort();
  const args = ['--port', String(port), '--dir', dir, '--config', join(dir, 'config.json'), '--no-stdout-logs'];
  const child: ChildProcess = spawn(join(ROOT, 'node_modules/.bin/pouchdb-server'), args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/`);
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ReplicationRun {
  docs: number;
  writeMs: number;
  replicateMs: number;
  docsPerSecond: number;
}

/** Writes the envelopes as documents (bulkDocs of 1000, not timed), then times one replicate.to until the remote holds them all. */
export async function replicateBacklog(server: PouchServer, name: string, envelopes: readonly EventEnvelope[]): Promise<ReplicationRun> {
  const local = new PouchDB(name, { adapter: 'memory' });
  const remoteUrl = `${server.url}/${name}`;
  try {
    let t = process.hrtime.bigint();
    for (let i = 0; i < envelopes.length; i += 1000) {
      await local.bulkDocs(envelopes.slice(i, i + 1000).map((e) => ({ _id: `${e.terminalId}:${String(e.seq).padStart(9, '0')}`, ...e })));
    }
    const writeMs = elapsedMs(t);
    t = process.hrtime.bigint();
    const result = await local.replicate.to(remoteUrl);
    const remoteCount = (await new PouchDB(remoteUrl).info()).doc_count;
    const replicateMs = elapsedMs(t);
    if (!result.ok || remoteCount !== envelopes.length) throw new Error(`replication: ok ${result.ok}, remote holds ${remoteCount} of ${envelopes.length}`);
    return { docs: envelopes.length, writeMs, replicateMs, docsPerSecond: envelopes.length / (replicateMs / 1000) };
  } finally {
    await local.destroy();
  }
}
