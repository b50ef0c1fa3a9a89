import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_ID } from '../../server/demo/demo-data';
import { parseDesadv } from '../../shared/edi/messages/desadv-read';
import { launchChromium } from './support/browser';
import { closedContainers, delforCallOff, logIn, packTwoContainers, pageActions, PART, pulledUpTo, T } from './support/dispatch-rig';
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
  const tap = (testId: string) => pageActions(page).tap(testId);
  const shown = (testId: string) => pageActions(page).shown(testId);
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
    expect(await api('POST', '/api/v1/edi/inbound', delforCallOff(), 'application/edifact')).toMatchObject({ status: 'applied' });

    // Pack two full containers of SG-100 (20 each) on the line; each closes and prints its label.
    await logIn(page, (raw) => stack.scan(raw));
    await shown('dispatch-open');
    await screenshot('orders-with-dispatch');
    await packTwoContainers(page, (raw) => stack.scan(raw));

    // The plant's record has both closed containers once the terminal synced; quality holds the second.
    const [good, held] = await closedContainers(api);
    const hold = await api('PUT', '/api/v1/master/container-hold/H-E2E', { containerId: held, reason: 'Sichtprüfung offen' });
    // The terminal has the hold once its pull checkpoint reached the hold's revision.
    await pulledUpTo(page, Number(hold.rev));

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
