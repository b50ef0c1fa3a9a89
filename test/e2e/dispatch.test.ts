import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BADGES, DEMO_CUSTOMER_ID, DEMO_HOUSING_GTIN, DEMO_ORDERS } from '../../server/demo/demo-data';
import { parseDesadv } from '../../shared/edi/messages/desadv-read';
import { launchChromium } from './support/browser';
import { ROOT } from './support/processes';
import { startStack, type Stack } from './support/stack';

/**
 * The customer side end to end on the real stack: a DELFOR call-off in
 * through the API, two containers packed and labelled on the line in real
 * Chromium, quality holds one, the dispatch screen refuses it and loads the
 * other, the truck is closed, and the server's DESADV in the outbox, read
 * back with our EDIFACT reader and the `edifact` package, names exactly the
 * container loaded, its part, quantity and batches.
 */
const { Reader } = createRequire(import.meta.url)('edifact') as { Reader: new () => { parse(text: string): unknown[] } };
const T = 20_000;
const GS = '\x1d';
const RS = '\x1e';
const EOT = '\x04';
const PART = '8W0-907-468-B';
const housing = (batch: string) => `]C101${DEMO_HOUSING_GTIN}10${batch}${GS}17301231`;
const screw = (batch: string) => `[)>${RS}06${GS}P100-0410${GS}1T${batch}${RS}${EOT}`;
const SIZES = [{ width: 1024, height: 768 }, { width: 1280, height: 800 }] as const;

describe('dispatch: call-off in, containers packed, truck loaded, DESADV out', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const api = async (method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown, type = 'application/json') => {
    const res = await fetch(`${stack.serverUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${stack.adminToken}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const tap = (testId: string) => page.getByTestId(testId).click({ timeout: T });
  const shown = (testId: string) => page.getByTestId(testId).waitFor({ timeout: T });
  const dismissOk = async () => {
    await page.locator('[data-testid="wf-verdict"][data-tone="ok"]').waitFor({ timeout: T });
    await page.evaluate(() => (document.querySelector('[data-testid="wf-verdict"]') as HTMLElement | null)?.click());
    await page.getByTestId('wf-verdict').waitFor({ state: 'detached', timeout: T });
  };
  const screenshot = async (state: string) => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const dir = join(ROOT, '.takt/screens', `${size.width}x${size.height}`);
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: join(dir, `${state}.png`) });
    }
    await page.setViewportSize(SIZES[0]);
  };
  const verdictAfter = async (raw: string, code: string) => {
    stack.scan(raw);
    await page.locator(`[data-testid="dispatch-verdict"][data-code="${code}"]`).waitFor({ timeout: T });
  };

  beforeAll(async () => {
    stack = await startStack('T-L1-01', 'L1', { printer: true, hostEnv: { TAKT_LANGUAGE: 'de' } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: SIZES[0] });
    await page.goto(stack.hostUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('loads only the good container and the DESADV names exactly it', async () => {
    const delfor = readFileSync(new URL('../fixtures/edi/delfor-d96a.edi', import.meta.url), 'utf8').replaceAll('A0004711', PART).replaceAll('AWS000001', DEMO_CUSTOMER_ID);
    expect(await api('POST', '/api/v1/edi/inbound', delfor, 'application/edifact')).toMatchObject({ status: 'applied' });

    // Pack two full containers of SG-100 (20 each) on the line; each closes and prints its label.
    await expect.poll(async () => {
      stack.scan(DEMO_BADGES.anna);
      return page.getByTestId('order-screen').waitFor({ timeout: 2_000 }).then(() => true, () => false);
    }, { timeout: T, interval: 50 }).toBe(true);
    await shown('dispatch-open');
    await screenshot('orders-with-dispatch');
    await tap(`open-${DEMO_ORDERS.L1[0]}`);
    await shown('order-detail');
    for (const raw of [housing('H-0001'), screw('S-77'), 'PCB7-A0815', 'SEAL-004711']) {
      stack.scan(raw);
      await dismissOk();
    }
    await tap('wf-start');
    await dismissOk();
    for (let i = 0; i < 2; i++) {
      await tap('wf-plus-n');
      for (const d of '20') await tap(`numpad-key-${d}`);
      await tap('numpad-submit');
      await dismissOk();
      await shown('wf-label-preview');
      await tap('wf-print');
      await page.getByTestId('wf-label-preview').waitFor({ state: 'detached', timeout: T });
    }

    // The plant's record has both closed containers once the terminal synced; quality holds the second.
    let containers: { containerId: string; openedAt: string; closedAt: string | null }[] = [];
    await expect.poll(async () => {
      containers = ((await api('GET', '/api/v1/trace/batch/M-HOUSING/H-0001')).containers as typeof containers).filter((c) => c.closedAt);
      return containers.length;
    }, { timeout: T }).toBe(2);
    const [good, held] = [...containers].sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1)).map((c) => c.containerId) as [string, string];
    const hold = await api('PUT', '/api/v1/master/container-hold/H-E2E', { containerId: held, reason: 'Sichtprüfung offen' });
    // The terminal has the hold once its pull checkpoint reached the hold's revision.
    await expect.poll(async () => {
      await tap('open-status');
      const checkpoint = Number(await page.getByTestId('st-checkpoint').textContent());
      await tap('status-close');
      return checkpoint >= Number(hold.rev);
    }, { timeout: T }).toBe(true);

    await tap('wf-back');
    await tap('dispatch-open');
    await shown('dispatch-screen');
    await screenshot('dispatch-customers');
    await tap(`dispatch-start-${DEMO_CUSTOMER_ID}`);
    await shown('dispatch-progress');
    await verdictAfter(held, 'container-on-hold');
    expect(await page.getByTestId('dispatch-verdict').getAttribute('role')).toBe('alert');
    await screenshot('dispatch-refused');
    await verdictAfter(good, 'container-loaded');
    expect(await page.getByTestId(`dispatch-part-${PART}`).getAttribute('data-loaded')).toBe('20');
    await screenshot('dispatch-loaded');
    await tap('dispatch-close');
    await page.locator('[data-testid="dispatch-verdict"][data-code="delivery-dispatched"]').waitFor({ timeout: T });

    // The server accepts the truck and writes its despatch advice to the outbox.
    const outbox = join(stack.serverEnv.TAKT_DATA_DIR!, 'edi', 'outbox');
    let file: string | undefined;
    await expect.poll(() => {
      try {
        file = readdirSync(outbox).find((n) => n.startsWith(`${DEMO_CUSTOMER_ID}-`) && n.endsWith('-DESADV-D96A.edi'));
      } catch {
        file = undefined;
      }
      return file !== undefined;
    }, { timeout: T }).toBe(true);
    const text = readFileSync(join(outbox, file!), 'utf8');
    expect(() => new Reader().parse(text)).not.toThrow();
    const read = parseDesadv(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const advice = read.value;
    expect(advice.deliveryNoteNumber).toMatch(/^\d{1,8}$/);
    expect(file).toBe(`${DEMO_CUSTOMER_ID}-${advice.deliveryNoteNumber}-DESADV-D96A.edi`);
    expect(advice).toMatchObject({ supplier: '47110815', customer: DEMO_CUSTOMER_ID, unloadingPoint: 'WE-03-L7' });
    expect(advice.packages).toHaveLength(1);
    // The package is named by the number its label prints, as the customer's goods receipt scans it.
    const { packageNumber } = await api('GET', `/api/v1/trace/container/${good}`);
    expect(advice.packages[0]).toMatchObject({ label: packageNumber, customerPartNumber: PART, quantity: 20 });
    expect(advice.packages[0]!.batches).toContain('H-0001');
    expect(JSON.stringify(advice)).not.toContain(held);

    const schedules = (await api('GET', `/api/v1/edi/schedules?customer=${DEMO_CUSTOMER_ID}`)).schedules as { customerPartNumber: string; shippedSince: number }[];
    expect(schedules.find((s) => s.customerPartNumber === PART)?.shippedSince).toBe(20);
    const note = await api('GET', `/api/v1/trace/delivery-note/${advice.deliveryNoteNumber}?customer=${DEMO_CUSTOMER_ID}`);
    expect(note.containerIds).toEqual([good]);
  });
});
