import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { BridgeClient } from '../../shared/bridge';
import { WS_PATH, type ServerFrame } from '../../shared/ws-protocol';
import { foldOee, oeeReport, type OeeReport } from '../../shared/oee';
import { takeMachineSignals } from '../../renderer/machine/machine-intake';
import { startNodeTerminal, type NodeTerminal } from './support/node-terminal';
import { takt } from './support/processes';
import { startStack, type Stack } from './support/stack';

/**
 * The machine's shift end to end: `takt machine-sim` publishes an hour of a
 * machine (30 s cycles, three 60 s micro-stops, a 10-minute stop, a 5-minute
 * fault E42, a 10-minute signal gap) to the real Mosquitto; the real host
 * process (browser transport) ingests it; a terminal (the renderer's Journal
 * and SyncEngine, in Node as in the chaos tests) takes the signals over the
 * bridge, the operator classifies the long stop, the server is down for part
 * of it; then the server's OEE and the terminal's own fold must agree with
 * the hand computation from the simulator's ground truth to 0.1 %.
 */

const START = Date.parse('2026-03-02T06:00:00.000Z');
const HOUR_S = 3600;
const ORDER = 'O-SIM';

function wsBridge(readyUrl: string): Promise<{ bridge: Pick<BridgeClient, 'call'>; close: () => void }> {
  const url = new URL(readyUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
  const ws = new WebSocket(`ws://${url.host}${WS_PATH}?token=${token}`, { headers: { origin: `http://${url.host}` } });
  let next = 1;
  const waiting = new Map<number, (r: unknown) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as ServerFrame;
    if (frame.type === 'result') waiting.get(frame.id)?.(frame.result);
  });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        bridge: {
          call: (channel, request) =>
            new Promise((res) => {
              const id = next++;
              waiting.set(id, res as (r: unknown) => void);
              ws.send(JSON.stringify({ type: 'call', id, channel, request }));
            }) as never,
        },
        close: () => ws.close(),
      }),
    );
  });
}

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
        TAKT_MACHINE_GAP_SECONDS: '5',
      },
    });
    for (const [kind, rows] of Object.entries({
      routing: [{ id: 'RT-SIM', materialId: 'M-SIM', idealCycleSeconds: 30 }],
      'downtime-reason': [{ id: 'R-tool', lineId: 'L1', code: 'TOOL', loss: 'availability', label: { de: 'Werkzeugwechsel', en: 'Tool change' } }],
      order: [{ id: ORDER, number: ORDER, lineId: 'L1', materialId: 'M-SIM', quantity: 500, dueDate: '2026-03-02', status: 'released' }],
    })) {
      const file = join(stack.dir, `${kind}.json`);
      writeFileSync(file, JSON.stringify(rows));
      await takt(['import', kind, file, '--json'], env());
    }
    const node = JSON.parse(await takt(['terminal', 'add', '--line', 'L1', '--id', 'T-MACH-UI', '--json'], env())) as { token: string };
    terminal = await startNodeTerminal({ terminalId: 'T-MACH-UI', serverUrl: stack.serverUrl, token: node.token, pushBatch: 200 });
    terminal.engine.start();
  }, 60_000);

  afterAll(async () => {
    closeBridge();
    terminal?.close();
    await stack?.stop();
  });

  it('agrees with the hand computation to 0.1 %', async () => {
    const hostReady = stack.host.output().split('\n').find((l) => l.includes('"ready"'))!;
    const { bridge, close } = await wsBridge((JSON.parse(hostReady) as { url: string }).url);
    closeBridge = close;
    const clock = () => new Date(START);
    const started = await terminal.journal.append([{ type: 'OrderStarted', orderId: ORDER, payload: { orderNumber: ORDER, materialId: 'M-SIM', quantity: 500 } }], { clock });
    expect(started.ok).toBe(true);

    let simDone = false;
    const sim = takt(['machine-sim', '--topic', topic, '--line', 'L1', '--seed', '7', '--duration', String(HOUR_S), '--speed', '300', '--gap-wall', '8', '--json'], {}).finally(() => (simDone = true));
    // The network to the server goes down while the machine runs, and comes back after it.
    setTimeout(() => void stack.stopServer(), 3_000);
    let quietRounds = 0;
    while (!simDone || quietRounds < 15) {
      const n = await takeMachineSignals({ bridge, journal: terminal.journal, runningOrder: () => ORDER, clock });
      if (n > 0) terminal.engine.notify();
      quietRounds = simDone && n === 0 ? quietRounds + 1 : 0;
      await new Promise((r) => setTimeout(r, 200));
    }
    const out = await sim;
    const truth = (JSON.parse(out.split('\n').filter((l) => l.startsWith('{')).at(-1)!) as { truth: { parts: number; stops: { from: number; to: number; kind: string }[] } }).truth;
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
    const hand = { downtime: down, availability: (HOUR_S - down) / HOUR_S, performance: (truth.parts * 30) / (HOUR_S - down), quality: (truth.parts - 2) / truth.parts };
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
    for (const figures of [server.total, local.total]) {
      expect(figures.totalCount).toBe(truth.parts);
      expect(figures.microStops).toBe(3);
      expect(Math.abs(figures.downtimeSeconds - hand.downtime)).toBeLessThanOrEqual(1);
      expect(Math.abs(figures.oee! - handOee) / handOee).toBeLessThan(0.001);
      expect(Math.abs(figures.availability! - hand.availability)).toBeLessThan(0.001);
    }
    expect(server.pareto.map((p) => p.reasonId)).toEqual(expect.arrayContaining(['R-tool', 'unqualified', 'micro-stop']));
  }, 90_000);
});
