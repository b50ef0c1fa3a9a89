/**
 * The server half of the sync backlog, alone: BENCH_SYNC_EVENTS (10k) envelopes
 * pushed over HTTP to a real `takt server --demo` (SQLite) in batches of
 * BENCH_SYNC_PUSH_BATCH (the app's, 2,000), one push in flight like the
 * SyncEngine, no terminal in between. Prints the time per push and per event,
 * so a change to the push route can be measured without Chromium.
 *
 *   node --import tsx bench/sync-push.ts
 *
 * BENCH_PROFILE_DIR=dir starts the server with `--cpu-prof` into dir (the
 * profile is written when the server stops).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEnvelope } from '../shared/events';
import { freePort, ROOT, startProcess, takt, waitForHttp } from '../test/e2e/support/processes';
import { benchBookings } from './support/sync-bookings';
import { median } from './support/stats';
import { APP_PUSH_BATCH } from './sync-takt';

const env = process.env;
const EVENTS = Number(env.BENCH_SYNC_EVENTS || 10_000);
const BATCH = Number(env.BENCH_SYNC_PUSH_BATCH || APP_PUSH_BATCH);
const RUNS = Number(env.BENCH_SYNC_RUNS || 3);

function envelopes(terminalId: string, count: number): EventEnvelope[] {
  const at = new Date().toISOString();
  return benchBookings(0, count).map((e, i) => ({ id: randomUUID(), terminalId, seq: i + 1, occurredAt: at, schemaVersion: 1, ...e }) as EventEnvelope);
}

/** `takt server --demo` on SQLite in a temp folder, as the chaos server starts it, optionally under --cpu-prof (not allowed in NODE_OPTIONS). */
async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'takt-push-'));
  const port = await freePort();
  const serverEnv = { TAKT_DATA_DIR: join(dir, 'server'), TAKT_LOG_LEVEL: 'silent', TAKT_RATE_LIMIT_PER_MIN: '1000000' };
  const profile = env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_PROFILE_DIR}`] : [];
  const running = startProcess(process.execPath, [...profile, `${ROOT}bin/takt.mjs`, 'server', '--port', String(port), '--demo'], serverEnv);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`);
  return {
    url,
    addTerminal: async (id: string) => (JSON.parse(await takt(['terminal', 'add', '--line', 'L1', '--id', id, '--json'], serverEnv)) as { token: string }).token,
    async stop() {
      await running.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const server = await startServer();
  const times: number[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      const terminalId = `T-PUSH-${run}`;
      const token = await server.addTerminal(terminalId);
      const all = envelopes(terminalId, EVENTS);
      const started = performance.now();
      for (let i = 0; i < all.length; i += BATCH) {
        const res = await fetch(`${server.url}/api/v1/sync/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ terminalId, events: all.slice(i, i + BATCH) }),
        });
        const body = (await res.json()) as { ackSeq?: number };
        if (!res.ok || body.ackSeq !== Math.min(i + BATCH, all.length)) throw new Error(`push at ${i}: ${res.status} ${JSON.stringify(body)}`);
      }
      const ms = performance.now() - started;
      times.push(ms);
      const pushes = Math.ceil(EVENTS / BATCH);
      console.log(`run ${run}: ${EVENTS} events in ${pushes} pushes of ${BATCH}: ${Math.round(ms)} ms, ${Math.round(EVENTS / (ms / 1000))} events/s, ${(ms / pushes).toFixed(1)} ms per push, ${((ms / EVENTS) * 1000).toFixed(0)} µs per event`);
    }
  } finally {
    await server.stop();
  }
  const ms = median(times);
  console.log(`median: ${Math.round(ms)} ms, ${Math.round(EVENTS / (ms / 1000))} events/s`);
}

await main();
