/**
 * A machine for tests and demos, as a deterministic schedule of MQTT
 * messages in the plain-JSON style the host reads by default
 * (electron/host/machine-config.ts): a cumulative part counter and the
 * machine state, each stamped with the machine's time. The same seed gives
 * the same shift: cycles around the cycle time, micro-stops, one long stop,
 * one fault with an alarm code, and one signal gap (nothing published while
 * the machine keeps running, so the counter jumps afterwards).
 */

import { seededRandom } from '../../shared/seeded-random';

export interface SimOptions {
  seed: number;
  start: number;
  durationSeconds: number;
  cycleSeconds: number;
  microStops: number;
  microStopSeconds: number;
  longStopSeconds: number;
  faultSeconds: number;
  alarmCode: string;
  gapSeconds: number;
}

export interface SimMessage {
  /** Machine time, epoch ms. */
  at: number;
  leaf: 'counter' | 'state';
  body: Record<string, unknown>;
  /** Published after a silence of this many machine seconds (the signal gap). */
  afterGapSeconds?: number;
}

export interface SimTruth {
  parts: number;
  microStops: number;
  stops: { from: number; to: number; kind: 'micro' | 'long' | 'fault' | 'gap'; alarmCode?: string }[];
}

export const DEFAULT_SIM: SimOptions = {
  seed: 1,
  start: Date.parse('2026-03-02T06:00:00.000Z'),
  durationSeconds: 3600,
  cycleSeconds: 30,
  microStops: 3,
  microStopSeconds: 60,
  longStopSeconds: 600,
  faultSeconds: 300,
  alarmCode: 'E42',
  gapSeconds: 600,
};

export function simulateMachine(o: SimOptions): { messages: SimMessage[]; truth: SimTruth } {
  const rand = seededRandom(o.seed);
  const end = o.start + o.durationSeconds * 1000;
  const span = o.durationSeconds * 1000;
  // Events at fixed fractions of the run (jittered by the seed), far enough apart never to overlap.
  const slot = (f: number): number => o.start + Math.round(span * (f + (rand() - 0.5) * 0.02) / 1000) * 1000;
  const plan: { at: number; kind: SimTruth['stops'][number]['kind']; seconds: number }[] = [];
  for (let i = 0; i < o.microStops; i++) plan.push({ at: slot(0.08 + i * 0.06), kind: 'micro', seconds: o.microStopSeconds });
  if (o.longStopSeconds > 0) plan.push({ at: slot(0.35), kind: 'long', seconds: o.longStopSeconds });
  if (o.faultSeconds > 0) plan.push({ at: slot(0.55), kind: 'fault', seconds: o.faultSeconds });
  if (o.gapSeconds > 0) plan.push({ at: slot(0.75), kind: 'gap', seconds: o.gapSeconds });
  plan.sort((a, b) => a.at - b.at);
  const messages: SimMessage[] = [];
  const truth: SimTruth = { parts: 0, microStops: o.microStops, stops: [] };
  let counter = 1000;
  messages.push({ at: o.start, leaf: 'counter', body: { counter, ts: new Date(o.start).toISOString() } });
  messages.push({ at: o.start, leaf: 'state', body: { state: 'running', ts: new Date(o.start).toISOString() } });
  let t = o.start;
  let p = 0;
  let silentSince: number | null = null;
  for (;;) {
    const next = t + o.cycleSeconds * 1000;
    const stop = plan[p];
    if (stop && next > stop.at) {
      const to = stop.at + stop.seconds * 1000;
      if (stop.kind === 'gap') {
        // The link is dead, the machine is not: parts made meanwhile show in the next counter value.
        silentSince = stop.at;
        truth.stops.push({ from: messages.at(-1)!.at, to: -1, kind: 'gap' });
        t = stop.at;
        while (t + o.cycleSeconds * 1000 <= to) {
          t += o.cycleSeconds * 1000;
          counter += 1;
          truth.parts += 1;
        }
      } else {
        const state = stop.kind === 'fault' ? 'fault' : 'stopped';
        const ts = (ms: number) => new Date(ms).toISOString();
        messages.push({ at: stop.at, leaf: 'state', body: { state, ts: ts(stop.at), ...(stop.kind === 'fault' ? { alarm: o.alarmCode } : {}) } });
        messages.push({ at: to, leaf: 'state', body: { state: 'running', ts: ts(to) } });
        truth.stops.push({ from: stop.at, to, kind: stop.kind, ...(stop.kind === 'fault' ? { alarmCode: o.alarmCode } : {}) });
        t = to;
      }
      p += 1;
      continue;
    }
    if (next > end) break;
    t = next;
    counter += 1;
    truth.parts += 1;
    const msg: SimMessage = { at: t, leaf: 'counter', body: { counter, ts: new Date(t).toISOString() } };
    if (silentSince !== null) {
      msg.afterGapSeconds = (t - silentSince) / 1000;
      truth.stops.at(-1)!.to = t;
      silentSince = null;
    }
    messages.push(msg);
  }
  messages.sort((a, b) => a.at - b.at);
  return { messages, truth };
}
