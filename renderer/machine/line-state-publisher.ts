import type { BridgeClient } from '../../shared/bridge';
import type { LineState } from '../../shared/bridge-machine';
import type { Timers } from '../bridge/types';
import { logger } from '../lib/log';

/**
 * Sends the line's state to the host whenever it changed, at most once per
 * `intervalMs`: changes in between are coalesced and the last one always goes
 * out. The state is derived only when a send is due (the OEE view is not free
 * to compute), never in the store's listener, so a booking never waits for it.
 * A failed call is logged once until a call succeeds again; the next change
 * tries again.
 */

export interface LineStatePublisherOptions<S> {
  bridge: Pick<BridgeClient, 'call'>;
  timers: Timers;
  /** Milliseconds since some epoch; only differences matter. */
  now: () => number;
  subscribe: (listener: () => void) => () => void;
  getState: () => S;
  derive: (state: S) => LineState;
  intervalMs?: number;
}

export interface LineStatePublisher {
  /** Resolves when no send is scheduled or under way. */
  idle(): Promise<void>;
  stop(): void;
}

const log = logger('line-state');

export function startLineStatePublisher<S>(o: LineStatePublisherOptions<S>): LineStatePublisher {
  const intervalMs = o.intervalMs ?? 1_000;
  let lastSent: string | null = null;
  let lastSentAt = -Infinity;
  let timer: unknown = null;
  let sending: Promise<void> | null = null;
  let dirty = false;
  let failing = false;
  let stopped = false;

  const send = async (): Promise<void> => {
    dirty = false;
    let state: LineState;
    try {
      state = o.derive(o.getState());
    } catch (err) {
      if (!failing) log.warn(`line state not derived: ${(err as Error).message}`);
      failing = true;
      return;
    }
    const text = JSON.stringify(state);
    if (text === lastSent) return;
    lastSentAt = o.now();
    const result = await o.bridge.call('machine:line-state', state).catch((err: unknown) => ({ ok: false as const, error: { message: (err as Error).message } }));
    if (result.ok) {
      // Not published (no broker link, no ISA-95 levels): the same state goes out again with the next change.
      lastSent = result.value.published ? text : null;
      failing = false;
    } else {
      if (!failing) log.warn(`line state not published: ${result.error.message}`);
      failing = true;
    }
  };

  const schedule = (): void => {
    if (stopped || timer !== null || sending) return;
    const wait = Math.max(0, lastSentAt + intervalMs - o.now());
    timer = o.timers.setTimeout(() => {
      timer = null;
      sending = send().finally(() => {
        sending = null;
        // A change that came while the call was under way goes out in the next slot.
        if (dirty) schedule();
      });
    }, wait);
  };

  const onChange = (): void => {
    dirty = true;
    schedule();
  };
  const unsubscribe = o.subscribe(onChange);
  onChange();

  return {
    async idle() {
      while (sending || timer !== null) {
        if (sending) await sending;
        else return;
      }
    },
    stop() {
      stopped = true;
      unsubscribe();
      if (timer !== null) o.timers.clearTimeout(timer);
      timer = null;
    },
  };
}
