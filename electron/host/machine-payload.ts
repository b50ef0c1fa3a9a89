import { get as sparkplugNamespace } from 'sparkplug-payload';
import type { MachineState } from '../../shared/events';

/**
 * Machine messages → signals. Plain JSON on configured topics, or Sparkplug
 * B (Eclipse Sparkplug 3.0: protobuf `Payload` with named metrics, decoded by
 * sparkplug-payload). Anything else is `malformed` (not readable) or
 * `unknown` (readable, but nothing Takt reads); both are counted, never thrown.
 */

export type MachineSignal =
  | { kind: 'counter'; at: number; counter: number }
  | { kind: 'state'; at: number; state: Exclude<MachineState, 'no-signal'>; alarmCode?: string };

export type Decoded = { ok: true; signals: MachineSignal[] } | { ok: false; problem: 'malformed' | 'unknown'; message: string };

export interface PayloadRules {
  format: 'json' | 'sparkplug';
  counterTopic?: string | undefined;
  stateTopic?: string | undefined;
  counterMetric: string;
  stateMetric: string;
  alarmMetric: string;
}

const STATES: Record<string, Exclude<MachineState, 'no-signal'>> = { running: 'running', run: 'running', stopped: 'stopped', stop: 'stopped', idle: 'stopped', fault: 'fault', error: 'fault', alarm: 'fault' };

function timeOf(v: unknown, fallback: number): number | null {
  if (v === undefined || v === null) return fallback;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : typeof v === 'string' ? Date.parse(v) : typeof v === 'object' && v && 'toNumber' in v ? (v as { toNumber(): number }).toNumber() : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

function stateOf(v: unknown): Exclude<MachineState, 'no-signal'> | null {
  if (typeof v === 'string') return STATES[v.trim().toLowerCase()] ?? null;
  // PLCs often publish the state as a number: 1 running, 0 stopped, 2 fault.
  if (typeof v === 'number') return v === 1 ? 'running' : v === 0 ? 'stopped' : v === 2 ? 'fault' : null;
  if (typeof v === 'boolean') return v ? 'running' : 'stopped';
  return null;
}

function counterOf(v: unknown): number | null {
  const n = typeof v === 'object' && v && 'toNumber' in v ? (v as { toNumber(): number }).toNumber() : Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

export function decodeMachineMessage(topic: string, payload: Uint8Array, rules: PayloadRules, receivedAt: number): Decoded {
  return rules.format === 'sparkplug' ? decodeSparkplug(payload, rules, receivedAt) : decodeJson(topic, payload, rules, receivedAt);
}

function decodeJson(topic: string, payload: Uint8Array, rules: PayloadRules, receivedAt: number): Decoded {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (err) {
    return { ok: false, problem: 'malformed', message: `${topic}: not JSON (${(err as Error).message})` };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, problem: 'malformed', message: `${topic}: not a JSON object` };
  const o = data as Record<string, unknown>;
  const at = timeOf(o.ts ?? o.timestamp, receivedAt);
  if (at === null) return { ok: false, problem: 'malformed', message: `${topic}: unreadable timestamp ${JSON.stringify(o.ts ?? o.timestamp)}` };
  if (topic === rules.counterTopic) {
    const counter = counterOf(o.counter ?? o.count);
    return counter === null ? { ok: false, problem: 'malformed', message: `${topic}: counter must be a whole number ≥ 0` } : { ok: true, signals: [{ kind: 'counter', at, counter }] };
  }
  if (topic === rules.stateTopic) {
    const state = stateOf(o.state);
    if (!state) return { ok: false, problem: 'unknown', message: `${topic}: unknown state ${JSON.stringify(o.state)}` };
    const alarm = typeof o.alarm === 'string' || typeof o.alarm === 'number' ? String(o.alarm) : undefined;
    return { ok: true, signals: [{ kind: 'state', at, state, ...(alarm ? { alarmCode: alarm } : {}) }] };
  }
  return { ok: false, problem: 'unknown', message: `${topic}: not a configured topic` };
}

function decodeSparkplug(payload: Uint8Array, rules: PayloadRules, receivedAt: number): Decoded {
  let decoded: ReturnType<NonNullable<ReturnType<typeof sparkplugNamespace>>['decodePayload']>;
  try {
    decoded = sparkplugNamespace('spBv1.0')!.decodePayload(payload);
  } catch (err) {
    return { ok: false, problem: 'malformed', message: `not a Sparkplug B payload (${(err as Error).message})` };
  }
  const payloadAt = timeOf(decoded.timestamp, receivedAt) ?? receivedAt;
  const signals: MachineSignal[] = [];
  let alarm: string | undefined;
  for (const m of decoded.metrics ?? []) if (m.name === rules.alarmMetric && m.value !== null && m.value !== '') alarm = String(m.value);
  for (const m of decoded.metrics ?? []) {
    const at = timeOf(m.timestamp, payloadAt) ?? payloadAt;
    if (m.name === rules.counterMetric) {
      const counter = counterOf(m.value);
      if (counter === null) return { ok: false, problem: 'malformed', message: `metric ${m.name}: counter must be a whole number ≥ 0` };
      signals.push({ kind: 'counter', at, counter });
    } else if (m.name === rules.stateMetric) {
      const state = stateOf(m.value);
      if (!state) return { ok: false, problem: 'unknown', message: `metric ${m.name}: unknown state ${JSON.stringify(m.value)}` };
      signals.push({ kind: 'state', at, state, ...(alarm ? { alarmCode: alarm } : {}) });
    }
  }
  return signals.length ? { ok: true, signals } : { ok: false, problem: 'unknown', message: 'no counter or state metric in the payload' };
}
