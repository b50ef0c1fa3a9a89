import { expect } from 'vitest';
import { DEMO_BADGES, DEMO_PIN } from '../../../server/demo/demo-data';
import { unreachable } from './in-view';
import { BLOCKED, CAPACITY, FIRST, ORDER, PCB, SEAL, SECOND, T, housing, journal, part, screw, type ShiftDriver } from './shift-rig';

/**
 * The production half of the whole shift, one function per step, each as an
 * operator does it at the terminal: badge login, materials (an expired and a
 * blocked batch refused), start, good parts counted and by serial, a full
 * container and its label, scrap without and with the shift lead, a batch
 * change, pause/resume, handover, a partial container, completion.
 */

export async function logInAndOpenOrder(d: ShiftDriver): Promise<void> {
  const { page, stack } = d;
  await page.getByTestId('login-screen').waitFor({ timeout: T });
  await d.settled('on the login screen');
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
  expect(await d.text('operator-name')).toContain('Anna Becker');
  await d.settled('on the order list');
  await d.tap(`open-${ORDER}`);
  await page.getByTestId('order-detail').waitFor({ timeout: T });
  expect(await d.status()).toBe('released');
  await d.settled('on the order');
}

export async function loadMaterials(d: ShiftDriver): Promise<void> {
  const { page } = d;
  await d.scanFor(housing('H-OLD', '240101'), 'nok', 'Batch H-OLD expired on Jan 1, 2024.');
  await d.scanFor(housing(BLOCKED), 'nok', `Batch ${BLOCKED} is blocked: Quality hold`);
  expect(await page.getByTestId('bom-GH-200').getAttribute('data-missing')).toBe('true');
  expect((await journal(page)).map((e) => e.type)).toEqual(['OperatorLoggedIn']);

  await d.scanFor(housing(FIRST), 'ok', `Batch ${FIRST} of GH-200 loaded`);
  await d.scanFor(screw('S-77'), 'ok', 'Batch S-77 of 100-0410 loaded');
  await d.scanFor(PCB, 'ok', `Batch ${PCB} of PCB-7 loaded`);
  await d.scanFor(SEAL, 'ok', `Batch ${SEAL} of D-32 loaded`);
  expect(await d.text('batch-GH-200')).toContain(FIRST);
  const loaded = (await journal(page)).filter((e) => e.type === 'MaterialLoaded').map((e) => e.payload['batch']);
  expect(loaded).toEqual([FIRST, 'S-77', PCB, SEAL]);
}

export async function startAndBookGood(d: ShiftDriver): Promise<void> {
  const { stack } = d;
  await d.tapFor('wf-start', 'ok', `Order ${ORDER} started`);
  expect(await d.status()).toBe('started');
  await d.tapFor('wf-plus-one', 'ok', '1 good part booked');
  await d.scanFor(part('SN-0001'), 'ok', 'Part SN-0001 booked');
  await d.scanFor(part('SN-0002'), 'ok', 'Part SN-0002 booked');
  await d.scanFor(part('SN-0002'), 'nok', 'Part SN-0002 was already booked.');
  // The rest of the first container, counted on the pad: it is full, closes and its label is previewed.
  await d.tap('wf-plus-n');
  await d.pad('numpad', String(CAPACITY - 3));
  await d.tapFor('numpad-submit', 'ok', `${CAPACITY - 3} good parts booked`);
  expect(await d.text('wf-good')).toBe('20 / 50');
  await d.printLabel(CAPACITY);
  await expect.poll(() => stack.printer?.labels.length, { timeout: T }).toBe(1);
}

export async function bookScrap(d: ShiftDriver): Promise<void> {
  const { page, stack } = d;
  await d.tap('wf-scrap-open');
  await d.tap('scrap-reason-PRC-ASM');
  await d.tap('scrap-pad-backspace');
  await d.pad('scrap-pad', '2');
  await d.tapFor('scrap-pad-submit', 'ok', '2 parts scrapped');
  await d.tap('scrap-close');
  expect(await d.text('wf-scrap')).toBe('2');

  // A batch change between the two: parts from now on take the second housing batch.
  await d.scanFor(housing(SECOND), 'ok', `Batch change: ${SECOND} replaces ${FIRST} (GH-200)`);
  await d.scanFor(part('SN-0003'), 'ok', 'Part SN-0003 booked');

  await d.tap('wf-scrap-open');
  await d.tap('scrap-reason-TST-ELEC');
  await d.tap('scrap-pad-backspace');
  await d.pad('scrap-pad', '12');
  // 12 is above the line's threshold: a request for the shift lead's confirmation, nothing booked yet;
  // the shift lead's badge is scanned while the request is up.
  await d.tap('scrap-pad-submit');
  await page.locator('[data-testid="approval-layer"][data-step="awaiting-badge"]').waitFor({ timeout: T });
  expect(await d.text('approval-what')).toBe('Scrap 12 parts · Reason: Electrical test failed');
  expect(await page.locator('[data-testid="wf-verdict"][data-tone="nok"]').count()).toBe(0);
  await d.settled('while the approval waits for a badge');
  expect(await unreachable(page, ['approval-what', 'approval-cancel'])).toEqual([]);
  stack.scan(DEMO_BADGES.shiftLead);
  await page.locator('[data-testid="approval-layer"][data-step="awaiting-pin"]').waitFor({ timeout: T });
  await d.settled('while the approval waits for the PIN');
  expect(await unreachable(page, ['approval-what', 'approval-cancel'])).toEqual([]);
  await d.pad('approval', DEMO_PIN);
  await d.tapFor('approval-submit', 'ok', '12 parts scrapped');
  await page.getByTestId('approval-layer').waitFor({ state: 'detached', timeout: T });
  await d.tap('scrap-close');
  expect(await d.text('wf-scrap')).toBe('14');
}

export async function pauseHandOverAndComplete(d: ShiftDriver): Promise<void> {
  const { page, stack } = d;
  await d.tap('wf-pause');
  await d.tapFor('pause-reason-break', 'ok', 'Order paused');
  expect(await d.status()).toBe('paused');
  await d.tapFor('wf-resume', 'ok', 'Order resumed');
  expect(await d.status()).toBe('started');

  await d.tap('wf-handover');
  await page.getByTestId('wf-handover-panel').waitFor({ timeout: T });
  await d.settled('with the handover panel up');
  // The handover re-logs the terminal in, which may replace its short OK verdict: judge by the screen.
  stack.scan(DEMO_BADGES.jonas);
  await expect.poll(() => d.text('wf-operator'), { timeout: T }).toBe('Jonas Weber');
  await page.getByTestId('wf-handover-panel').waitFor({ state: 'detached', timeout: T });
  await page.evaluate(() => (document.querySelector('[data-testid="wf-verdict"][data-tone="ok"]') as HTMLElement | null)?.click());
  expect(await d.status()).toBe('started');
  await d.settled('after the handover');

  await d.tap('wf-plus-n');
  await d.pad('numpad', '4');
  await d.tapFor('numpad-submit', 'ok', '4 good parts booked');
  expect(await d.text('wf-open-container')).toBe(`Open container: 5 / ${CAPACITY}`);
  await d.tapFor('wf-close-container', 'ok', 'Container closed');
  await d.printLabel(5);
  await expect.poll(() => stack.printer?.labels.length, { timeout: T }).toBe(2);

  await d.tap('wf-complete');
  await d.pad('numpad', '25');
  await d.tapFor('numpad-submit', 'ok', `Order ${ORDER} completed with 25 good parts`);
  expect(await d.status()).toBe('completed');
  await d.settled('with the order completed');
}
