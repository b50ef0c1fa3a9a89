import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { get as sparkplug } from 'sparkplug-payload';
import { afterAll, describe, expect, it } from 'vitest';
import type { MachineItem } from '../../shared/bridge-machine';
import { loadTerminalConfig } from '../../electron/host/config';
import { MachineBatcher } from '../../electron/host/machine-batcher';
import { decodeMachineMessage, type PayloadRules } from '../../electron/host/machine-payload';
import { createMachineService, type MachineService } from '../../electron/host/machine-service';
import { openMachineSignalStore } from '../../electron/host/machine-signal-store';

const BROKER = 'mqtt://127.0.0.1:1883';
const dir = mkdtempSync(join(tmpdir(), 'takt-machine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bytes = (v: unknown): Uint8Array => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const T0 = Date.parse('2026-03-02T06:00:00.000Z');

async function until<T>(what: string, get: () => T | undefined | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('machine config', () => {
  it.each([
    [{ TAKT_MQTT_URL: 'http://broker' }, 'mqttUrl'],
    [{ TAKT_MQTT_URL: BROKER }, 'mqttCounterTopic'],
    [{ TAKT_MQTT_URL: BROKER, TAKT_MQTT_FORMAT: 'sparkplug' }, 'mqttSparkplugTopic'],
    [{ TAKT_MQTT_URL: BROKER, TAKT_MQTT_COUNTER_TOPIC: 'a/#/b' }, 'mqttCounterTopic'],
    [{ TAKT_MQTT_URL: BROKER, TAKT_MQTT_COUNTER_TOPIC: 'a', TAKT_MACHINE_GAP_SECONDS: '1' }, 'machineGapSeconds'],
    [{ TAKT_ISA_SITE: 'a/b' }, 'isaSite'],
  ])('refuses %o naming %s', async (env, field) => {
    await expect(loadTerminalConfig({ userDataDir: dir, env: { TAKT_TERMINAL_ID: 'T1', ...env } })).rejects.toMatchObject({ code: 'config-invalid', message: expect.stringContaining(field) });
  });

  it('reads terminal.json and lets the environment win', async () => {
    const d = mkdtempSync(join(dir, 'cfg-'));
    writeFileSync(join(d, 'terminal.json'), JSON.stringify({ terminalId: 'T1', mqttUrl: BROKER, mqttCounterTopic: 'm/counter', machineBatchSeconds: 30 }));
    const c = await loadTerminalConfig({ userDataDir: d, env: { TAKT_MACHINE_BATCH_SECONDS: '10' } });
    expect(c).toMatchObject({ mqttUrl: BROKER, mqttFormat: 'json', mqttCounterTopic: 'm/counter', machineBatchSeconds: 10, machineGapSeconds: 300 });
  });
});

describe('machine payloads', () => {
  const rules: PayloadRules = { format: 'json', counterTopic: 'm/c', stateTopic: 'm/s', counterMetric: 'Counter', stateMetric: 'State', alarmMetric: 'Alarm' };
  it.each([
    ['m/c', '{"counter": 12, "ts": "2026-03-02T06:00:00Z"}', { ok: true, signals: [{ kind: 'counter', at: T0, counter: 12 }] }],
    ['m/s', `{"state": "fault", "alarm": "E42", "ts": ${T0}}`, { ok: true, signals: [{ kind: 'state', at: T0, state: 'fault', alarmCode: 'E42' }] }],
    ['m/c', 'not json', { ok: false, problem: 'malformed' }],
    ['m/c', '{"counter": -3}', { ok: false, problem: 'malformed' }],
    ['m/c', '{"counter": 3, "ts": "yesterday"}', { ok: false, problem: 'malformed' }],
    ['m/s', '{"state": "dancing"}', { ok: false, problem: 'unknown' }],
    ['other', '{}', { ok: false, problem: 'unknown' }],
  ])('%s %s', (topic, text, expected) => {
    expect(decodeMachineMessage(topic, bytes(text), rules, T0)).toMatchObject(expected);
  });

  it('reads Sparkplug B metrics by name with their timestamps', () => {
    const payload = sparkplug('spBv1.0')!.encodePayload({
      timestamp: T0,
      metrics: [
        { name: 'Counter', type: 'UInt64', value: 77, timestamp: T0 + 1000 },
        { name: 'State', type: 'String', value: 'fault', timestamp: T0 + 2000 },
        { name: 'Alarm', type: 'String', value: 'E7' },
      ],
    });
    const decoded = decodeMachineMessage('spBv1.0/G/DDATA/E/D', payload, { ...rules, format: 'sparkplug' }, 0);
    expect(decoded).toEqual({ ok: true, signals: [{ kind: 'counter', at: T0 + 1000, counter: 77 }, { kind: 'state', at: T0 + 2000, state: 'fault', alarmCode: 'E7' }] });
    expect(decodeMachineMessage('x', bytes('garbage'), { ...rules, format: 'sparkplug' }, 0)).toMatchObject({ ok: false });
  });
});

describe('machine batcher', () => {
  it('batches parts per interval, ignores repeats, notices a gap and the restart after it', () => {
    const b = new MachineBatcher({ machineId: 'M', batchMs: 60_000, gapMs: 300_000 });
    const out: MachineItem[] = [];
    const at = (s: number) => T0 + s * 1000;
    out.push(...b.signal({ kind: 'counter', at: at(0), counter: 100 }, at(0)));
    for (let i = 1; i <= 4; i++) out.push(...b.signal({ kind: 'counter', at: at(i * 30), counter: 100 + i }, at(i * 30)));
    out.push(...b.signal({ kind: 'counter', at: at(120), counter: 104 }, at(120)));
    out.push(...b.tick(at(200)));
    out.push(...b.tick(at(120 + 301)));
    out.push(...b.signal({ kind: 'counter', at: at(900), counter: 106 }, at(900)));
    out.push(...b.tick(at(1000)));
    expect(out.map((i) => [i.type, i.type === 'MachineCycle' ? i.payload.count : i.payload.state, i.type === 'MachineCycle' ? i.payload.from : i.payload.at])).toEqual([
      ['MachineCycle', 2, new Date(at(30)).toISOString()],
      ['MachineCycle', 2, new Date(at(90)).toISOString()],
      ['MachineStateChanged', 'no-signal', new Date(at(120)).toISOString()],
      ['MachineStateChanged', 'running', new Date(at(900)).toISOString()],
      ['MachineCycle', 2, new Date(at(900)).toISOString()],
    ]);
    expect(new Set(out.map((i) => i.id)).size).toBe(out.length);
  });
});

describe('machine service over the real Mosquitto', () => {
  const base = `takt-test/${process.pid}-${Date.now()}`;
  const config = (over: Record<string, unknown> = {}) => ({
    mqttUrl: BROKER,
    mqttFormat: 'json' as const,
    mqttCounterTopic: `${base}/counter`,
    mqttStateTopic: `${base}/state`,
    mqttCounterMetric: 'Counter',
    mqttStateMetric: 'State',
    mqttAlarmMetric: 'Alarm',
    machineId: 'M1',
    machineBatchSeconds: 1,
    machineGapSeconds: 300,
    isaEnterprise: 'acme',
    isaSite: 'plant1',
    isaArea: 'assembly',
    isaLine: `line-${process.pid}`,
    ...over,
  });
  const file = join(dir, 'signals.sqlite');
  let service: MachineService | null = null;
  afterAll(() => service?.stop());

  it('journals parts and states with the machine’s times, keeps them across a restart, counts bad payloads', async () => {
    const pub = await mqtt.connectAsync(BROKER);
    service = createMachineService({ config: config(), terminalId: 'T-M', store: openMachineSignalStore(file), tickMs: 50 });
    service.start();
    await until('connected', () => service!.status().state === 'connected');
    const send = (leaf: string, body: unknown) => pub.publishAsync(`${base}/${leaf}`, typeof body === 'string' ? body : JSON.stringify(body), { qos: 1 });
    await send('counter', { counter: 10, ts: T0 });
    await send('state', { state: 'running', ts: T0 });
    for (let i = 1; i <= 5; i++) await send('counter', { counter: 10 + i, ts: T0 + i * 30_000 });
    await send('counter', { counter: 15, ts: T0 + 150_000 });
    await send('counter', 'garbage');
    await send('state', { state: 'dancing' });
    await until('bad payloads counted', () => service!.status().unknown === 1 && service!.status().malformed === 1);
    const items = await until('items', () => {
      const list = service!.take(100);
      return list.filter((i) => i.type === 'MachineCycle').reduce((n, i) => n + (i.type === 'MachineCycle' ? i.payload.count : 0), 0) === 5 && list;
    });
    expect(items[0]).toMatchObject({ type: 'MachineStateChanged', payload: { state: 'running', at: new Date(T0).toISOString() } });
    // The renderer journals the first item and dies before acknowledging the rest; the host restarts.
    expect(service.ack([items[0]!.id])).toBe(1);
    await service.stop();
    service = createMachineService({ config: config(), terminalId: 'T-M', store: openMachineSignalStore(file), tickMs: 50 });
    service.start();
    await until('reconnected', () => service!.status().state === 'connected');
    await send('counter', { counter: 15, ts: T0 + 150_000 });
    await send('counter', { counter: 16, ts: T0 + 180_000 });
    const after = await until('the next part', () => {
      const list = service!.take(100);
      return list.some((i) => i.type === 'MachineCycle' && i.payload.lastSignalId.endsWith(':16')) && list;
    });
    expect(after.map((i) => i.id)).toEqual([...items.slice(1).map((i) => i.id), after.at(-1)!.id]);
    expect(service.ack(after.map((i) => i.id))).toBe(after.length);
    expect(service.status().pending).toBe(0);
    await pub.endAsync();
  });

  it('publishes the line state retained under its ISA-95 topics', async () => {
    const ok = await service!.publishLineState({
      order: { orderId: 'O1', orderNumber: '4711' },
      counts: { good: 40, scrap: 2, machine: 43 },
      stopReason: null,
      shiftOee: { shiftId: 'early', availability: 0.9, performance: 0.95, quality: 0.98, oee: 0.8379 },
    });
    expect(ok).toBe(true);
    const sub = await mqtt.connectAsync(BROKER);
    const seen = new Map<string, Record<string, unknown>>();
    sub.on('message', (topic, payload, packet) => packet.retain && seen.set(topic.split('/').at(-1)!, JSON.parse(payload.toString()) as Record<string, unknown>));
    const prefix = `acme/plant1/assembly/line-${process.pid}`;
    await sub.subscribeAsync(`${prefix}/#`);
    await until('retained line state', () => seen.size === 6);
    expect(seen.get('order')).toMatchObject({ orderId: 'O1', orderNumber: '4711' });
    expect(seen.get('counts')).toMatchObject({ good: 40, scrap: 2, machine: 43 });
    expect(seen.get('machine')).toMatchObject({ state: 'running' });
    expect(seen.get('oee')).toMatchObject({ shiftId: 'early', oee: 0.8379 });
    for (const leaf of seen.keys()) await sub.publishAsync(`${prefix}/${leaf}`, '', { retain: true });
    await sub.endAsync();
  });

  it('reports a broker that is down and retries with growing delays', async () => {
    const down = createMachineService({ config: config({ mqttUrl: 'mqtt://127.0.0.1:1' }), terminalId: 'T-D', store: openMachineSignalStore(':memory:'), backoff: { minMs: 100, maxMs: 400 } });
    const retries: number[] = [];
    down.onStatus((s) => s.retryInMs !== undefined && retries.at(-1) !== s.retryInMs && retries.push(s.retryInMs));
    down.start();
    await until('three retries', () => retries.length >= 3);
    expect(down.status()).toMatchObject({ state: 'disconnected', broker: 'mqtt://127.0.0.1:1' });
    expect(retries.slice(0, 3)).toEqual([100, 200, 400]);
    await down.stop();
  });
});
