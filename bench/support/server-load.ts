/**
 * The load side of `npm run bench -- server`: a production mix of events
 * (good quantity, serials, consumption, logouts, so the push path includes
 * the projections) pushed over real HTTP the way terminals push them.
 */
import type { EventEnvelope } from '../../shared/events';
import { newId } from '../../shared/ids';

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
