import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import mqtt from 'mqtt';
import { DEFAULT_SIM } from '../server/cli/machine-sim';

/**
 * The demo's machine: `npm start` runs `takt machine-sim` against the MQTT
 * broker at the configured URL when one answers there, and wires the demo
 * terminal's host to its topics (plain JSON). Without a broker the demo runs
 * without machine signals and says so. There is no built-in broker: no
 * dependency in package.json provides one (`mqtt` is a client only), and a
 * broker is plant infrastructure, not the terminal's.
 */

export const DEFAULT_DEMO_BROKER = 'mqtt://127.0.0.1:1883';
/** The simulator's machine: one shift in real time, a part every 10 s so the screen moves while one watches. */
export const DEMO_SIM = { line: 'L1', cycleSeconds: 10, durationSeconds: 8 * 3600 } as const;

export interface DemoMachinePlan {
  run: boolean;
  brokerUrl: string;
  /** What the launcher tells the person who started it. */
  message: string;
  /** The terminal host's machine settings (TAKT_MQTT_*, TAKT_ISA_*); empty when no broker answers. */
  hostEnv: Record<string, string>;
  /** Arguments of `takt machine-sim` when it runs. */
  simArgs: string[];
}

/** The broker URL: TAKT_MQTT_URL, else the demo terminal's terminal.json `mqttUrl`, else the local default. */
export function demoBrokerUrl(env: Record<string, string | undefined>, terminalJson: { mqttUrl?: unknown }): string {
  if (env.TAKT_MQTT_URL) return env.TAKT_MQTT_URL;
  if (typeof terminalJson.mqttUrl === 'string' && terminalJson.mqttUrl) return terminalJson.mqttUrl;
  return DEFAULT_DEMO_BROKER;
}

/** Pure: what to do once it is known whether the broker answered (`problem` = why not). */
export function planDemoMachine(brokerUrl: string, problem: string | null, now: Date, topic = `takt/sim/${DEMO_SIM.line}`): DemoMachinePlan {
  if (problem !== null) {
    return {
      run: false,
      brokerUrl,
      hostEnv: {},
      simArgs: [],
      message:
        `Machine:          no MQTT broker answers at ${brokerUrl} (${problem}), so the demo runs without machine signals.\n` +
        '  Start one (Debian/Ubuntu: sudo apt-get install mosquitto) or set TAKT_MQTT_URL, and run npm start again; Takt has no built-in broker.',
    };
  }
  return {
    run: true,
    brokerUrl,
    hostEnv: {
      TAKT_MQTT_URL: brokerUrl,
      TAKT_MQTT_FORMAT: 'json',
      TAKT_MQTT_COUNTER_TOPIC: `${topic}/counter`,
      TAKT_MQTT_STATE_TOPIC: `${topic}/state`,
      TAKT_ISA_ENTERPRISE: 'takt-demo',
      TAKT_ISA_SITE: 'plant-1',
      TAKT_ISA_AREA: 'assembly',
      TAKT_ISA_LINE: DEMO_SIM.line,
    },
    simArgs: ['machine-sim', '--broker', brokerUrl, '--topic', topic, '--line', DEMO_SIM.line, '--cycle', String(DEMO_SIM.cycleSeconds), '--duration', String(DEMO_SIM.durationSeconds), '--start', now.toISOString(), '--speed', '1',
      // The signal gap lasts as long on the wall clock as in machine time, so the machine's clock stays the wall clock.
      '--gap-wall', String(DEFAULT_SIM.gapSeconds)],
    message:
      `Machine:          takt machine-sim on ${brokerUrl}, ${topic}/{counter,state} (an 8-hour shift in real time: a part every ${DEMO_SIM.cycleSeconds} s, micro-stops, a long stop, a fault, a signal gap)\n` +
      '  Line state:       once the terminal runs, retained under takt-demo/plant-1/assembly/L1/… (mosquitto_sub -v -t "takt-demo/#")',
  };
}

/** Null when a broker accepts an MQTT connection at `url` within `timeoutMs`, otherwise why not. */
export async function brokerProblem(url: string, timeoutMs = 2000): Promise<string | null> {
  let client: mqtt.MqttClient | null = null;
  try {
    client = await Promise.race([
      mqtt.connectAsync(url, { connectTimeout: timeoutMs, reconnectPeriod: 0 }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs + 500)),
    ]);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message || err.name : String(err);
  } finally {
    await client?.endAsync().catch(() => undefined);
  }
}

export interface DemoMachine {
  plan: DemoMachinePlan;
  /** Whether the simulator's process is still there. */
  running(): boolean;
  stop(): Promise<void>;
}

/** Probes the broker and, when it answers, starts `takt machine-sim` as a child (stopped with the demo). */
export async function startDemoMachine(brokerUrl: string, options: { takt?: string; now?: Date; topic?: string } = {}): Promise<DemoMachine> {
  const plan = planDemoMachine(brokerUrl, await brokerProblem(brokerUrl), options.now ?? new Date(), options.topic);
  if (!plan.run) return { plan, running: () => false, stop: async () => {} };
  const child: ChildProcess = spawn(process.execPath, [options.takt ?? resolve('bin/takt.mjs'), ...plan.simArgs], { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    plan,
    running,
    stop: async () => {
      if (!running()) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}
