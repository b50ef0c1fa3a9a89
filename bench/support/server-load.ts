/**
 * The load side of `npm run bench -- server`: a production mix of events
 * (good quantity, serials, consumption, logouts, so the push path includes
 * the projections) pushed over real HTTP the way terminals push them.
 */
import type { EventEnvelope } from '../../shared/events';
import { newId } from '../../shared/ids';
import { quantile, round } from './stats';

export interface LatencyFigures {
  terminals: number;
  ratePerTerminal: number;
  seconds: number;
  pushes: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
}

export function mixEvent(terminalId: string, seq: number): EventEnvelope {
  const base = { id: newId(), terminalId, seq, occurredAt: new Date(Date.UTC(2025, 0, 6, 6, 0, 0, seq)).toISOString(), schemaVersion: 1, operatorId: 'OP-B' };
  const orderId = `ORD-${terminalId}`;
  switch (seq % 4) {
    case 0:
      return { ...base, type: 'GoodQuantityBooked', orderId, payload: { quantity: 1 } };
    case 1:
      return { ...base, type: 'PartProduced', orderId, payload: { serial: `${terminalId}-${seq}` } };
    case 2:
      return { ...base, type: 'MaterialConsumed', orderId, payload: { materialId: 'M-HOUSING', batch: `B-${Math.floor(seq / 1000)}`, quantity: 1 } };
    default:
      return { ...base, type: 'OperatorLoggedOut', payload: { reason: 'manual' } };
  }
}

export async function push(url: string, token: string, terminalId: string, events: EventEnvelope[], path = '/api/v1/sync/push'): Promise<number> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ terminalId, events }),
  });
  const body = (await res.json()) as { ackSeq?: number };
  if (res.status !== 200 || body.ackSeq !== events.at(-1)?.seq) throw new Error(`push ${res.status}: ${JSON.stringify(body)}`);
  return body.ackSeq ?? 0;
}

export async function pushAll(url: string, token: string, terminalId: string, count: number, batch: number, path?: string): Promise<void> {
  for (let from = 1; from <= count; from += batch) {
    const events = Array.from({ length: Math.min(batch, count - from + 1) }, (_, i) => mixEvent(terminalId, from + i));
    await push(url, token, terminalId, events, path);
  }
}

export const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

export async function latencyScenario(url: string, tokens: [string, string][], durationSeconds: number): Promise<LatencyFigures> {
  const rate = 5;
  const interval = 1000 / rate;
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + durationSeconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    tokens.map(async ([terminalId, token]) => {
      let seq = 0;
      let next = Date.now() + Math.random() * interval;
      while (next < until) {
        const wait = next - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        seq += 1;
        const t0 = process.hrtime.bigint();
        try {
          await push(url, token, terminalId, [mixEvent(terminalId, seq)]);
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        } catch {
          errors += 1;
          seq -= 1;
        }
        next += interval;
      }
    }),
  );
  const elapsed = seconds(started);
  latencies.sort((a, b) => a - b);
  return {
    terminals: tokens.length,
    ratePerTerminal: rate,
    seconds: round(elapsed),
    pushes: latencies.length,
    eventsPerSecond: round(latencies.length / elapsed),
    p50Ms: round(quantile(latencies, 0.5), 2),
    p99Ms: round(quantile(latencies, 0.99), 2),
    maxMs: round(latencies.at(-1) ?? NaN, 2),
    errors,
  };
}
