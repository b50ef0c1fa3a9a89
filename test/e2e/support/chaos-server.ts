import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startProcess, takt, waitForHttp, ROOT, type Running } from './processes';

/**
 * The real central server for the chaos tests: `takt server --demo` on SQLite
 * in a temp folder (or on a given PostgreSQL), restartable on the same port and data directory (killing
 * the process is also the SQLite database restart), with one terminal and an
 * admin token.
 */
export interface ChaosServer {
  dir: string;
  port: number;
  url: string;
  adminToken: string;
  running: Running | null;
  start(): Promise<void>;
  /** Registers a terminal on a line and returns its token. */
  addTerminal(terminalId: string, lineId?: string): Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Every stored event of the terminal as seq → id, paged through GET /api/v1/events. */
  events(terminalId: string): Promise<{ seq: number; id: string }[]>;
  stop(): Promise<void>;
}

export interface ChaosServerOptions {
  /** A PostgreSQL URL (TAKT_DATABASE_URL); SQLite in the temp folder when absent. */
  databaseUrl?: string;
}

export async function startChaosServer(options: ChaosServerOptions = {}): Promise<ChaosServer> {
  const dir = mkdtempSync(join(tmpdir(), 'takt-chaos-'));
  const port = await freePort();
  const env: Record<string, string> = {
    TAKT_DATA_DIR: join(dir, 'server'),
    TAKT_LOG_LEVEL: 'silent',
    TAKT_RATE_LIMIT_PER_MIN: '1000000',
    ...(options.databaseUrl ? { TAKT_DATABASE_URL: options.databaseUrl } : {}),
  };
  const s: ChaosServer = {
    dir,
    port,
    url: `http://127.0.0.1:${port}`,
    adminToken: '',
    running: null,
    async start() {
      s.running = startProcess(process.execPath, [`${ROOT}bin/takt.mjs`, 'server', '--port', String(port), '--demo'], env);
      await waitForHttp(`${s.url}/health`);
    },
    async addTerminal(terminalId, lineId = 'L1') {
      return (JSON.parse(await takt(['terminal', 'add', '--line', lineId, '--id', terminalId, '--json'], env)) as { token: string }).token;
    },
    async kill(signal = 'SIGKILL') {
      await s.running?.kill(signal);
      s.running = null;
    },
    async events(id) {
      const out: { seq: number; id: string }[] = [];
      let after = 0;
      for (;;) {
        const res = await fetch(`${s.url}/api/v1/events?terminalId=${encodeURIComponent(id)}&after=${after}&limit=1000`, {
          headers: { authorization: `Bearer ${s.adminToken}` },
        });
        if (!res.ok) throw new Error(`GET events: ${res.status} ${await res.text()}`);
        const page = (await res.json()) as { events: { seq: number; id: string }[]; hasMore: boolean };
        for (const e of page.events) out.push({ seq: e.seq, id: e.id });
        if (!page.hasMore || page.events.length === 0) return out;
        after = page.events[page.events.length - 1]!.seq;
      }
    },
    async stop() {
      await s.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await s.start();
  s.adminToken = (JSON.parse(await takt(['token', 'add', '--name', 'chaos', '--json'], env)) as { token: string }).token;
  return s;
}
