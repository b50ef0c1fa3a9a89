import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_BADGES } from '../../../server/demo/demo-data';
import { housing, PCB, screw, SEAL } from './shift-rig';
import type { Stack } from './stack';

/** Waits for a verdict on the terminal's page and clears it as the operator would (acknowledge a NOK, tap an OK away). */
export async function clearVerdict(terminal: Page, tone: 'ok' | 'nok', text: string, ms: number): Promise<void> {
  await terminal.locator(`[data-testid="wf-verdict"][data-tone="${tone}"]`).filter({ hasText: text }).waitFor({ timeout: ms });
  if (tone === 'nok') await terminal.getByTestId('wf-ack').click({ timeout: ms });
  else await terminal.evaluate(() => (document.querySelector('[data-testid="wf-verdict"]') as HTMLElement | null)?.click());
  await terminal.getByTestId('wf-verdict').waitFor({ state: 'detached', timeout: ms });
}

/**
 * Anna logs in on the demo line's terminal (scanning her badge until the order
 * list opens: the operators come with the first pull), opens the demo order,
 * loads its four batches (housing H-0001, screw S-77, PCB and seal) and starts it.
 */
export async function startDemoOrder(terminal: Page, stack: Stack, order: string, ms: number): Promise<void> {
  const verdict = (tone: 'ok' | 'nok', text: string) => clearVerdict(terminal, tone, text, ms);
  await terminal.getByTestId('login-screen').waitFor({ timeout: ms });
  await expect.poll(() => terminal.getByTestId('scanner-state').getAttribute('data-state'), { timeout: ms }).toBe('connected');
  await expect
    .poll(
      async () => {
        stack.scan(DEMO_BADGES.anna);
        return terminal.getByTestId('order-screen').waitFor({ timeout: 2_000 }).then(() => true, () => false);
      },
      { timeout: ms, interval: 50 },
    )
    .toBe(true);
  await terminal.getByTestId(`open-${order}`).click({ timeout: ms });
  await terminal.getByTestId('order-detail').waitFor({ timeout: ms });
  stack.scan(housing('H-0001'));
  await verdict('ok', 'Batch H-0001 of GH-200 loaded');
  stack.scan(screw('S-77'));
  await verdict('ok', 'Batch S-77 of 100-0410 loaded');
  stack.scan(PCB);
  await verdict('ok', `Batch ${PCB} of PCB-7 loaded`);
  stack.scan(SEAL);
  await verdict('ok', `Batch ${SEAL} of D-32 loaded`);
  await terminal.getByTestId('wf-start').click({ timeout: ms });
  // The start's OK verdict hides itself after a moment, which a loaded machine can miss: the order's state is what counts.
  await terminal.locator('[data-testid="order-detail"][data-status="started"]').waitFor({ timeout: ms });
  await terminal.evaluate(() => (document.querySelector('[data-testid="wf-verdict"]') as HTMLElement | null)?.click());
  await terminal.getByTestId('wf-verdict').waitFor({ state: 'detached', timeout: ms });
}
