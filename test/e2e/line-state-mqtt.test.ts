import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { breakFreeShiftModel, putMaster } from './support/master-rows';
import { machineHostEnv, operatorOn } from './support/machine-terminal';
import { startStack, type Stack } from './support/stack';

/**
 * The other way round from machine-oee: the terminal in Chromium tells the
 * plant its line's state. A machine (signals published straight to the real
 * Mosquitto) makes 20 parts for the started order and stops; the operator
 * gives the stop its reason; a plant system subscribing to the line's ISA-95
 * topics then finds the order, the machine's count and the reason retained.
 */

const ORDER = 'O-LINESTATE';
const PARTS = 20;

describe('the terminal publishes its line state to the broker, retained', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const topic = `takt-e2e/${process.pid}-${Date.now()}-ls`;
  const line = `L1-${process.pid}-${Date.now()}`;
  const prefix = `acme/plant1/assembly/${line}`;
  const T = 20_000;
  const now = Date.now();

  beforeAll(async () => {
    stack = await startStack('T-MACH-01', 'L1', {
      hostEnv: machineHostEnv(topic, 3600, { TAKT_ISA_ENTERPRISE: 'acme', TAKT_ISA_SITE: 'plant1', TAKT_ISA_AREA: 'assembly', TAKT_ISA_LINE: line }),
    });
    // The shift model first: a terminal that has the order has pulled it too.
    await putMaster(stack, [
      breakFreeShiftModel('L1', now),
      ['order', { id: ORDER, number: 'FA-4711', lineId: 'L1', materialId: 'M-SIM', quantity: 500, dueDate: new Date(now).toISOString().slice(0, 10), status: 'released' }],
    ]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(stack.hostUrl);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const operator = () => operatorOn(page, stack, T);
  const tap = (testId: string) => operator().tap(testId);
  const okShown = () => operator().okShown();

  it('shows the running order, the machine count and the classified stop under the line topics', async () => {
    await operator().startOrder('FA-4711');

    // Ten minutes ago the machine ran 20 cycles of 15 s; it has stood since five minutes ago.
    const machine = await mqtt.connectAsync('mqtt://127.0.0.1:1883');
    const ts = (msAgo: number) => new Date(now - msAgo).toISOString();
    await machine.publishAsync(`${topic}/state`, JSON.stringify({ state: 'running', ts: ts(600_000) }), { qos: 1 });
    for (let i = 0; i <= PARTS; i++) await machine.publishAsync(`${topic}/counter`, JSON.stringify({ counter: i, ts: ts(600_000 - i * 15_000) }), { qos: 1 });
    await machine.publishAsync(`${topic}/state`, JSON.stringify({ state: 'stopped', ts: ts(300_000) }), { qos: 1 });
    await machine.endAsync();

    await page.getByTestId('dt-reason-layer').waitFor({ timeout: 30_000 });
    await tap('dt-reason-TOOL');
    await okShown();

    // A plant system arriving now: the retained messages tell it the line's state at once.
    const plant = await mqtt.connectAsync('mqtt://127.0.0.1:1883');
    const seen = new Map<string, Record<string, unknown>>();
    plant.on('message', (t, payload) => seen.set(t.slice(prefix.length + 1), JSON.parse(payload.toString()) as Record<string, unknown>));
    await plant.subscribeAsync(`${prefix}/#`, { qos: 1 });
    try {
      await expect
        .poll(() => ({ order: seen.get('order')?.orderId, machine: seen.get('counts')?.machine, state: seen.get('machine')?.state, stop: seen.get('stop')?.reasonId }), { timeout: 30_000, interval: 250 })
        .toEqual({ order: ORDER, machine: PARTS, state: 'stopped', stop: 'DR-TOOL' });
      expect(seen.get('order')).toMatchObject({ orderNumber: 'FA-4711', materialId: 'M-SIM' });
      expect(seen.get('counts')).toMatchObject({ good: 0, scrap: 0 });
      expect(seen.get('stop')?.since).toBe(ts(300_000));
      expect(seen.get('oee')).toMatchObject({ shiftId: expect.any(String) });
    } finally {
      await plant.endAsync();
    }
  }, 180_000);
});
