import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { PACKING } from '../server/support/genealogy-fixture';
import { seedCustomer } from '../server/support/edi-customer';
import { push } from '../server/support/test-server';
import { launchChromium } from './support/browser';
import { USERS, loginPage, startWebPlant, type WebPlant } from './support/web-plant';
import { auditWebPage } from './support/web-audit';

/**
 * Deliveries and EDI in real Chromium over real HTTP: a viewer sees the
 * call-off that was applied and the one that was rejected with where in the
 * file it broke, and a truck with what it held; the page passes the screen
 * audit at the office sizes in German and English.
 */
const T = 15_000;
const BROKEN = "UNA:+.? 'UNB+UNOC:3+X+Y+250303:0600+R1'UNH+1+DELFOR:D:96A:UN'BGM+241+S1+9'";

describe('web pages: deliveries and EDI (real Chromium, real HTTP)', () => {
  let plant: WebPlant;
  let browser: Browser;
  const failures: string[] = [];

  const audit = (page: Page, state: string) => auditWebPage(page, state, failures);

  beforeAll(async () => {
    plant = await startWebPlant();
    browser = await launchChromium();
    await seedCustomer(plant.database.db);
    const inbound = (body: string) =>
      fetch(`${plant.url}/api/v1/edi/inbound`, { method: 'POST', headers: { authorization: `Bearer ${plant.adminToken}`, 'content-type': 'application/edifact' }, body });
    expect((await inbound(readFileSync(new URL('../fixtures/edi/delfor-d96a.edi', import.meta.url), 'utf8'))).status).toBe(200);
    expect((await inbound(BROKEN)).status).toBe(422);
    const items = [
      { containerId: 'C-E1', sscc: '340123450000000017', materialId: 'M-HSG', customerPartNumber: 'A0004711', quantity: 1200, batches: [{ materialId: 'M-RAW', batch: 'B-7' }] },
      { containerId: 'C-E2', materialId: 'M-HSG', customerPartNumber: 'A0004711', quantity: 300, batches: [{ materialId: 'M-RAW', batch: 'B-7' }] },
    ];
    const last = await plant.database.db.selectFrom('events').select((eb) => eb.fn.max('seq').as('seq')).where('terminal_id', '=', PACKING).executeTakeFirst();
    const seq = Number(last?.seq ?? 0) + 1;
    const res = await push(plant.app, plant.terminalTokens[PACKING] ?? '', PACKING, [
      {
        id: newId(),
        terminalId: PACKING,
        seq,
        type: 'ShipmentDispatched',
        occurredAt: new Date().toISOString(),
        operatorId: 'OP-1',
        payload: { shipmentId: 'SH-EDI', containerIds: ['C-E1', 'C-E2'], customerId: 'AWS000001', deliveryNoteNumber: '880001', masterSscc: '340123450000000093', items },
        schemaVersion: 1,
      },
    ]);
    expect(res.statusCode).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await plant?.close();
  });

  it('shows the applied and the rejected call-off, and where the broken one broke', async () => {
    const page = await loginPage(browser, plant, USERS.viewer);
    await page.getByTestId('nav-edi').click();
    await page.getByTestId('edi-message-row').first().waitFor({ timeout: T });
    expect(await page.getByTestId('edi-counts').innerText()).toBe('2 Nachrichten · 1 abgewiesen');
    const rejected = page.locator('[data-testid="edi-message-row"][data-status="rejected"]');
    expect(await rejected.innerText()).toContain('abgewiesen');
    await audit(page, 'edi-messages');
    await rejected.getByTestId('edi-message-open').click();
    const detail = page.getByTestId('edi-message-detail');
    await detail.getByTestId('edi-problem').first().waitFor({ timeout: T });
    expect(await detail.innerText()).toMatch(/Segment \d+/);
    await audit(page, 'edi-message-rejected');
    await page.getByTestId('edi-direction').selectOption('out');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="edi-message-row"][data-status="rejected"]').length === 0, null, { timeout: T });
    await page.context().close();
  });

  it('shows each truck with what it held, and the containers of the chosen one', async () => {
    const page = await loginPage(browser, plant, USERS.viewer);
    await page.getByTestId('nav-edi').click();
    await page.getByTestId('edi-view-deliveries').click();
    const row = page.locator('[data-testid="edi-shipment-row"][data-shipment="SH-EDI"]');
    await row.waitFor({ timeout: T });
    expect(await row.innerText()).toContain('2 Behälter · 1.500 Teile');
    expect(await row.innerText()).toContain('880001');
    await row.getByTestId('edi-shipment-open').click();
    const containers = page.getByTestId('edi-shipment-containers');
    await containers.waitFor({ timeout: T });
    expect(await containers.innerText()).toMatch(/340123450000000017 · A0004711 · 1\.200 Teile · Chargen: B-7/);
    expect(await page.getByTestId('edi-shipment-master').innerText()).toBe('Ladungsetikett (SSCC): 340123450000000093');
    await audit(page, 'edi-deliveries');
    await page.getByTestId('language').click();
    await page.getByText('Deliveries and EDI').waitFor({ timeout: T });
    expect(await row.innerText()).toContain('2 containers · 1,500 parts');
    await audit(page, 'edi-deliveries-en');
    await page.context().close();
    expect(failures).toEqual([]);
  });
});
