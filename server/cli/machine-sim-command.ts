import { parseArgs } from 'node:util';
import mqtt from 'mqtt';
import { DEFAULT_SIM, simulateMachine, type SimOptions } from './machine-sim';
import { EXIT_OK, UsageError, type CliIo } from './io';

export const MACHINE_SIM_USAGE =
  'takt machine-sim [--broker mqtt://127.0.0.1:1883] [--topic takt/sim/<line>] --line <id> [--seed N] [--cycle S] [--duration S] [--start ISO] [--speed N] [--gap S] [--json]';

const num = (v: string | undefined, name: string, fallback: number): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a number ≥ 0`);
  return n;
};

/**
 * `takt machine-sim`: publishes the simulated machine to a broker,
 * `<topic>/counter` and `<topic>/state`. Machine time runs `--speed` times
 * faster than the wall clock (0: as fast as the broker takes it, except the
 * signal gap, which always lasts long enough in wall time for a host to
 * notice: `--gap-wall` seconds). Ends with the truth (parts, stops) on stdout.
 */
export async function runMachineSim(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      broker: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
      topic: { type: 'string' },
      line: { type: 'string', default: 'L1' },
      seed: { type: 'string' },
      cycle: { type: 'string' },
      duration: { type: 'string' },
      start: { type: 'string' },
      speed: { type: 'string' },
      gap: { type: 'string' },
      'gap-wall': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const start = values.start ? Date.parse(values.start) : DEFAULT_SIM.start;
  if (!Number.isFinite(start)) throw new UsageError('--start must be an ISO time');
  const options: SimOptions = {
    ...DEFAULT_SIM,
    seed: num(values.seed, 'seed', DEFAULT_SIM.seed),
    cycleSeconds: num(values.cycle, 'cycle', DEFAULT_SIM.cycleSeconds) || DEFAULT_SIM.cycleSeconds,
    durationSeconds: num(values.duration, 'duration', DEFAULT_SIM.durationSeconds),
    gapSeconds: num(values.gap, 'gap', DEFAULT_SIM.gapSeconds),
    start,
  };
  const speed = num(values.speed, 'speed', 60);
  const gapWallMs = num(values['gap-wall'], 'gap-wall', 8) * 1000;
  const topic = values.topic ?? `takt/sim/${values.line}`;
  const { messages, truth } = simulateMachine(options);
  const client = await mqtt.connectAsync(values.broker, { connectTimeout: 5_000, reconnectPeriod: 0 });
  try {
    let last = messages[0]?.at ?? start;
    for (const m of messages) {
      const waitMs = m.afterGapSeconds !== undefined ? gapWallMs : speed > 0 ? (m.at - last) / speed : 0;
      if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
      last = m.at;
      await client.publishAsync(`${topic}/${m.leaf}`, JSON.stringify(m.body), { qos: 1 });
    }
  } finally {
    await client.endAsync();
  }
  if (values.json) io.stdout.write(`${JSON.stringify({ topic, messages: messages.length, truth })}\n`);
  else io.stdout.write(`published ${messages.length} messages to ${topic}/{counter,state}: ${truth.parts} parts, ${truth.stops.length} stops\n`);
  return EXIT_OK;
}
