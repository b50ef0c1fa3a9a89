import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldOee, oeeReport, type OeeReport } from '../../shared/oee';
import { startMachineIntake } from '../../renderer/machine/machine-intake-loop';
import { realTimers } from '../../renderer/bridge/types';
import { launchChromium } from './support/browser';
import { shootAndAudit } from './support/screenshots';
import { pairNodeBridge } from './support/node-bridge';
import { startNodeTerminal, type NodeTerminal } from './support/node-terminal';
import { takt } from './support/processes';
import { breakFreeShiftModel, putMaster } from './support/master-rows';
import { machineHostEnv, operatorOn } from './support/machine-terminal';
import { startStack, type Stack } from './support/stack';

/**
 * The machine's shift end to end: `takt machine-sim` publishes an hour of a
 * machine (30 s cycles, three 60 s micro-stops, a 10-minute stop, a 5-minute
 * fault E42, a 10-minute signal gap) to the real Mosquitto; the real host
 * process (browser transport) ingests it; a terminal (the renderer's Journal
 * and SyncEngine, in Node as in the chaos tests) takes the signals over the
 * bridge with the renderer's intake loop (the page goes away for a few
 * seconds mid-shift and the host hands over what it kept), the operator
 * classifies the long stop, the server is down for part of it; then the
 * server's OEE and the terminal's own fold must agree with the hand
 * computation from the simulator's ground truth to 0.1 %.
 */

const START = Date.parse('2026-03-02T06:00:00.000Z');

const HOUR_S = 3600;
const ORDER = 'O-SIM';

describe('machine → Mosquitto → host → journal → server: OEE', () => {
  let stack: Stack;
  let terminal: NodeTerminal;
  let closeBridge = () => {};
  const topic = `takt-e2e/${process.pid}-${Date.now()}`;
  const env = () => ({ TAKT_DATA_DIR: join(stack.dir, 'server'), TAKT_LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    stack = await startStack('T-MACH-01', 'L1', {
      hostEnv: {
        TAKT_MQTT_URL: 'mqtt://127.0.0.1:1883',
        TAKT_MQTT_COUNTER_TOPIC: `${topic}/counter`,
        TAKT_MQTT_STATE_TOPIC: `${topic}/state`,
        TAKT_MACHINE_ID: 'PRESS-1',
        TAKT_MACHINE_BATCH_SECONDS: '1',
        TAKT_MACHINE_GAP_SECONDS: '8',
      },
    });
    await putMaster(stack, [
      ['routing', { id: 'RT-SIM', materialId: 'M-SIM', idealCycleSeconds: 30 }],
      ['downtime-reason', { id: 'R-tool', lineId: 'L1', code: 'TOOL', loss: 'availability', label: { de: 'Werkzeugwechsel', en: 'Tool change' } }],
      ['order', { id: ORDER, number: ORDER, lineId: 'L1', materialId: 'M-SIM', quantity: 500, dueDate: '2026-03-02', status: 'released' }],
    ]);
    const node = JSON.parse(await takt(['terminal', 'add', '--line', 'L1', '--id', 'T-MACH-UI', '--json'], env())) as { token: string };
    terminal = await startNodeTerminal({ terminalId: 'T-MACH-UI', serverUrl: stack.serverUrl, token: node.token, pushBatch: 200 });
    terminal.engine.start();
  }, 90_000);

  afterAll(async () => {
    closeBridge();
    terminal?.close();
    await stack?.stop();
  });

  it('agrees with the hand computation to 0.1 %', async () => {
    const clock = () => new Date(START);
    const started = await terminal.journal.append([{ type: 'OrderStarted', orderId: ORDER, payload: { orderNumber: ORDER, materialId: 'M-SIM', quantity: 500 } }], { clock });
    expect(started.ok).toBe(true);
    // The renderer's own intake loop, as main.tsx starts it, over a bridge paired as a page pairs.
    const connect = async () => {
      const paired = await pairNodeBridge(stack.hostUrl);
      const intake = startMachineIntake({ bridge: paired.bridge, journal: terminal.journal, timers: realTimers, clock, runningOrder: () => ORDER, onJournalled: () => terminal.engine.notify(), pollMs: 1_000 });
      closeBridge = () => {
        intake.stop();
        paired.close();
      };
      return { bridge: paired.bridge, intake };
    };
    let page = await connect();

    const sim = takt(['machine-sim', '--topic', topic, '--line', 'L1', '--seed', '7', '--duration', String(HOUR_S), '--speed', '300', '--gap-wall', '14', '--json'], {});
    // The network to the server goes down while the machine runs, and comes back after it.
    setTimeout(() => void stack.stopServer(), 3_000);
    // The page goes away for 4 s mid-shift (a reload): the host keeps the signals and hands them over to the new page.
    await new Promise((r) => setTimeout(r, 5_000));
    closeBridge();
    await new Promise((r) => setTimeout(r, 4_000));
    page = await connect();
    const { bridge } = page;
    const out = await sim;
    const truth = (JSON.parse(out.split('\n').filter((l) => l.startsWith('{')).at(-1)!) as { truth: { parts: number; stops: { from: number; to: number; kind: string }[] } }).truth;
    // The host flushes its last batch within its batch interval; wait until every part the machine made is journalled,
    // and until the host, hearing nothing after the machine's last cycle, said so (no-signal from that cycle on).
    const journalled = async () => {
      await page.intake.drain();
      const all = await terminal.journal.eventsAfter(0, 10_000);
      const parts = [...foldOee(all).cycles.values()].reduce((sum, c) => sum + c.count, 0);
      const last = all.filter((e) => e.type === 'MachineStateChanged').at(-1)?.payload as { state: string; at: string } | undefined;
      return { parts, silentAtEnd: last?.state === 'no-signal' && Date.parse(last.at) > truth.stops.at(-1)!.to ? Date.parse(last.at) : null };
    };
    await expect.poll(async () => (await journalled()).parts, { timeout: 10_000, interval: 500 }).toBe(truth.parts);
    await expect.poll(async () => (await journalled()).silentAtEnd, { timeout: 20_000, interval: 500 }).not.toBeNull();
    const silentFrom = (await journalled()).silentAtEnd!;
    const status = await bridge.call('machine:status', {});
    expect(status.ok && status.value).toMatchObject({ state: 'connected', pending: 0, malformed: 0, unknown: 0 });

    // The operator classifies the long stop the terminal saw (machine "stopped" for 10 minutes) and books 2 scrap.
    const events = await terminal.journal.eventsAfter(0, 10_000);
    const states = events.filter((e) => e.type === 'MachineStateChanged').map((e) => e.payload as { state: string; at: string });
    const longStart = states.findIndex((s, i) => s.state === 'stopped' && states[i + 1] && Date.parse(states[i + 1]!.at) - Date.parse(s.at) >= 600_000);
    expect(longStart).toBeGreaterThanOrEqual(0);
    const booked = await terminal.journal.append(
      [
        { type: 'DowntimeBooked', payload: { stopId: 'stop-long', from: states[longStart]!.at, to: states[longStart + 1]!.at, reasonId: 'R-tool' } },
        { type: 'ScrapBooked', orderId: ORDER, payload: { quantity: 2, reasonId: 'SR-01' } },
      ],
      { clock: () => new Date(START + 1_800_000) },
    );
    expect(booked.ok).toBe(true);
    await stack.startServer();
    terminal.engine.notify();
    await terminal.drained(30_000);

    // By hand, from the simulator's ground truth: planned = the hour; down = long stop + fault + gap.
    const down = truth.stops.filter((s) => s.kind !== 'micro').reduce((sum, s) => sum + (s.to - s.from) / 1000, 0);
    // The machine's last cycle came less than a cycle before the hour's end; the silence after it is a stop shorter than the threshold.
    const tailSeconds = (START + HOUR_S * 1000 - silentFrom) / 1000;
    expect(tailSeconds).toBeGreaterThanOrEqual(0);
    expect(tailSeconds).toBeLessThan(30);
    const hand = { downtime: down, microStops: 3 + (tailSeconds > 0 ? 1 : 0), microSeconds: 3 * 60 + tailSeconds, availability: (HOUR_S - down) / HOUR_S, performance: (truth.parts * 30) / (HOUR_S - down), quality: (truth.parts - 2) / truth.parts };
    const handOee = hand.availability * hand.performance * hand.quality;

    const res = await fetch(`${stack.serverUrl}/api/v1/oee?line=L1&from=${new Date(START).toISOString()}&to=${new Date(START + HOUR_S * 1000).toISOString()}`, {
      headers: { authorization: `Bearer ${stack.adminToken}` },
    });
    expect(res.status).toBe(200);
    const server = (await res.json()) as OeeReport;
    const local = oeeReport(foldOee(await terminal.journal.eventsAfter(0, 10_000)), {
      lineId: 'L1',
      window: { from: START, to: START + HOUR_S * 1000 },
      asOf: START + HOUR_S * 1000,
      microStopMs: 120_000,
      reasons: [{ id: 'R-tool', lineId: 'L1', code: 'TOOL', loss: 'availability', label: { de: 'x', en: 'x' } }],
      routings: [{ id: 'RT-SIM', materialId: 'M-SIM', idealCycleSeconds: 30 }],
    });
    for (const [who, report] of [['server', server], ['terminal', local]] as const) {
      const figures = report.total;
      expect(figures.totalCount).toBe(truth.parts);
      expect(figures.microStops, `${who}: ${JSON.stringify(report.pareto)}; machine states: ${JSON.stringify(states)}`).toBe(hand.microStops);
      expect(figures.microStopSeconds).toBeCloseTo(hand.microSeconds, 3);
      expect(Math.abs(figures.downtimeSeconds - hand.downtime)).toBeLessThanOrEqual(1);
      expect(Math.abs(figures.oee! - handOee) / handOee).toBeLessThan(0.001);
      expect(Math.abs(figures.availability! - hand.availability)).toBeLessThan(0.001);
    }
    expect(server.pareto.map((p) => p.reasonId)).toEqual(expect.arrayContaining(['R-tool', 'unqualified', 'micro-stop']));
  }, 90_000);
});

/**
 * The same machine with the real terminal in Chromium: the page's own intake
 * loop journals the signals, the order screen asks for the long stop's reason
 * and the operator taps it; the shift's OEE the screen shows (shift start to
 * the screen's "now") and the server's for the same window agree to 0.1 %.
 * The line's shift is a 24-hour one that began two hours ago, so the
 * simulated hour (the last one) lies inside it whenever the test runs.
 */
describe('machine → Mosquitto → host → the terminal in Chromium: the operator classifies the long stop', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const topic = `takt-e2e/${process.pid}-${Date.now()}-ui`;
  const T = 20_000;
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const simStart = now - HOUR_S * 1000;

  beforeAll(async () => {
    stack = await startStack('T-MACH-01', 'L1', {
      hostEnv: machineHostEnv(topic, 8),
    });
    await putMaster(stack, [
      ['routing', { id: 'RT-SIM', materialId: 'M-SIM', idealCycleSeconds: 30 }],
      ['order', { id: ORDER, number: ORDER, lineId: 'L1', materialId: 'M-SIM', quantity: 500, dueDate: new Date(now).toISOString().slice(0, 10), status: 'released' }],
      breakFreeShiftModel('L1', now),
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

  it('asks for the long stop, books the tap, and shows the OEE the server computes', async () => {
    await operator().startOrder(ORDER);

    const sim = takt(['machine-sim', '--topic', topic, '--line', 'L1', '--seed', '7', '--duration', String(HOUR_S), '--speed', '300', '--gap-wall', '14', '--start', new Date(simStart).toISOString(), '--json'], {});
    const out = await sim;
    const truth = (JSON.parse(out.split('\n').filter((l) => l.startsWith('{')).at(-1)!) as { truth: { parts: number; stops: { from: number; to: number; kind: string }[] } }).truth;
    const long = truth.stops.find((s) => s.kind === 'long');
    expect(long, JSON.stringify(truth.stops)).toBeDefined();

    // Every prompt the screen raises: the long stop gets "tool change", the fault and the gaps are put aside.
    const layer = page.getByTestId('dt-reason-layer');
    let classified = false;
    let screenshots = false;
    const deadline = Date.now() + 60_000;
    while (!classified && Date.now() < deadline) {
      if (!(await layer.isVisible())) {
        await page.waitForTimeout(250);
        continue;
      }
      const from = Number(await layer.getAttribute('data-machine-from'));
      if (!screenshots) {
        expect(await shootAndAudit(page, 'en', 'downtime-prompt')).toEqual([]);
        screenshots = true;
      }
      if (from === long!.from) {
        await tap('dt-reason-TOOL');
        await okShown();
        classified = true;
      } else {
        await tap('dt-reason-later');
      }
    }
    expect(classified).toBe(true);
    // Every part journalled and pushed; then the screen's shift OEE against the server's for the screen's own window
    // (read again until a signal journalled after the screen's last refresh has reached both).
    const panel = page.getByTestId('dt-panel');
    const serverFor = async (from: number, to: number) => {
      const res = await fetch(`${stack.serverUrl}/api/v1/oee?line=L1&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`, { headers: { authorization: `Bearer ${stack.adminToken}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as OeeReport;
    };
    await expect.poll(async () => (await serverFor(simStart - 60_000, Date.now())).total.totalCount, { timeout: 30_000, interval: 500 }).toBe(truth.parts);
    let last: { shown: number; server: OeeReport } | null = null;
    await expect
      .poll(
        async () => {
          const [asOf, shiftFrom, shown] = await Promise.all([panel.getAttribute('data-now'), panel.getAttribute('data-shift-from'), page.getByTestId('dt-oee-shift').getAttribute('data-oee')]);
          const server = await serverFor(Number(shiftFrom), Number(asOf));
          last = { shown: Number(shown), server };
          return server.total.oee !== null && Math.abs(Number(shown) - server.total.oee) / server.total.oee < 0.001;
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(true);
    const { server } = last!;
    expect(server.total.totalCount).toBe(truth.parts);
    expect(server.pareto.find((p) => p.reasonId === 'DR-TOOL')).toMatchObject({ seconds: 600, stops: 1 });
    for (let i = 0; i < 10 && (await layer.isVisible()); i += 1) await tap('dt-reason-later');
    expect(await shootAndAudit(page, 'en', 'downtime-order-running')).toEqual([]);
  }, 180_000);
});
