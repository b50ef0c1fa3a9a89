/**
 * `npm run bench -- sync`: offline-first sync, in one run. First where the
 * terminal runs (sync-chromium.ts), in one headless Chromium with real
 * IndexedDB:
 *
 *   A. BENCH_SYNC_EVENTS (100k) events booked offline in the bench page (the
 *      renderer's Journal, sync worker and bridge, behind the real browser
 *      host); the server comes back: time until all are acknowledged.
 *   B. The same documents in pouchdb-browser (IndexedDB), one-shot
 *      replicate.to a pouchdb-server. Ratio A / B.
 *
 * Then the same comparison in Node (the second table), and what only Node measures:
 *
 *   a. BENCH_SYNC_EVENTS (100k) events booked in the terminal journal while the
 *      server is down; the server comes back: time until it acknowledged all,
 *      through the real SyncEngine and host transport. Events/s.
 *   b. The same documents in a local PouchDB, replicated one-shot to a
 *      pouchdb-server: time until replication completes and the remote holds
 *      them all. Docs/s, and the ratio Takt / PouchDB.
 *   c. A fresh terminal's initial master-data pull of BENCH_SYNC_ROWS (100k)
 *      materials seeded into a fresh server (seeding not timed). Rows/s.
 *   d. Scan → committed event at 10 scans/s for BENCH_SYNC_SCAN_SECONDS (30)
 *      through the workflow booking: p50/p99 ms.
 *
 * A, B, a, b and c run BENCH_SYNC_RUNS (3) times each, every run on fresh databases;
 * the medians are quoted. The Takt servers are `takt server --demo` on
 * SQLite in temp folders (support/chaos-server.ts of the e2e tests).
 */
import { benchChromium, CHROMIUM_SETUP, type ChromiumRuns } from './sync-chromium';
import { POUCH_SETUP, replicateBacklog, startPouchServer, type ReplicationRun } from './sync-pouch';
import { scanLatency } from './sync-scan';
import { APP_PUSH_BATCH, initialPull, offlineBacklog, seedMaterials, type BacklogRun, type PullRun } from './sync-takt';
import type { EventEnvelope } from '../shared/events';
import { startChaosServer } from '../test/e2e/support/chaos-server';
import { median, round as roundTo, summarize } from './support/stats';

const env = process.env;
const EVENTS = Number(env.BENCH_SYNC_EVENTS || 100_000);
const ROWS = Number(env.BENCH_SYNC_ROWS || 100_000);
const RUNS = Number(env.BENCH_SYNC_RUNS || 3);
const SCAN_RATE = 10;
const SCAN_SECONDS = Number(env.BENCH_SYNC_SCAN_SECONDS || 30);

const round = (n: number, digits = 0): number => roundTo(n, digits);

async function benchBacklog(): Promise<{ takt: BacklogRun[]; pouch: ReplicationRun[] }> {
  const server = await startChaosServer();
  const takt: BacklogRun[] = [];
  let envelopes: EventEnvelope[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      console.log(`a. run ${run}/${RUNS}: ${EVENTS} events booked offline, then pushed…`);
      const r = await offlineBacklog(server, `T-BENCH-A${run}`, EVENTS, run === 1);
      if (r.envelopes) envelopes = r.envelopes;
      const { envelopes: _kept, ...figures } = r;
      takt.push(figures);
      console.log(`   ${round(r.drainMs)} ms, ${round(r.eventsPerSecond)} events/s (booking took ${round(r.bookMs)} ms)`);
    }
  } finally {
    await server.stop();
  }
  const pouchServer = await startPouchServer();
  const pouch: ReplicationRun[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      console.log(`b. run ${run}/${RUNS}: the same ${envelopes.length} documents in PouchDB, replicate.to…`);
      const r = await replicateBacklog(pouchServer, `takt-bench-${run}`, envelopes);
      pouch.push(r);
      console.log(`   ${round(r.replicateMs)} ms, ${round(r.docsPerSecond)} docs/s (local writes took ${round(r.writeMs)} ms)`);
    }
  } finally {
    await pouchServer.stop();
  }
  return { takt, pouch };
}

async function benchInChromium(): Promise<ChromiumRuns> {
  const server = await startChaosServer();
  try {
    return await benchChromium(server, EVENTS, RUNS);
  } finally {
    await server.stop();
  }
}

async function benchPull(): Promise<PullRun[]> {
  const server = await startChaosServer();
  try {
    console.log(`c. seeding ${ROWS} materials into a fresh server (not timed)…`);
    await seedMaterials(server, ROWS);
    const runs: PullRun[] = [];
    for (let run = 1; run <= RUNS; run++) {
      console.log(`c. run ${run}/${RUNS}: a fresh terminal's first pull…`);
      const r = await initialPull(server, `T-BENCH-C${run}`);
      runs.push(r);
      console.log(`   ${r.rows} rows in ${round(r.pullMs)} ms, ${round(r.rowsPerSecond)} rows/s`);
    }
    return runs;
  } finally {
    await server.stop();
  }
}

async function benchScans() {
  const server = await startChaosServer();
  try {
    console.log(`d. ${SCAN_RATE} scans/s for ${SCAN_SECONDS} s through the workflow booking…`);
    return await scanLatency(server, 'T-BENCH-D', SCAN_RATE, SCAN_SECONDS);
  } finally {
    await server.stop();
  }
}

/** Medians of the Chromium runs, with the share of the drain the page spent waiting for push answers. */
function chromiumFigures(c: ChromiumRuns) {
  const taktMs = median(c.takt.map((r) => r.drainMs));
  const pouchMs = median(c.pouch.map((r) => r.replicateMs));
  const taktRate = EVENTS / (taktMs / 1000);
  const pouchRate = EVENTS / (pouchMs / 1000);
  return {
    takt: {
      medianMs: round(taktMs),
      medianEventsPerSecond: round(taktRate),
      medianPushWaitShare: round(median(c.takt.map((r) => r.pushWaitMs / r.drainMs)), 2),
      medianCpuMsPer1k: {
        chromium: round(median(c.takt.map((r) => r.cpuMsPer1k.chromium))),
        host: round(median(c.takt.map((r) => r.cpuMsPer1k.host))),
        server: round(median(c.takt.map((r) => r.cpuMsPer1k.server))),
      },
      runs: c.takt.map((r) => ({ ...r, drainMs: round(r.drainMs), bookMs: round(r.bookMs), pushWaitMs: round(r.pushWaitMs), eventsPerSecond: round(r.eventsPerSecond) })),
    },
    pouch: { medianMs: round(pouchMs), medianDocsPerSecond: round(pouchRate), runs: c.pouch.map((r) => ({ ...r, replicateMs: round(r.replicateMs), writeMs: round(r.writeMs), docsPerSecond: round(r.docsPerSecond) })) },
    ratio: round(taktRate / pouchRate, 1),
  };
}

export async function run(): Promise<unknown> {
  const chromium = chromiumFigures(await benchInChromium());
  const backlog = await benchBacklog();
  const pull = await benchPull();
  const scans = await benchScans();

  // Rates from the median time, so that a row's time and rate belong together.
  const taktMs = median(backlog.takt.map((r) => r.drainMs));
  const pouchMs = median(backlog.pouch.map((r) => r.replicateMs));
  const pullMs = median(pull.map((r) => r.pullMs));
  const taktRate = EVENTS / (taktMs / 1000);
  const pouchRate = EVENTS / (pouchMs / 1000);
  const scanStats = summarize(scans.latenciesMs, 2);
  const result = {
    settings: { events: EVENTS, rows: ROWS, runs: RUNS, pushBatch: APP_PUSH_BATCH, scanRate: SCAN_RATE, scanSeconds: SCAN_SECONDS },
    chromium: { setup: CHROMIUM_SETUP, backlog: chromium },
    setup: {
      takt: 'terminal: renderer Journal + Cache (Dexie over fake-indexeddb), SyncEngine, host createServerTransport; server: takt server --demo on SQLite',
      pouch: POUCH_SETUP,
    },
    backlog: {
      takt: { medianMs: round(taktMs), medianEventsPerSecond: round(taktRate), runs: backlog.takt.map((r) => ({ ...r, drainMs: round(r.drainMs), bookMs: round(r.bookMs), eventsPerSecond: round(r.eventsPerSecond) })) },
      pouch: { medianMs: round(pouchMs), medianDocsPerSecond: round(pouchRate), runs: backlog.pouch.map((r) => ({ ...r, replicateMs: round(r.replicateMs), writeMs: round(r.writeMs), docsPerSecond: round(r.docsPerSecond) })) },
      ratio: round(taktRate / pouchRate, 1),
    },
    initialPull: { rows: pull[0]?.rows ?? 0, medianMs: round(pullMs), medianRowsPerSecond: round((pull[0]?.rows ?? 0) / (pullMs / 1000)), runs: pull.map((r) => ({ ...r, pullMs: round(r.pullMs), rowsPerSecond: round(r.rowsPerSecond) })) },
    scanToCommit: {
      path: 'app store scanIntoOrder: parse, classify, verdict, Journal.append (group commit), fold; sync engine pushing meanwhile',
      scans: scans.scans,
      events: scans.events,
      nok: scans.nok,
      seconds: round(scans.seconds, 1),
      p50Ms: scanStats.p50,
      p99Ms: scanStats.p99,
      maxMs: scanStats.max,
    },
  };

  console.log(`\nIn Chromium (real IndexedDB), medians of ${RUNS} runs each; push batch ${APP_PUSH_BATCH}`);
  console.table({
    [`A. Takt: ${EVENTS} offline events → server acked`]: { ms: chromium.takt.medianMs, 'per second': chromium.takt.medianEventsPerSecond },
    [`B. PouchDB: the same ${EVENTS} docs, replicate.to`]: { ms: chromium.pouch.medianMs, 'per second': chromium.pouch.medianDocsPerSecond },
  });
  const cpu = chromium.takt.medianCpuMsPer1k;
  console.log(`Takt / PouchDB in Chromium: ${chromium.ratio}×; the page waited for push answers ${Math.round(chromium.takt.medianPushWaitShare * 100)} % of Takt's drain`);
  console.log(`Takt's drain, CPU ms per 1,000 events: Chromium ${cpu.chromium}, browser host ${cpu.host}, server ${cpu.server}`);
  console.log(`\nIn Node (fake-indexeddb, PouchDB memory), medians of ${RUNS} runs each (a, b, c); push batch ${APP_PUSH_BATCH}`);
  console.table({
    [`a. Takt: ${EVENTS} offline events → server acked`]: { ms: result.backlog.takt.medianMs, 'per second': result.backlog.takt.medianEventsPerSecond },
    [`b. PouchDB: the same ${EVENTS} docs, replicate.to`]: { ms: result.backlog.pouch.medianMs, 'per second': result.backlog.pouch.medianDocsPerSecond },
    [`c. Takt: initial pull of ${result.initialPull.rows} rows`]: { ms: result.initialPull.medianMs, 'per second': result.initialPull.medianRowsPerSecond },
  });
  console.log(`Takt / PouchDB (backlog events per second): ${result.backlog.ratio}×`);
  console.log(`PouchDB setup: ${POUCH_SETUP}`);
  const d = result.scanToCommit;
  console.log(`d. scan → committed event at ${SCAN_RATE}/s, ${d.scans} scans (${d.events} events, ${d.nok} NOK): p50 ${d.p50Ms} ms, p99 ${d.p99Ms} ms, max ${d.maxMs} ms`);
  return result;
}
