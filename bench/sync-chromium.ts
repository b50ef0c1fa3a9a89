/**
 * The sync bench where the terminal really runs: one headless Chromium
 * (Debian's, the e2e flags) with real IndexedDB.
 *
 *   a. Takt: the bench page (bench/sync-page/takt-page.ts, bundled from the
 *      renderer's modules) served by the real browser host process
 *      (`bin/takt-browser-host.mjs`); `count` events booked while the server is
 *      down, then `takt server --demo` (SQLite) comes back and the page starts
 *      sync as boot.ts does (worker → page → WebSocket → host → HTTP). Timed
 *      until the journal's cursor says all are acknowledged; then the server
 *      must hold exactly `count` events of that terminal.
 *   b. PouchDB: pouchdb-browser (IndexedDB) in a page of the same browser, the
 *      same documents, one-shot replicate.to a pouchdb-server.
 *
 * Every run has a fresh terminal: its own host process, user-data folder and
 * page origin (the host's port), so its IndexedDB starts empty.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { EventEnvelope } from '../shared/events';
import { launchChromium } from '../test/e2e/support/browser';
import type { ChaosServer } from '../test/e2e/support/chaos-server';
import { ROOT, startProcess, waitForJsonLine } from '../test/e2e/support/processes';
import type { TaktSyncBench } from './sync-page/takt-page';
import type { PouchSyncBench } from './sync-page/pouch-page';
import { startPouchServer, type ReplicationRun } from './sync-pouch';
import { buildSyncPages, type SyncPages } from './support/sync-page-build';
import { cpuMeter } from './support/sync-cpu';
import { serveStatic } from './support/sync-static';
import type { BacklogRun } from './sync-takt';

export const CHROMIUM_SETUP = {
  takt: 'Chromium (headless, /usr/bin/chromium): renderer Journal + Cache (Dexie over IndexedDB, strict durability, host SQLite copy), SyncEngine in the module worker, bridge over the loopback WebSocket to the real browser host, its server transport; server: takt server --demo on SQLite',
  pouch: 'the same Chromium: pouchdb-browser 9 (IndexedDB adapter idb); remote: pouchdb-server 4.2 (LevelDB on disk, CORS); replicate.to one-shot, default batch_size 100 / batches_limit 10',
};

const DRAIN_TIMEOUT_MS = 600_000;
const ENVELOPE_PAGE = 10_000;
/** 0: the app's own push batch (the SyncEngine default); another figure only to explore. */
const PUSH_BATCH = Number(process.env.BENCH_SYNC_PUSH_BATCH || 0);

type TaktWindow = Window & { taktSyncBench: TaktSyncBench };
type PouchWindow = Window & { pouchSyncBench: PouchSyncBench };

/** A Chromium backlog run, with the time the page waited for push answers (the rest: worker, IndexedDB, messages). */
export interface ChromiumBacklogRun extends BacklogRun {
  pushes: number;
  pushWaitMs: number;
  /** CPU milliseconds per 1,000 events during the drain: where the time goes, whatever else loads the machine. */
  cpuMsPer1k: { chromium: number; host: number; server: number };
}

export interface ChromiumRuns {
  takt: ChromiumBacklogRun[];
  pouch: ReplicationRun[];
}

export async function benchChromium(server: ChaosServer, events: number, runs: number, withPouch = true): Promise<ChromiumRuns> {
  const pages = await buildSyncPages();
  const browser = await launchChromium();
  try {
    const takt: ChromiumBacklogRun[] = [];
    let envelopes: EventEnvelope[] = [];
    for (let run = 1; run <= runs; run++) {
      console.log(`a. Chromium run ${run}/${runs}: ${events} events booked offline in IndexedDB, then pushed…`);
      const r = await browserBacklog(browser, server, pages, `T-BENCH-W${run}`, events, run === 1);
      if (r.envelopes) envelopes = r.envelopes;
      const { envelopes: _kept, ...figures } = r;
      takt.push(figures);
      console.log(`   ${Math.round(r.drainMs)} ms, ${Math.round(r.eventsPerSecond)} events/s (booking took ${Math.round(r.bookMs)} ms; ${r.pushes} pushes, ${Math.round(r.pushWaitMs)} ms of it waiting for their answers; CPU ms per 1k events: Chromium ${r.cpuMsPer1k.chromium}, host ${r.cpuMsPer1k.host}, server ${r.cpuMsPer1k.server})`);
    }
    const pouch = withPouch ? await browserPouch(browser, pages, envelopes, runs) : [];
    return { takt, pouch };
  } finally {
    await browser.close();
    rmSync(pages.dir, { recursive: true, force: true });
  }
}

async function browserBacklog(browser: Browser, server: ChaosServer, pages: SyncPages, terminalId: string, count: number, keepEnvelopes: boolean): Promise<ChromiumBacklogRun> {
  const token = await server.addTerminal(terminalId);
  await server.kill('SIGKILL');
  const dir = mkdtempSync(join(tmpdir(), 'takt-bench-host-'));
  const host = startProcess(process.execPath, [`${ROOT}bin/takt-browser-host.mjs`], {
    TAKT_USER_DATA: dir,
    TAKT_STATIC_DIR: pages.dir,
    TAKT_SERVER_URL: server.url,
    TAKT_TERMINAL_ID: terminalId,
    TAKT_TERMINAL_TOKEN: token,
    TAKT_HOST_PORT: '0',
    TAKT_LANGUAGE: 'en',
  });
  let page: Page | null = null;
  try {
    const ready = await waitForJsonLine<{ url: string }>(host, (v) => v.event === 'ready');
    page = await browser.newPage();
    page.on('pageerror', (err) => console.error(`   page error: ${err.message}`));
    await page.goto(ready.url);
    await page.waitForFunction(() => 'taktSyncBench' in window);
    const opened = await page.evaluate(() => (window as unknown as TaktWindow).taktSyncBench.open());
    if (opened !== terminalId) throw new Error(`the host serves ${opened}, expected ${terminalId}`);
    const bookMs = await page.evaluate((n) => (window as unknown as TaktWindow).taktSyncBench.book(n, 1000), count);
    await server.start();
    const cpu = cpuMeter({ all: process.pid, host: host.child.pid ?? 0, server: server.running?.child.pid ?? 0 });
    const selfBefore = process.cpuUsage();
    const drained = await page.evaluate(([n, timeout, batch]) => (window as unknown as TaktWindow).taktSyncBench.drain(n, timeout, batch || undefined), [count, DRAIN_TIMEOUT_MS, PUSH_BATCH] as const);
    const drainMs = drained.ms;
    const used = cpu.since();
    const self = process.cpuUsage(selfBefore);
    const per1k = (ms: number) => Math.round((ms / count) * 1000);
    // Everything below this process but the host and the server is Chromium (browser, renderer, worker, network service).
    const chromiumMs = (used.all ?? 0) - (used.host ?? 0) - (used.server ?? 0) - (self.user + self.system) / 1000;
    const cpuMsPer1k = { chromium: per1k(Math.max(0, chromiumMs)), host: per1k(used.host ?? 0), server: per1k(used.server ?? 0) };
    const stored = await server.events(terminalId);
    const distinct = new Set(stored.map((e) => e.seq)).size;
    if (stored.length !== count || distinct !== count) throw new Error(`server holds ${stored.length} events (${distinct} distinct seqs) of ${terminalId}, expected ${count}`);
    const envelopes = keepEnvelopes ? await readEnvelopes(page, count) : undefined;
    return { events: count, bookMs, drainMs, eventsPerSecond: count / (drainMs / 1000), pushes: drained.pushes, pushWaitMs: drained.pushWaitMs, cpuMsPer1k, ...(envelopes ? { envelopes } : {}) };
  } finally {
    await page?.close();
    await host.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function readEnvelopes(page: Page, count: number): Promise<EventEnvelope[]> {
  const out: EventEnvelope[] = [];
  while (out.length < count) {
    const next = await page.evaluate(([from, limit]) => (window as unknown as TaktWindow).taktSyncBench.envelopes(from, limit), [out.length, ENVELOPE_PAGE] as const);
    if (next.length === 0) break;
    out.push(...next);
  }
  return out;
}

async function browserPouch(browser: Browser, pages: SyncPages, envelopes: readonly EventEnvelope[], runs: number): Promise<ReplicationRun[]> {
  const pouchServer = await startPouchServer();
  const statics = await serveStatic(pages.dir);
  const page = await browser.newPage();
  try {
    page.on('pageerror', (err) => console.error(`   page error: ${err.message}`));
    await page.goto(`${statics.url}/${pages.pouchPage}`);
    await page.waitForFunction(() => 'pouchSyncBench' in window);
    const docs = envelopes.map((e) => ({ _id: `${e.terminalId}:${String(e.seq).padStart(9, '0')}`, ...e }));
    const out: ReplicationRun[] = [];
    for (let run = 1; run <= runs; run++) {
      const name = `takt-bench-chromium-${run}`;
      console.log(`b. Chromium run ${run}/${runs}: the same ${docs.length} documents in PouchDB (IndexedDB), replicate.to…`);
      let writeMs = 0;
      for (let i = 0; i < docs.length; i += ENVELOPE_PAGE) {
        writeMs += await page.evaluate(([db, chunk]) => (window as unknown as PouchWindow).pouchSyncBench.write(db, chunk), [name, docs.slice(i, i + ENVELOPE_PAGE)] as const);
      }
      const replicateMs = await page.evaluate(([db, remote, n]) => (window as unknown as PouchWindow).pouchSyncBench.replicate(db, remote, n), [name, `${pouchServer.url}/${name}`, docs.length] as const);
      await page.evaluate((db) => (window as unknown as PouchWindow).pouchSyncBench.destroy(db), name);
      out.push({ docs: docs.length, writeMs, replicateMs, docsPerSecond: docs.length / (replicateMs / 1000) });
      console.log(`   ${Math.round(replicateMs)} ms, ${Math.round(docs.length / (replicateMs / 1000))} docs/s (local writes took ${Math.round(writeMs)} ms)`);
    }
    return out;
  } finally {
    await page.close();
    await statics.close();
    await pouchServer.stop();
  }
}
