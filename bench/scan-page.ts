import type { Page } from 'playwright-core';
import { DEMO_BADGES, DEMO_HOUSING_GTIN } from '../server/demo/demo-data';
import type { Stack } from '../test/e2e/support/stack';
import { rowsOf, stageDurations, type StageDurations, type StageMarks, type StageRow } from './scan-breakdown';

/**
 * The scan bench's hands and eyes in the page (bench/scan.ts runs it): the
 * marks the renderer sets when a scan arrives and a verdict is painted, the
 * login, an order started with its materials, a run of scans paired with
 * their verdicts and stages, and reads of the terminal's IndexedDB.
 */

export const T = 60_000;
const GS = '\x1d';
const RS = '\x1e';
const EOT = '\x04';

export interface ScanRunLimits {
  scans: number;
  /** A run stops after this long, whatever is left of `scans`. */
  budgetMs: number;
  /** Between a verdict and the next scan. */
  pauseMs: number;
  /** The first scans, not counted in the stage breakdown. */
  warmup: number;
}

const housing = (batch: string) => `]C101${DEMO_HOUSING_GTIN}10${batch}${GS}17301231`;
const LOAD_ORDER = [housing('H-START'), `[)>${RS}06${GS}P100-0410${GS}1TS-77${RS}${EOT}`, 'PCB7-A0815', 'SEAL-004711'];

/** Collects every scan-received and verdict-painted mark, on every page load, before the app's own scripts run. */
export const OBSERVER = `(() => {
  globalThis.__name ??= (fn) => fn;
  const seen = { scans: [], verdicts: [] };
  Object.defineProperty(window, '__taktBench', { value: seen });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const rec = { at: performance.timeOrigin + e.startTime, detail: e.detail };
      if (e.name === 'takt:scan-received') seen.scans.push(rec);
      else if (e.name === 'takt:verdict-painted') seen.verdicts.push(rec);
    }
  }).observe({ type: 'mark' });
})();`;

interface Mark {
  at: number;
  detail: { lastByteAt?: number | null; serial?: number; tone?: string };
}
export interface Sample {
  /** last byte at the host → verdict painted */
  paintedMs: number;
  /** last byte at the host → scan event in the renderer */
  transportMs: number;
  /** the bench wrote the scan to the pty → verdict painted (a cross-check of the host's stamp) */
  writeToPaintMs: number;
}

const epochNow = () => performance.timeOrigin + performance.now();
const marks = (page: Page) => page.evaluate(() => (window as unknown as { __taktBench: { scans: Mark[]; verdicts: Mark[] } }).__taktBench);
const markCount = (page: Page) => page.evaluate(() => (window as unknown as { __taktBench: { verdicts: unknown[] } }).__taktBench.verdicts.length);

async function waitForVerdictCount(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => (window as unknown as { __taktBench: { verdicts: unknown[] } }).__taktBench.verdicts.length >= n, count, { polling: 10, timeout: T });
}

export async function logIn(page: Page, stack: Stack, bootTimeout = T): Promise<void> {
  await page.getByTestId('login-screen').waitFor({ timeout: bootTimeout });
  await page.locator('[data-testid="scanner-state"][data-state="connected"]').waitFor({ timeout: T });
  // Until the first pull has brought the operators the terminal asks for another scan.
  const deadline = Date.now() + T;
  for (;;) {
    stack.scan(DEMO_BADGES.anna);
    const inside = await page.getByTestId('order-screen').waitFor({ timeout: 2_000 }).then(() => true, () => false);
    if (inside) return;
    if (Date.now() > deadline) throw new Error('login did not succeed');
  }
}

/** Opens the order (waiting for the journal fold), loads its four materials and starts it. */
export async function startOrderRunning(page: Page, stack: Stack, orderId: string): Promise<{ openMs: number }> {
  const t0 = Date.now();
  await page.getByTestId(`open-${orderId}`).click({ timeout: T });
  await page.locator('[data-testid="wf-start"]:not([disabled])').waitFor({ timeout: 10 * T });
  const openMs = Date.now() - t0;
  for (const raw of LOAD_ORDER) {
    const before = await markCount(page);
    stack.scan(raw);
    await waitForVerdictCount(page, before + 1);
  }
  const before = await markCount(page);
  await page.getByTestId('wf-start').click({ timeout: T });
  await waitForVerdictCount(page, before + 1);
  await page.locator('[data-testid="order-detail"][data-status="started"]').waitFor({ timeout: T });
  return { openMs };
}

const stageMarks = (page: Page) => page.evaluate(() => (window as unknown as { __taktStages: StageMarks }).__taktStages);

/** Scans batch labels one at a time; pairs each scan mark with its verdict mark, and each with its stage marks. */
export type ScanRun = Sample[] & { stages?: StageRow[]; durations?: StageDurations };

export async function scanRun(page: Page, stack: Stack, prefix: string, run: ScanRunLimits): Promise<ScanRun> {
  await new Promise((r) => setTimeout(r, 500)); // let the start verdict's own work settle
  const start = await marks(page);
  const stageOffsets = Object.fromEntries(Object.entries(await stageMarks(page)).map(([name, at]) => [name, at.length]));
  const scanOffset = start.scans.length;
  const verdictOffset = start.verdicts.length;
  const writes: number[] = [];
  const deadline = Date.now() + run.budgetMs;
  for (let i = 0; i < run.scans && Date.now() < deadline; i++) {
    writes.push(epochNow());
    stack.scan(housing(`${prefix}-${String(i).padStart(5, '0')}`));
    await waitForVerdictCount(page, verdictOffset + i + 1);
    await new Promise((r) => setTimeout(r, run.pauseMs));
  }
  const all = await marks(page);
  const scans = all.scans.slice(scanOffset);
  const verdicts = all.verdicts.slice(verdictOffset);
  if (scans.length !== writes.length || verdicts.length !== writes.length) {
    throw new Error(`${prefix}: ${writes.length} scans written, ${scans.length} received, ${verdicts.length} verdicts painted`);
  }
  const samples: ScanRun = writes.map((written, i) => {
    const scan = scans[i]!;
    const verdict = verdicts[i]!;
    if (verdict.detail.tone !== 'ok') throw new Error(`${prefix}: scan ${i} got a ${String(verdict.detail.tone)} verdict`);
    const lastByteAt = scan.detail.lastByteAt;
    if (typeof lastByteAt !== 'number') throw new Error(`${prefix}: scan ${i} carries no lastByteAt`);
    return { paintedMs: verdict.at - lastByteAt, transportMs: scan.at - lastByteAt, writeToPaintMs: verdict.at - written };
  });
  const paths = scans.map((scan, i) => ({ lastByteAt: scan.detail.lastByteAt as number, received: scan.at, painted: verdicts[i]!.at }));
  samples.durations = stageDurations(paths, await stageMarks(page), stageOffsets, run.warmup);
  samples.stages = rowsOf(samples.durations);
  return samples;
}

type IdbQuery = { db: string; store: string; op: 'countIndex' | 'get' | 'maxKey'; arg?: string };

/** One read of the page's IndexedDB, by hand (the app's Dexie is not reachable from here); a missing store reads as undefined. */
function readIdb(page: Page, query: IdbQuery): Promise<unknown> {
  return page.evaluate(
    (q) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open(q.db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(q.store)) {
            db.close();
            resolve(undefined);
            return;
          }
          const store = db.transaction(q.store, 'readonly').objectStore(q.store);
          const req: IDBRequest = q.op === 'countIndex' ? store.index('kind').count(q.arg) : q.op === 'get' ? store.get(q.arg ?? '') : store.getAllKeys();
          req.onsuccess = () => {
            resolve(q.op === 'maxKey' ? Math.max(0, ...(req.result as number[])) : req.result);
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    query,
  );
}

/** What the bench reads of one terminal's databases in the page. */
export function journalReads(terminalId: string) {
  return {
    countCachedOrders: async (page: Page) => Number(await readIdb(page, { db: `takt-cache-${terminalId}`, store: 'master', op: 'countIndex', arg: 'order' })),
    async journalHead(page: Page): Promise<number> {
      const row = (await readIdb(page, { db: `takt-journal-${terminalId}`, store: 'meta', op: 'get', arg: 'nextSeq' })) as { value?: unknown } | undefined;
      return typeof row?.value === 'number' ? row.value - 1 : 0;
    },
    /** The seq the terminal's latest journal snapshot covers (0 without one). */
    snapshotSeq: async (page: Page) => Number((await readIdb(page, { db: `takt-journal-${terminalId}`, store: 'snapshots', op: 'maxKey' })) ?? 0),
  };
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 2 * T): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
