import type { BridgeClient } from '../../shared/bridge';
import type { Result } from '../../shared/errors';
import type { NewEvent } from '../../shared/events';

/**
 * Machine signals from the host into the journal: take what the host holds,
 * append it (parts on the order running now), then acknowledge. The host
 * forgets an item only after the acknowledgement, so a renderer that dies
 * in between gets the same items again; their ids come from the machine's
 * counter and timestamps, and the OEE fold counts such a repeat once.
 */

export interface IntakeJournal {
  append(events: readonly NewEvent[], ctx: { clock: () => Date }): Promise<Result<unknown>>;
}

export interface IntakeOptions {
  bridge: Pick<BridgeClient, 'call'>;
  journal: IntakeJournal;
  /** The order running on the line right now, if any: its parts count for it. */
  runningOrder: () => string | undefined;
  clock: () => Date;
  batch?: number;
}

/** One round; resolves with how many items were journalled (0: nothing pending or the host is away). */
export async function takeMachineSignals(o: IntakeOptions): Promise<number> {
  const taken = await o.bridge.call('machine:take', { limit: o.batch ?? 500 });
  if (!taken.ok || taken.value.items.length === 0) return 0;
  const orderId = o.runningOrder();
  const events = taken.value.items.map((item) => ({ type: item.type, payload: item.payload, ...(orderId ? { orderId } : {}) }) as NewEvent);
  const appended = await o.journal.append(events, { clock: o.clock });
  if (!appended.ok) return 0;
  await o.bridge.call('machine:ack', { ids: taken.value.items.map((i) => i.id) });
  return events.length;
}
