import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTerminal } from '../../server/credentials-store';
import { launchChromium } from './support/browser';
import { USERS, loginPage, startWebPlant, type WebPlant } from './support/web-plant';

const T = 15_000;

describe('web pages: the terminals at a glance and quality flags acknowledged (real Chromium, real HTTP)', () => {
  let plant: WebPlant;
  let browser: Browser;

  beforeAll(async () => {
    plant = await startWebPlant();
    browser = await launchChromium();
    // T-A calls in now with its version; T-OLD last called 25 minutes ago; T-NEW never has.
    const pull = await fetch(`${plant.url}/api/v1/sync/pull`, { headers: { authorization: `Bearer ${plant.terminalTokens['T-A']}`, 'x-takt-version': '0.1.0' } });
    expect(pull.status).toBe(200);
    const wrong = await fetch(`${plant.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${plant.terminalTokens['T-P']}`, 'content-type': 'application/json' },
      body: JSON.stringify({ terminalId: 'T-A', events: [] }),
    });
    expect(wrong.status).toBe(403);
    await registerTerminal(plant.database.db, { id: 'T-OLD', lineId: 'L1' });
    await registerTerminal(plant.database.db, { id: 'T-NEW', lineId: 'L2' });
    const longAgo = new Date(Date.now() - 25 * 60_000).toISOString();
    await plant.database.db.insertInto('terminal_contacts').values({ terminal_id: 'T-OLD', last_contact_at: longAgo, last_route: 'GET /api/v1/sync/notify', app_version: '0.0.9', last_error_at: null, last_error: null }).execute();
  });
  afterAll(async () => {
    await browser?.close();
    await plant?.close();
  });

  it('shows every terminal with last contact, version and last refusal; silent ones stand out', async () => {
    const page = await loginPage(browser, plant, USERS['shift-lead']);
    await page.getByTestId('nav-terminals').click();
    await page.getByTestId('fleet-row').first().waitFor({ timeout: T });
    const rows = page.getByTestId('fleet-row');
    const byId = async (id: string) => page.locator(`[data-testid="fleet-row"][data-terminal="${id}"]`);
    expect(await rows.count()).toBe(4);
    expect(await (await byId('T-OLD')).getAttribute('data-silent')).toBe('true');
    expect(await (await byId('T-NEW')).getAttribute('data-silent')).toBe('true');
    expect(await (await byId('T-A')).getAttribute('data-silent')).toBe('false');
    expect(await (await byId('T-OLD')).innerText()).toMatch(/vor 2[56] Minuten.*ohne Kontakt/s);
    expect(await (await byId('T-NEW')).innerText()).toContain('noch nie');
    expect(await (await byId('T-A')).innerText()).toContain('0.1.0');
    expect(await (await byId('T-P')).innerText()).toContain('403: terminal T-P may not push events of terminal T-A');
    // Standing out means more than a word: the row's background is the alarm red.
    const background = await (await byId('T-OLD')).locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor);
    expect(background).toBe('rgb(90, 16, 16)');
    expect(await page.getByTestId('fleet-summary').innerText()).toContain('4 Terminals · 2 ohne Kontakt seit über 10 Minuten');
    await page.context().close();
  });

  it('lets a shift lead acknowledge a quality flag once; the flag keeps who saw it and the audit log names them', async () => {
    const api = await fetch(`${plant.url}/api/v1/quality/flags`, { headers: { authorization: `Bearer ${plant.adminToken}` } });
    const flags = ((await api.json()) as { flags: { eventId: string; kind: string }[] }).flags;
    expect(flags.length).toBeGreaterThan(0);
    const page = await loginPage(browser, plant, USERS['shift-lead']);
    await page.getByTestId('nav-flags').click();
    await page.getByTestId('flag-row').first().waitFor({ timeout: T });
    expect(await page.getByTestId('flag-row').count()).toBe(flags.length);
    await page.getByTestId('flag-ack').first().click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="flag-row"]').length === n, flags.length - 1, { timeout: T });
    await page.getByTestId('flags-filter').selectOption('all');
    await page.getByText(/gesehen von schmidt/).waitFor({ timeout: T });

    const after = (await (await fetch(`${plant.url}/api/v1/quality/flags`, { headers: { authorization: `Bearer ${plant.adminToken}` } })).json()) as {
      flags: { eventId: string; kind: string; acknowledged: { by: string } | null }[];
    };
    const acked = after.flags.filter((f) => f.acknowledged);
    expect(acked.map((f) => f.acknowledged?.by)).toEqual(['schmidt']);
    const again = await page.evaluate(async (flag) => {
      const session = (await (await fetch('/api/v1/web/session')).json()) as { csrfToken: string };
      const res = await fetch('/api/v1/quality/flags/acknowledge', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify(flag) });
      return res.status;
    }, { eventId: acked[0]?.eventId, kind: acked[0]?.kind });
    expect(again).toBe(409);
    await page.context().close();

    const audit = (await (await fetch(`${plant.url}/api/v1/audit`, { headers: { authorization: `Bearer ${plant.adminToken}` } })).json()) as { entries: { actor: string; action: string; status: number }[] };
    expect(audit.entries.filter((e) => e.action === 'flag.acknowledge').map((e) => `${e.actor} ${e.status}`)).toEqual(['schmidt 409', 'schmidt 200']);
  });
});
