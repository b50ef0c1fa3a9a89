import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recallCsv } from '../../web/trace/recall-csv';
import type { BatchTrace } from '../../web/trace/types';
import { launchChromium } from './support/browser';
import { HOUSING_LABEL, USERS, loginPage, startWebPlant, type WebPlant } from './support/web-plant';

const T = 15_000;

/** RFC 4180 lines without quoted commas (the fixture's ids have none), as [kind, id] pairs. */
function csvPairs(csv: string): string[] {
  return csv
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(',').slice(0, 2).join(':'));
}

describe('web pages: a recall from one scanned label, blocking by role, the audit log (real Chromium, real HTTP)', () => {
  let plant: WebPlant;
  let browser: Browser;
  const apiTrace = async (): Promise<BatchTrace> => {
    const res = await fetch(`${plant.url}/api/v1/trace/batch/M-HOUSING/H-200`, { headers: { authorization: `Bearer ${plant.adminToken}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as BatchTrace;
  };

  beforeAll(async () => {
    plant = await startWebPlant();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await plant?.close();
  });

  it('serves the pages with a strict CSP and no inline script', async () => {
    const res = await fetch(`${plant.url}/web/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect((await fetch(`${plant.url}/web/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('traces a scanned batch label to its orders (serials on demand), containers, shipments and customers, prints every serial, and exports exactly the API answer as CSV', async () => {
    const page = await loginPage(browser, plant, USERS.quality);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.getByTestId('trace-first').fill(HOUSING_LABEL);
    await page.getByTestId('trace-submit').click();
    await page.getByTestId('batch-result').waitFor({ timeout: T });

    const trace = await apiTrace();
    expect(trace.orders.map((o) => o.orderId)).toEqual(['ORD-1', 'ORD-2']);
    const orders = await page.getByTestId('tree-order').allTextContents();
    expect(orders.map((o) => o.split(' ')[0])).toEqual(trace.orders.map((o) => o.orderId));
    // Orders with counts first; an order's serials only once it is opened, and then exactly its own.
    const serialsOf = (orderId: string) => trace.serials.filter((s) => s.orderId === orderId).map((s) => s.serial);
    expect(await page.getByTestId('order-serial-count').allTextContents()).toEqual(
      trace.orders.map((o) => `${serialsOf(o.orderId).length} ${serialsOf(o.orderId).length === 1 ? 'Seriennummer' : 'Seriennummern'}`),
    );
    expect(await page.getByTestId('order-serial').count()).toBe(0);
    const first = trace.orders[0]!.orderId;
    expect(serialsOf(first).length).toBeGreaterThan(0);
    await page.getByTestId('order-toggle').first().click();
    expect(await page.getByTestId('order-serial').allTextContents()).toEqual(serialsOf(first));
    // The printed report opens every order: at print() the page holds every serial of the trace.
    await page.evaluate(() => {
      const w = window as unknown as { printedSerials?: string[] };
      window.print = () => {
        w.printedSerials = [...document.querySelectorAll('[data-testid="order-serial"]')].map((li) => li.textContent ?? '');
        window.dispatchEvent(new Event('afterprint'));
      };
    });
    await page.getByTestId('print').click();
    expect(await page.evaluate(() => (window as unknown as { printedSerials?: string[] }).printedSerials)).toEqual(
      trace.orders.flatMap((o) => serialsOf(o.orderId)),
    );
    expect(await page.getByTestId('order-serial').allTextContents()).toEqual(serialsOf(first));
    const containers = await page.getByTestId('tree-container').allTextContents();
    expect(containers.map((c) => c.split(' ')[0])).toEqual(trace.containers.map((c) => c.containerId));
    const shipments = await page.getByTestId('tree-shipment').allTextContents();
    expect(shipments.map((s) => s.split(' ')[0])).toEqual(trace.shipments.map((s) => s.shipmentId));
    expect(trace.shipments.map((s) => s.deliveryNote)).toEqual(['4711001', '4711002']);
    for (const [i, s] of trace.shipments.entries()) expect(shipments[i]).toContain(`Lieferschein ${s.deliveryNote}`);
    expect(await page.getByTestId('tree-customers').textContent()).toBe('Autowerk Süd');
    expect(await page.getByTestId('batch-counts').textContent()).toContain(
      `${trace.orders.length} Aufträge · ${trace.serials.length} Seriennummer · ${trace.containers.length} Behälter · ${trace.shipments.length} Lieferungen · 1 Kunde`,
    );

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: T }), page.getByTestId('export-csv').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toBe('recall-M-HOUSING-H-200.csv');
    expect(csv).toBe(recallCsv(trace));
    expect(csvPairs(csv)).toEqual([
      ...trace.orders.map((o) => `order:${o.orderId}`),
      ...trace.serials.map((s) => `serial:${s.serial}`),
      ...trace.containers.map((c) => `container:${c.containerId}`),
      ...trace.shipments.map((s) => `shipment:${s.shipmentId}`),
    ]);
    const noteColumn = csv.split('\r\n')[0]?.split(',').indexOf('delivery_note') ?? -1;
    const notes = csv.trim().split('\r\n').slice(1).filter((l) => l.startsWith('shipment,')).map((l) => l.split(',')[noteColumn]);
    expect(notes).toEqual(trace.shipments.map((s) => s.deliveryNote));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lets quality block the batch with a reason; the terminals get the same master row an import writes', async () => {
    const page = await loginPage(browser, plant, USERS.quality);
    await page.getByTestId('trace-mode').selectOption('batch');
    await page.getByTestId('trace-first').fill('M-HOUSING');
    await page.getByTestId('trace-second').fill('H-200');
    await page.getByTestId('trace-submit').click();
    await page.getByTestId('block-reason').fill('Risse im Gehäuse (8D-4711)');
    await page.getByTestId('block-batch').click();
    await page.getByTestId('batch-blocked').waitFor({ timeout: T });
    expect(await page.getByTestId('batch-blocked').textContent()).toContain('Gesperrt: Risse im Gehäuse (8D-4711)');
    expect((await apiTrace()).blocked).toBe('Risse im Gehäuse (8D-4711)');
    const row = await plant.database.db.selectFrom('master_data').select(['kind', 'id', 'data']).where('kind', '=', 'blocked-batch').executeTakeFirstOrThrow();
    expect(JSON.parse(row.data ?? '{}')).toEqual({ id: 'BB-M-HOUSING-H-200', materialId: 'M-HOUSING', batch: 'H-200', reason: 'Risse im Gehäuse (8D-4711)' });
    await page.context().close();
  });

  it('shows a viewer no block control, and the API refuses their block (403) even with the right CSRF token', async () => {
    const page = await loginPage(browser, plant, USERS.viewer);
    await page.getByTestId('trace-first').fill(HOUSING_LABEL);
    await page.getByTestId('trace-submit').click();
    await page.getByTestId('batch-result').waitFor({ timeout: T });
    expect(await page.getByTestId('block-panel').count()).toBe(0);
    expect(await page.getByTestId('nav-audit').count()).toBe(0);
    const answer = await page.evaluate(async () => {
      const session = (await (await fetch('/api/v1/web/session')).json()) as { csrfToken: string };
      const res = await fetch('/api/v1/batches/release', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ materialId: 'M-HOUSING', batch: 'H-200', reason: 'I would like to' }),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    });
    expect(answer).toEqual({ status: 403, body: { error: { code: 'forbidden', message: 'role viewer may not batch.block' } } });
    expect((await apiTrace()).blocked).toBe('Risse im Gehäuse (8D-4711)');
    await page.context().close();
  });

  it('names in the audit log who blocked the batch and why, and who was refused', async () => {
    const page = await loginPage(browser, plant, USERS['plant-it']);
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-row').first().waitFor({ timeout: T });
    const rows = (await page.getByTestId('audit-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(rows.some((r) => /mueller Charge gesperrt M-HOUSING \/ H-200 ausgeführt Risse im Gehäuse \(8D-4711\)$/.test(r))).toBe(true);
    expect(rows.some((r) => /gast Charge freigegeben .* abgelehnt \(403\)/.test(r))).toBe(true);
    expect(rows.some((r) => /weber Anmeldung weber ausgeführt/.test(r))).toBe(true);
    await page.context().close();
  });
});
