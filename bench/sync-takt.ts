/**
 * The Takt side of `npm run bench -- sync`: (a) an offline backlog pushed
 * through the real SyncEngine and host transport once the server is back, and
 * (c) the first master-data pull of a fresh terminal. The terminal is the one
 * the chaos tests use (test/e2e/support/node-terminal.ts: the renderer's
 * Journal and Cache over fake-indexeddb, the real SyncEngine, the host's
 * createServerTransport); the server is the real `takt server` on SQLite.
 */
// Before Dexie loads: it takes the IndexedDB implementation from the global scope at import.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { join } from 'node:path';
import type { EventEnvelope } from '../shared/events';
import { PUSH_MAX_EVENTS } from '../shared/sync-protocol';
import { cacheDbName, journalDbName } from '../renderer/storage/schema';
import type { ChaosServer } from '../test/e2e/support/chaos-server';
import { startNodeTerminal } from '../test/e2e/support/node-terminal';

/** The renderer's push batch (SyncEngine default, the protocol's ceiling; the app passes no other). */
export const APP_PUSH_BATCH = PUSH_MAX_EVENTS;

export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** Frees the terminal's fake IndexedDB databases, so repeated 100k runs do not pile up in memory. */
export async function dropTerminalDatabases(terminalId: string): Promise<void> {
  await Promise.all([Dexie.delete(journalDbName(terminalId)), Dexie.delete(cacheDbName(terminalId))]);
}

export interface BacklogRun {
  events: number;
  bookMs: number;
  drainMs: number;
  eventsPerSecond: number;
  /** The journal's envelopes, kept from one run as PouchDB's documents. */
  envelopes?: EventEnvelope[];
}

/**
 * (a) Books `count` events while the server is down (appends of 1000, as a
 * shift's backlog accumulates), starts the server, then times from the
 * engine's first attempt until the journal's cursor says the server
 * acknowledged every event; then checks the server holds exactly `count`.
 */
export async function offlineBacklog(server: ChaosServer, terminalId: string, count: number, keepEnvelopes: boolean): Promise<BacklogRun> {
  const token = await server.addTerminal(terminalId);
  await server.kill('SIGKILL');
  const terminal = await startNodeTerminal({ terminalId, serverUrl: server.url, token, pushBatch: APP_PUSH_BATCH, timeoutMs: 30_000 });
  try {
    let t = process.hrtime.bigint();
    await terminal.book(count, 1000);
    const bookMs = elapsedMs(t);
    await server.start();
    t = process.hrtime.bigint();
    terminal.engine.start();
    await waitForAck(terminal.journal, count, 600_000);
    const drainMs = elapsedMs(t);
    terminal.engine.stop();
    const stored = (await server.events(terminalId)).length;
    if (stored !== count) throw new Error(`server holds ${stored} events of ${terminalId}, expected ${count}`);
    const envelopes = keepEnvelopes ? await terminal.journal.eventsAfter(0, count) : undefined;
    return { events: count, bookMs, drainMs, eventsPerSecond: count / (drainMs / 1000), ...(envelopes ? { envelopes } : {}) };
  } finally {
    terminal.close();
    await dropTerminalDatabases(terminalId);
  }
}

/** Tight polling of the cursor (every 5 ms), so the figure is not rounded up to a coarse poll. */
async function waitForAck(journal: { ackedSeq(): Promise<number> }, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await journal.ackedSeq()) < count) {
    if (Date.now() > deadline) throw new Error(`not acknowledged within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Seeds `count` materials into the (stopped) server's SQLite database with the
 * server's own store function, in one transaction (not timed); restarts it.
 * Materials belong to no line, so every terminal pulls all of them.
 */
export async function seedMaterials(server: ChaosServer, count: number): Promise<void> {
  const { openDatabase } = await import('../server/db/create-database');
  const { upsertMaster } = await import('../server/master-data-store');
  await server.kill('SIGTERM');
  const database = openDatabase({ dataDir: join(server.dir, 'server') });
  try {
    await database.db.transaction().execute(async (trx) => {
      for (let i = 1; i <= count; i++) {
        const n = String(i).padStart(6, '0');
        const res = await upsertMaster(trx, 'material', { id: `M-BENCH-${n}`, number: `BN-${n}`, name: `Bench material ${n}`, barcodeRules: [{ kind: 'part-number', value: `BN-${n}` }] });
        if (!res.ok) throw new Error(`seed ${n}: ${res.error.message}`);
      }
    });
  } finally {
    await database.close();
  }
  await server.start();
}

export interface PullRun {
  rows: number;
  pullMs: number;
  rowsPerSecond: number;
}

/** (c) A fresh terminal's first sync: no checkpoint, so the engine pulls every page into the cache. */
export async function initialPull(server: ChaosServer, terminalId: string): Promise<PullRun> {
  const token = await server.addTerminal(terminalId);
  const terminal = await startNodeTerminal({ terminalId, serverUrl: server.url, token, timeoutMs: 30_000 });
  try {
    const t = process.hrtime.bigint();
    await terminal.engine.runOnce();
    const pullMs = elapsedMs(t);
    const status = terminal.status();
    if (!status.online) throw new Error(`pull failed: ${JSON.stringify(status.lastError)}`);
    // The seeded materials (plus the demo's handful) dominate the page stream; count what landed in the cache.
    const rows = (await terminal.cache.all('material')).length;
    return { rows, pullMs, rowsPerSecond: rows / (pullMs / 1000) };
  } finally {
    terminal.close();
    await dropTerminalDatabases(terminalId);
  }
}
