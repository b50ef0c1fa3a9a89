import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_BADGES, DEMO_CUSTOMER_ID, DEMO_HOUSING_GTIN, DEMO_ORDERS } from '../../../server/demo/demo-data';

/**
 * The customer side's set-up the dispatch end-to-end tests share: the
 * DELFOR call-off, the admin API, an operator logged in on the line
 * terminal, the order's batches loaded, and two full containers of SG-100
 * packed and labelled there in real Chromium.
 */
export const T = 20_000;
export const PART = '8W0-907-468-B';
export const GS = '\x1d';
export const RS = '\x1e';
export const EOT = '\x04';
const housing = (batch: string) => `]C101${DEMO_HOUSING_GTIN}10${batch}${GS}17301231`;
const screw = (batch: string) => `[)>${RS}06${GS}P100-0410${GS}1T${batch}${RS}${EOT}`;

export type Api = (method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown, type?: string) => Promise<Record<string, unknown>>;

/** The server's API with the stack's admin token; every answer must be 200 (the body says why not). */
export function adminApi(stack: () => { serverUrl: string; adminToken: string }): Api {
  return async (method, path, body, type = 'application/json') => {
    const res = await fetch(`${stack().serverUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${stack().adminToken}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };
}

/** The DELFOR fixture as the demo customer's call-off for `part`. */
export const delforCallOff = (part = PART) => readFileSync(new URL('../../fixtures/edi/delfor-d96a.edi', import.meta.url), 'utf8').replaceAll('A0004711', part).replaceAll('AWS000001', DEMO_CUSTOMER_ID);

export function pageActions(page: Page) {
  return {
    tap: (testId: string) => page.getByTestId(testId).click({ timeout: T }),
    shown: (testId: string) => page.getByTestId(testId).waitFor({ timeout: T }),
    async dismissOk() {
      await page.locator('[data-testid="wf-verdict"][data-tone="ok"]').waitFor({ timeout: T });
      await page.evaluate(() => (document.querySelector('[data-testid="wf-verdict"]') as HTMLElement | null)?.click());
      await page.getByTestId('wf-verdict').waitFor({ state: 'detached', timeout: T });
    },
  };
}

/** Scans Anna's badge until the order screen shows (the host may still be opening the scanner). */
export async function logIn(page: Page, scan: (raw: string) => void): Promise<void> {
  await expect.poll(async () => {
    scan(DEMO_BADGES.anna);
    return page.getByTestId('order-screen').waitFor({ timeout: 2_000 }).then(() => true, () => false);
  }, { timeout: T, interval: 50 }).toBe(true);
}

/** Opens the line's first order and loads its four materials, the housing and screws from the batches given. */
export async function loadOrder(page: Page, scan: (raw: string) => void, batches: { housing: string; screw: string }): Promise<void> {
  const { tap, shown, dismissOk } = pageActions(page);
  await tap(`open-${DEMO_ORDERS.L1[0]}`);
  await shown('order-detail');
  for (const raw of [housing(batches.housing), screw(batches.screw), 'PCB7-A0815', 'SEAL-004711']) {
    scan(raw);
    await dismissOk();
  }
}

/** Two full containers (20 each) of the line's first order; each closes and prints its label. */
export async function packTwoContainers(page: Page, scan: (raw: string) => void): Promise<void> {
  const { tap, shown, dismissOk } = pageActions(page);
  await loadOrder(page, scan, { housing: 'H-0001', screw: 'S-77' });
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
}

/** The two closed containers once the line terminal synced them, oldest first. */
export async function closedContainers(api: Api): Promise<[string, string]> {
  let containers: { containerId: string; openedAt: string; closedAt: string | null }[] = [];
  await expect.poll(async () => {
    containers = ((await api('GET', '/api/v1/trace/batch/M-HOUSING/H-0001')).containers as typeof containers).filter((c) => c.closedAt);
    return containers.length;
  }, { timeout: T }).toBe(2);
  return [...containers].sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1)).map((c) => c.containerId) as [string, string];
}

/** Waits until the terminal on `page` has pulled up to revision `rev` (its status screen's checkpoint). */
export async function pulledUpTo(page: Page, rev: number): Promise<void> {
  const { tap } = pageActions(page);
  await expect.poll(async () => {
    await tap('open-status');
    const checkpoint = Number(await page.getByTestId('st-checkpoint').textContent());
    await tap('status-close');
    return checkpoint >= rev;
  }, { timeout: T }).toBe(true);
}
