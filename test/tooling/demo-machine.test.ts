import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_BROKER, brokerProblem, demoBrokerUrl, planDemoMachine, startDemoMachine } from '../../scripts/demo-machine';
import { freePort, TAKT_BIN } from '../e2e/support/processes';

const MOSQUITTO = 'mqtt://127.0.0.1:1883';
const NOW = new Date('2026-03-02T06:00:00.000Z');

describe('npm start: the machine simulator when a broker answers', () => {
  it('takes the broker from TAKT_MQTT_URL, then terminal.json, then the local default', () => {
    expect(demoBrokerUrl({ TAKT_MQTT_URL: 'mqtt://plant:1883' }, { mqttUrl: 'mqtt://file:1883' })).toBe('mqtt://plant:1883');
    expect(demoBrokerUrl({}, { mqttUrl: 'mqtt://file:1883' })).toBe('mqtt://file:1883');
    expect(demoBrokerUrl({ TAKT_MQTT_URL: '' }, { mqttUrl: '' })).toBe(DEFAULT_DEMO_BROKER);
    expect(DEFAULT_DEMO_BROKER).toBe('mqtt://127.0.0.1:1883');
  });

  it('without a broker: no simulator, no machine settings for the host, and a message saying so and why', () => {
    const plan = planDemoMachine('mqtt://127.0.0.1:1999', 'connect ECONNREFUSED 127.0.0.1:1999', NOW);
    expect(plan).toMatchObject({ run: false, hostEnv: {}, simArgs: [] });
    expect(plan.message).toContain('no MQTT broker answers at mqtt://127.0.0.1:1999 (connect ECONNREFUSED 127.0.0.1:1999)');
    expect(plan.message).toContain('no built-in broker');
  });

  it('with a broker: the simulator publishes where the host subscribes, from now on, in real time', () => {
    const plan = planDemoMachine(MOSQUITTO, null, NOW, 'takt/sim/L1');
    expect(plan.run).toBe(true);
    expect(plan.hostEnv).toMatchObject({ TAKT_MQTT_URL: MOSQUITTO, TAKT_MQTT_FORMAT: 'json', TAKT_MQTT_COUNTER_TOPIC: 'takt/sim/L1/counter', TAKT_MQTT_STATE_TOPIC: 'takt/sim/L1/state' });
    const arg = (name: string) => plan.simArgs[plan.simArgs.indexOf(name) + 1];
    expect([plan.simArgs[0], arg('--broker'), arg('--topic'), arg('--start'), arg('--speed')]).toEqual(['machine-sim', MOSQUITTO, 'takt/sim/L1', NOW.toISOString(), '1']);
    expect(plan.message).toContain('takt machine-sim on mqtt://127.0.0.1:1883');
  });

  it('probes for real: a closed port has no broker, Mosquitto answers', async () => {
    expect(await brokerProblem(`mqtt://127.0.0.1:${await freePort()}`, 1000)).toMatch(/ECONNREFUSED|refused/i);
    expect(await brokerProblem(MOSQUITTO)).toBeNull();
  });

  it('with nothing listening at the URL the demo starts no simulator', async () => {
    const machine = await startDemoMachine(`mqtt://127.0.0.1:${await freePort()}`, { takt: TAKT_BIN });
    expect([machine.plan.run, machine.running()]).toEqual([false, false]);
    await machine.stop();
  });

  it('starts takt machine-sim against the real Mosquitto, which then carries its counter and state; stops it again', { timeout: 120_000 }, async () => {
    const topic = `takt/test/demo-${process.pid}-${Date.now()}`;
    const received: { topic: string; body: Record<string, unknown> }[] = [];
    const sub = await mqtt.connectAsync(MOSQUITTO);
    try {
      await sub.subscribeAsync(`${topic}/#`);
      sub.on('message', (t, payload) => received.push({ topic: t, body: JSON.parse(payload.toString()) as Record<string, unknown> }));
      const started = Date.now();
      const machine = await startDemoMachine(MOSQUITTO, { takt: TAKT_BIN, topic });
      try {
        expect(machine.plan.run).toBe(true);
        expect(machine.running()).toBe(true);
        // The first counter value and the running state go out at once; `takt` may first build dist/node.
        const deadline = Date.now() + 100_000;
        while (!(received.some((m) => m.topic === `${topic}/state`) && received.some((m) => m.topic === `${topic}/counter`)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      } finally {
        await machine.stop();
      }
      const state = received.find((m) => m.topic === `${topic}/state`)!;
      const counter = received.find((m) => m.topic === `${topic}/counter`)!;
      expect(state.body.state).toBe('running');
      expect(typeof counter.body.counter).toBe('number');
      // Machine time is the wall clock: the simulator starts now, not on a fixed demo date.
      expect(Date.parse(String(counter.body.ts))).toBeGreaterThanOrEqual(started - 1000);
      expect(machine.running()).toBe(false);
    } finally {
      await sub.endAsync();
    }
  });
});
