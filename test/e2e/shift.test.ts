import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BADGES, DEMO_HOUSING_GTIN, DEMO_ORDERS, DEMO_PIN } from '../../server/demo/demo-data';
import { launchChromium } from './support/browser';
import { snapshotRenderer } from './support/renderer-snapshot';
import { unreachable } from './support/in-view';
import { startStack, type Stack } from './support/stack';
import { containerShortId } from '../../renderer/state/workflow-logic';

/**
 * A whole shift at one terminal (issue 8), end to end: real Chromium through
 * the browser host, a socat scanner, the ZPL printer simulator and the real
 * server with its demo plant. Badge login → an expired and a blocked batch
 * refused → materials loaded → start → good parts counted and by serial →
 * a full container closes and its label prints → scrap without and with the
 * shift lead → batch change → pause/resume → handover → partial container →
 * complete. Then the server's forward trace of the first housing batch must
 * tell exactly that story.
 *
 * The settings are the demo plant's master data: SG-100 ships 20 parts to a
 * container (its packaging; line L1's own default is 24), and L1 wants the
 * shift lead for scrap above 10 parts. "+n" fills a container in one booking,
 * so no test-only configuration is needed.
 */
const TERMINAL = 'T-L1-01';
const ORDER = DEMO_ORDERS.L1[0]; // ORD-1001: SG-100, BOM housing, PCB, screw, seal
const CAPACITY = 20; // M-SG1's containerCapacity in server/demo/demo-data.ts
const GS = '\x1d';
const RS = '\x1e';
const EOT = '\x04';
/** Every wait is bounded; generous for a loaded machine, but it ends as soon as its condition holds. */
const T = 15_000;

/** GS1-128 as a scanner with AIM identifiers sends it: ]C1, GTIN, batch (variable, so GS), expiry. */
const housing = (batch: string, expiry = '301231') => `]C101${DEMO_HOUSING_GTIN}10${batch}${GS}17${expiry}`;
/** ISO/IEC 15434 format 06 (ASC data identifiers): P part number, 1T batch. */
const screw = (batch: string) => `[)>${RS}06${GS}P100-0410${GS}1T${batch}${RS}${EOT}`;
/** A finished part's label: P part number of the order's material, S serial. */
const part = (serial: string) => `[)>${RS}06${GS}PSG-100${GS}S${serial}${RS}${EOT}`;
const PCB = 'PCB7-A0815'; // plain code, prefix rule
const SEAL = 'SEAL-004711'; // plain code, pattern rule

const BLOCKED = 'H-BLOCKED';
const FIRST = 'H-0001';
const SECOND = 'H-0002';

interface JournalEvent {
  seq: number;
  id: string;
  type: string;
  orderId?: string;
  operatorId?: string;
  payload: Record<string, unknown>;
}

async function journal(page: Page): Promise<JournalEvent[]> {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('events', 'readonly').objectStore('events').getAll();
          req.onsuccess = () => {
            resolve(req.result as JournalEvent[]);
            open.result.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    `takt-journal-${TERMINAL}`,
  );
}

describe('shift: a whole shift at the terminal, traced at the server', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let step = 'setup';
  let staticDir = '';

  /** Waits for the verdict overlay with this tone and text, then dismisses it (OK: tap, NOK: acknowledge). */
  async function verdict(tone: 'ok' | 'nok', text: string): Promise<void> {
    const overlay = page.locator(`[data-testid="wf-verdict"][data-tone="${tone}"]`);
    await overlay.filter({ hasText: text }).waitFor({ timeout: T });
    if (tone === 'nok') await page.getByTestId('wf-ack').click({ timeout: T });
    // An OK verdict also hides itself after a moment; tapping it just saves the wait.
    else await page.evaluate(() => (document.querySelector('[data-testid="wf-verdict"]') as HTMLElement | null)?.click());
    await page.getByTestId('wf-verdict').waitFor({ state: 'detached', timeout: T });
  }

  async function scanFor(raw: string, tone: 'ok' | 'nok', text: string): Promise<void> {
    stack.scan(raw);
    await verdict(tone, text);
  }

  async function clickFor(testId: string, tone: 'ok' | 'nok', text: string): Promise<void> {
    await page.getByTestId(testId).click({ timeout: T });
    await verdict(tone, text);
  }

  async function pad(testId: string, digits: string): Promise<void> {
    for (const d of digits) await page.getByTestId(`${testId}-key-${d}`).click({ timeout: T });
  }

  async function printLabel(quantity: number): Promise<void> {
    await page.getByTestId('wf-label-preview').waitFor({ timeout: T });
    await clickFor('wf-print', 'ok', `Label printed (${quantity} parts)`);
    await page.getByTestId('wf-label-preview').waitFor({ state: 'detached', timeout: T });
  }

  const text = (testId: string) => page.getByTestId(testId).textContent({ timeout: T });
  const status = () => page.getByTestId('order-detail').getAttribute('data-status', { timeout: T });

  beforeAll(async () => {
    staticDir = await snapshotRenderer();
    stack = await startStack(TERMINAL, 'L1', { printer: true, hostEnv: { TAKT_STATIC_DIR: staticDir } });
    // Quality blocks a housing batch before the shift: the terminal's first pull brings it.
    const res = await fetch(`${stack.serverUrl}/api/v1/master/blocked-batch/BB-E2E-1`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ materialId: 'M-HOUSING', batch: BLOCKED, reason: 'Quality hold' }),
    });
    expect(res.status, await res.text()).toBe(200);
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(stack.hostUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
  });

  /** On failure, a screenshot of the step that failed. */
  async function during<T>(name: string, body: () => Promise<T>): Promise<T> {
    step = name;
    try {
      return await body();
    } catch (err) {
      await page?.screenshot({ path: `.takt/e2e-shift-${step}.png` }).catch(() => undefined);
      throw err;
    }
  }

  it('logs in by badge and opens the order', async () => {
    await during('login', async () => {
      await page.getByTestId('login-screen').waitFor({ timeout: T });
      await expect.poll(() => page.getByTestId('line-name').textContent(), { timeout: T }).toContain('Montage 1');
      await expect.poll(() => page.getByTestId('scanner-state').getAttribute('data-state'), { timeout: T }).toBe('connected');
      // Until the first pull has brought the operators the terminal says so and asks for another scan: do as told.
      await expect
        .poll(
          async () => {
            stack.scan(DEMO_BADGES.anna);
            return page
              .getByTestId('order-screen')
              .waitFor({ timeout: 2_000 })
              .then(() => true, () => false);
          },
          { timeout: T, interval: 50 },
        )
        .toBe(true);
      expect(await text('operator-name')).toContain('Anna Becker');
      await page.getByTestId(`open-${ORDER}`).click({ timeout: T });
      await page.getByTestId('order-detail').waitFor({ timeout: T });
      expect(await status()).toBe('released');
    });
  }, 40_000);

  it('refuses an expired and a blocked batch with a red NOK, books nothing, then loads every BOM item', async () => {
    await during('materials', async () => {
      await scanFor(housing('H-OLD', '240101'), 'nok', 'Batch H-OLD expired on Jan 1, 2024.');
      await scanFor(housing(BLOCKED), 'nok', `Batch ${BLOCKED} is blocked: Quality hold`);
      expect(await page.getByTestId('bom-GH-200').getAttribute('data-missing')).toBe('true');
      expect((await journal(page)).map((e) => e.type)).toEqual(['OperatorLoggedIn']);

      await scanFor(housing(FIRST), 'ok', `Batch ${FIRST} of GH-200 loaded`);
      await scanFor(screw('S-77'), 'ok', 'Batch S-77 of 100-0410 loaded');
      await scanFor(PCB, 'ok', `Batch ${PCB} of PCB-7 loaded`);
      await scanFor(SEAL, 'ok', `Batch ${SEAL} of D-32 loaded`);
      expect(await text('batch-GH-200')).toContain(FIRST);
      const loaded = (await journal(page)).filter((e) => e.type === 'MaterialLoaded').map((e) => e.payload['batch']);
      expect(loaded).toEqual([FIRST, 'S-77', PCB, SEAL]);
    });
  }, 40_000);

  it('starts, books good parts counted and by serial, fills a container and prints its label', async () => {
    await during('good', async () => {
      await clickFor('wf-start', 'ok', `Order ${ORDER} started`);
      expect(await status()).toBe('started');
      await clickFor('wf-plus-one', 'ok', '1 good part booked');
      await scanFor(part('SN-0001'), 'ok', 'Part SN-0001 booked');
      await scanFor(part('SN-0002'), 'ok', 'Part SN-0002 booked');
      await scanFor(part('SN-0002'), 'nok', 'Part SN-0002 was already booked.');
      // The rest of the first container, counted on the pad: it is full, closes and its label is previewed.
      await page.getByTestId('wf-plus-n').click({ timeout: T });
      await pad('numpad', String(CAPACITY - 3));
      await clickFor('numpad-submit', 'ok', `${CAPACITY - 3} good parts booked`);
      expect(await text('wf-good')).toBe('20 / 50');
      await printLabel(CAPACITY);
      await expect.poll(() => stack.printer?.labels.length, { timeout: T }).toBe(1);
    });
  }, 40_000);

  it('books scrap without and, above the threshold, with the shift lead', async () => {
    await during('scrap', async () => {
      await page.getByTestId('wf-scrap-open').click({ timeout: T });
      await page.getByTestId('scrap-reason-PRC-ASM').click({ timeout: T });
      await page.getByTestId('scrap-pad-backspace').click({ timeout: T });
      await pad('scrap-pad', '2');
      await clickFor('scrap-pad-submit', 'ok', '2 parts scrapped');
      await page.getByTestId('scrap-close').click({ timeout: T });
      expect(await text('wf-scrap')).toBe('2');

      // A batch change between the two: parts from now on take the second housing batch.
      await scanFor(housing(SECOND), 'ok', `Batch change: ${SECOND} replaces ${FIRST} (GH-200)`);
      await scanFor(part('SN-0003'), 'ok', 'Part SN-0003 booked');

      await page.getByTestId('wf-scrap-open').click({ timeout: T });
      await page.getByTestId('scrap-reason-TST-ELEC').click({ timeout: T });
      await page.getByTestId('scrap-pad-backspace').click({ timeout: T });
      await pad('scrap-pad', '12');
      // 12 is above the line's threshold: a request for the shift lead's confirmation, nothing booked yet,
      // on the smallest terminal we support; the shift lead's badge is scanned while the request is up.
      const viewport = page.viewportSize();
      await page.setViewportSize({ width: 1024, height: 768 });
      try {
        await page.getByTestId('scrap-pad-submit').click({ timeout: T });
        await page.locator('[data-testid="approval-layer"][data-step="awaiting-badge"]').waitFor({ timeout: T });
        expect(await text('approval-what')).toBe('Scrap 12 parts · Reason: Electrical test failed');
        expect(await page.locator('[data-testid="wf-verdict"][data-tone="nok"]').count()).toBe(0);
        expect(await unreachable(page, ['approval-what', 'approval-cancel'])).toEqual([]);
        stack.scan(DEMO_BADGES.shiftLead);
        await page.locator('[data-testid="approval-layer"][data-step="awaiting-pin"]').waitFor({ timeout: T });
        expect(await unreachable(page, ['approval-what', 'approval-key-1', 'approval-key-0', 'approval-backspace', 'approval-submit', 'approval-cancel'])).toEqual([]);
        await pad('approval', DEMO_PIN);
        await clickFor('approval-submit', 'ok', '12 parts scrapped');
        await page.getByTestId('approval-layer').waitFor({ state: 'detached', timeout: T });
      } finally {
        if (viewport) await page.setViewportSize(viewport);
      }
      await page.getByTestId('scrap-close').click({ timeout: T });
      expect(await text('wf-scrap')).toBe('14');
    });
  }, 40_000);

  it('pauses, resumes, hands over to the next operator, closes a partial container and completes', async () => {
    await during('finish', async () => {
      await page.getByTestId('wf-pause').click({ timeout: T });
      await clickFor('pause-reason-break', 'ok', 'Order paused');
      expect(await status()).toBe('paused');
      await clickFor('wf-resume', 'ok', 'Order resumed');
      expect(await status()).toBe('started');

      await page.getByTestId('wf-handover').click({ timeout: T });
      await page.getByTestId('wf-handover-panel').waitFor({ timeout: T });
      // The handover re-logs the terminal in, which may replace its short OK verdict: judge by the screen.
      stack.scan(DEMO_BADGES.jonas);
      await expect.poll(() => text('wf-operator'), { timeout: T }).toBe('Jonas Weber');
      await page.getByTestId('wf-handover-panel').waitFor({ state: 'detached', timeout: T });
      await page.evaluate(() => (document.querySelector('[data-testid="wf-verdict"][data-tone="ok"]') as HTMLElement | null)?.click());
      expect(await status()).toBe('started');

      await page.getByTestId('wf-plus-n').click({ timeout: T });
      await pad('numpad', '4');
      await clickFor('numpad-submit', 'ok', '4 good parts booked');
      expect(await text('wf-open-container')).toBe(`Open container: 5 / ${CAPACITY}`);
      await clickFor('wf-close-container', 'ok', 'Container closed');
      await printLabel(5);
      await expect.poll(() => stack.printer?.labels.length, { timeout: T }).toBe(2);

      await page.getByTestId('wf-complete').click({ timeout: T });
      await pad('numpad', '25');
      await clickFor('numpad-submit', 'ok', `Order ${ORDER} completed with 25 good parts`);
      expect(await status()).toBe('completed');
    });
  }, 40_000);

  it('syncs everything, and the server traces the first housing batch to exactly what was done', async () => {
    await during('trace', async () => {
      await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 30_000 }).toBe('0');
      const local = await journal(page);
      const atServer = await stack.serverEvents(TERMINAL);
      expect(atServer.map((e) => [e.seq, e.id, e.type])).toEqual(local.map((e) => [e.seq, e.id, e.type]));

      const closed = local.filter((e) => e.type === 'ContainerClosed').map((e) => String(e.payload['containerId']));
      expect(closed).toHaveLength(2);
      const [first, second] = closed as [string, string];
      const printed = local.filter((e) => e.type === 'LabelPrinted').map((e) => e.payload['containerId']);
      expect([...new Set(printed)]).toEqual([first, second]);
      const packed = local.filter((e) => e.type === 'PartPacked').map((e) => [e.payload['containerId'], e.payload['quantity']]);
      expect(packed.reduce((n, [, q]) => n + Number(q), 0)).toBe(25);

      // The labels that came out of the printer name each container's package number.
      const shortId = containerShortId;
      const zpl = stack.printer?.labels.map((l) => l.zpl) ?? [];
      expect(zpl).toHaveLength(2);
      expect(zpl[0]).toContain(shortId(first));
      expect(zpl[0]).toContain(ORDER);
      expect(zpl[1]).toContain(shortId(second));

      const res = await fetch(`${stack.serverUrl}/api/v1/trace/batch/M-HOUSING/${FIRST}`, { headers: { authorization: `Bearer ${stack.adminToken}` } });
      expect(res.status).toBe(200);
      const trace = (await res.json()) as {
        blocked: string | null;
        windows: { orderId: string | null; terminalId: string; operatorId: string | null; to: string | null }[];
        orders: { orderId: string; goodQuantity: number; scrapQuantity: number; status: string | null }[];
        serials: { serial: string; orderId: string | null; link: string }[];
        containers: { containerId: string; closedAt: string | null; link: string }[];
      };
      expect(trace.blocked).toBeNull();
      // One window: loaded at this terminal for the order, closed by the batch change.
      // (Not asserted: windows[0].operatorId — the workflow's events carry no operatorId yet, so it is null.)
      expect(trace.windows).toHaveLength(1);
      expect(trace.windows[0]).toMatchObject({ orderId: ORDER, terminalId: TERMINAL });
      expect(trace.windows[0]?.to).not.toBeNull();
      expect(trace.orders).toEqual([expect.objectContaining({ orderId: ORDER, goodQuantity: 25, scrapQuantity: 14 })]);
      // The serials made while it was loaded, linked by their own scan; SN-0003 came after the batch change.
      expect(trace.serials).toEqual([
        { serial: 'SN-0001', orderId: ORDER, producedAt: expect.any(String), link: 'component' },
        { serial: 'SN-0002', orderId: ORDER, producedAt: expect.any(String), link: 'component' },
      ]);
      // The first container holds those serials; the second was only packed after the batch change.
      expect(trace.containers.map((c) => [c.containerId, c.link])).toEqual([[first, 'serial']]);
      expect(trace.containers[0]?.closedAt).not.toBeNull();

      // And the refused batches left nothing behind.
      for (const batch of [BLOCKED, 'H-OLD']) {
        const refused = (await (
          await fetch(`${stack.serverUrl}/api/v1/trace/batch/M-HOUSING/${batch}`, { headers: { authorization: `Bearer ${stack.adminToken}` } })
        ).json()) as { windows: unknown[]; serials: unknown[]; blocked: string | null };
        expect(refused.windows).toEqual([]);
        expect(refused.serials).toEqual([]);
        expect(refused.blocked).toBe(batch === BLOCKED ? 'Quality hold' : null);
      }
    });
  }, 60_000);

  it('a badge scanned while someone is logged in switches the operator', async () => {
    await during('switch', async () => {
      await page.getByTestId('wf-back').click({ timeout: T });
      await page.getByTestId('order-screen').waitFor({ timeout: T });
      expect(await text('operator-name')).toBe('Jonas Weber');
      const before = (await journal(page)).length;
      stack.scan(DEMO_BADGES.anna);
      await expect.poll(() => text('operator-name'), { timeout: T }).toBe('Anna Becker');
      await page.locator('[data-testid="feedback"][data-tone="ok"]').filter({ hasText: 'Anna Becker is now logged in' }).waitFor({ timeout: T });
      const added = (await journal(page)).slice(before).map((e) => [e.type, e.operatorId, e.payload]);
      // The order was completed: nothing to hand over, only the change of operator.
      expect(added).toEqual([
        ['OperatorLoggedOut', 'OP-1002', { reason: 'handover' }],
        ['OperatorLoggedIn', 'OP-1001', { badge: DEMO_BADGES.anna, role: 'operator', method: 'badge' }],
      ]);
    });
  }, 30_000);
});
