import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_BADGES } from '../../../server/demo/demo-data';
import type { Stack } from './stack';

/** The host's environment for a terminal whose machine publishes plain JSON on `<topic>/counter` and `<topic>/state` at the real Mosquitto. */
export function machineHostEnv(topic: string, gapSeconds: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    TAKT_LANGUAGE: 'en',
    TAKT_MQTT_URL: 'mqtt://127.0.0.1:1883',
    TAKT_MQTT_COUNTER_TOPIC: `${topic}/counter`,
    TAKT_MQTT_STATE_TOPIC: `${topic}/state`,
    TAKT_MACHINE_ID: 'PRESS-1',
    TAKT_MACHINE_BATCH_SECONDS: '1',
    TAKT_MACHINE_GAP_SECONDS: String(gapSeconds),
    ...extra,
  };
}

/** What the operator does on a machine terminal's page, with the timeout `ms` for each step. */
export function operatorOn(page: Page, stack: Stack, ms: number) {
  const tap = (testId: string) => page.getByTestId(testId).click({ timeout: ms });
  const okShown = async () => {
    await page.locator('[data-testid="wf-verdict"][data-tone="ok"]').waitFor({ timeout: ms });
    await page.evaluate(() => (document.querySelector('[data-testid="wf-verdict"]') as HTMLElement | null)?.click());
  };
  /** Logs in with Anna's badge (the operators come with the first pull: scan until the order list opens), starts the order, waits for the shift panel. */
  const startOrder = async (orderNumber: string) => {
    await page.getByTestId('login-screen').waitFor({ timeout: ms });
    await expect
      .poll(async () => {
        stack.scan(DEMO_BADGES.anna);
        return page.getByTestId('order-screen').waitFor({ timeout: 2_000 }).then(() => true, () => false);
      }, { timeout: 30_000, interval: 100 })
      .toBe(true);
    await expect.poll(() => page.getByTestId(`open-${orderNumber}`).isVisible(), { timeout: 30_000 }).toBe(true);
    await tap(`open-${orderNumber}`);
    await tap('wf-start');
    await okShown();
    await page.getByTestId('dt-panel').waitFor({ timeout: ms });
  };
  return { tap, okShown, startOrder };
}
