import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_ID } from '../../server/demo/demo-data';
import { parseDesadv } from '../../shared/edi/messages/desadv-read';
import { launchChromium } from './support/browser';
import { startChaosProxy, type ChaosProxy } from './support/chaos-proxy';
import { adminApi, closedContainers, delforCallOff, logIn, packTwoContainers, pageActions, PART, pulledUpTo, T } from './support/dispatch-rig';
import { putMaster } from './support/master-rows';
import { startSecondTerminal, type SecondTerminal } from './support/second-terminal';
import { startStack, type Stack } from './support/stack';

/**
 * A shipping terminal loads what another terminal packed, offline: the line
 * terminal packs and closes two containers, the second terminal (registered
 * as one that ships) pulls them from the server, its network is cut, and
 * it still loads the good container, refuses the held one and one it has
 * never heard of; once the network is back, the DESADV names the container
 * it loaded and nothing else.
 */
describe('shipping terminal: containers packed elsewhere, loaded offline', () => {
  let stack: Stack;
  let proxy: ChaosProxy;
  let dock: SecondTerminal;
  let browser: Browser;
  let line: Page;
  let dockPage: Page;
  const api = adminApi(() => stack);
  const verdictAfter = async (raw: string, code: string) => {
    dock.scan(raw);
    await dockPage.locator(`[data-testid="dispatch-verdict"][data-code="${code}"]`).waitFor({ timeout: T });
  };

  beforeAll(async () => {
    stack = await startStack('T-L1-01', 'L1', { printer: true });
    proxy = await startChaosProxy({ upstreamPort: Number(new URL(stack.serverUrl).port), dropShare: 0, cutShare: 0 });
    dock = await startSecondTerminal(stack, { terminalId: 'T-L1-DOCK', lineId: 'L1', serverUrl: proxy.url });
    await putMaster(stack, [['terminal', { id: 'T-L1-DOCK', lineId: 'L1', name: 'Versand Tor 3', ships: true }]]);
    browser = await launchChromium();
    line = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    dockPage = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await line.goto(stack.hostUrl);
    await dockPage.goto(dock.hostUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await dock?.stop();
    await proxy?.close();
    await stack?.stop();
  });

  it('loads the known container offline, refuses the held and the unknown one, and the DESADV names it', async () => {
    expect(await api('POST', '/api/v1/edi/inbound', delforCallOff(), 'application/edifact')).toMatchObject({ status: 'applied' });
    await logIn(line, (raw) => stack.scan(raw));
    await packTwoContainers(line, (raw) => stack.scan(raw));
    const [good, held] = await closedContainers(api);
    const hold = await api('PUT', '/api/v1/master/container-hold/H-DOCK', { containerId: held, reason: 'Sichtprüfung offen' });
    const { packageNumber } = (await api('GET', `/api/v1/trace/container/${good}`)) as { packageNumber: string };

    // The dock terminal pulled the containers (written as they closed) and the hold after them.
    await logIn(dockPage, (raw) => dock.scan(raw));
    await pulledUpTo(dockPage, Number(hold.rev));

    proxy.setCut(true);
    const { tap, shown } = pageActions(dockPage);
    await tap('dispatch-open');
    await shown('dispatch-screen');
    await tap(`dispatch-start-${DEMO_CUSTOMER_ID}`);
    await shown('dispatch-progress');
    await verdictAfter(held, 'container-on-hold');
    await verdictAfter('C-NOT-SYNCED-0815', 'container-unknown');
    expect(await dockPage.getByTestId('dispatch-verdict').textContent()).toContain('not known at this terminal yet');
    // Scanned as its label prints it: the package number.
    await verdictAfter(packageNumber, 'container-loaded');
    expect(await dockPage.getByTestId(`dispatch-part-${PART}`).getAttribute('data-loaded')).toBe('20');
    await tap('dispatch-close');
    await dockPage.locator('[data-testid="dispatch-verdict"][data-code="delivery-dispatched"]').waitFor({ timeout: T });
    expect((await stack.serverEvents('T-L1-DOCK')).map((e) => e.type)).not.toContain('ShipmentDispatched');

    proxy.setCut(false);
    const outbox = join(stack.serverEnv.TAKT_DATA_DIR!, 'edi', 'outbox');
    let file: string | undefined;
    await expect.poll(() => {
      try {
        file = readdirSync(outbox).find((n) => n.startsWith(`${DEMO_CUSTOMER_ID}-`) && n.endsWith('-DESADV-D96A.edi'));
      } catch {
        file = undefined;
      }
      return file !== undefined;
    }, { timeout: 60_000 }).toBe(true);
    const read = parseDesadv(readFileSync(join(outbox, file!), 'utf8'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.packages).toHaveLength(1);
    expect(read.value.packages[0]).toMatchObject({ label: packageNumber, customerPartNumber: PART, quantity: 20 });
    expect(read.value.packages[0]!.batches).toContain('H-0001');
    expect(JSON.stringify(read.value)).not.toContain(held);
  });
});
