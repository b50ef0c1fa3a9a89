import { describe, expect, it } from 'vitest';
import type { LineState } from '../../../shared/bridge-machine';
import type { Result } from '../../../shared/errors';
import { rendererLog } from '../../../renderer/lib/log';
import { startLineStatePublisher } from '../../../renderer/machine/line-state-publisher';
import { FakeBridge } from '../support/fake-bridge';
import { ManualTimers } from '../support/manual-timers';

const state = (good: number): LineState => ({ order: { orderId: 'O-1' }, counts: { good, scrap: 0 }, stopReason: null, shiftOee: null, jisPosition: null });

/** A store of one number (good parts) with listeners, as zustand's subscribe gives them. */
function fakeStore() {
  let good = 0;
  let derived = 0;
  const listeners = new Set<() => void>();
  return {
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    getState: () => good,
    derive: (g: number) => {
      derived++;
      return state(g);
    },
    book(n = 1) {
      good += n;
      for (const l of listeners) l();
    },
    derivedCount: () => derived,
    listenerCount: () => listeners.size,
  };
}

async function setup(handler: (s: LineState) => Result<{ published: boolean }> = () => ({ ok: true, value: { published: true } })) {
  const bridge = new FakeBridge().handle('machine:line-state', handler);
  const timers = new ManualTimers();
  const store = fakeStore();
  const publisher = startLineStatePublisher({ bridge, timers, now: () => timers.now, intervalMs: 1000, ...store });
  const sent = () => bridge.callsTo('machine:line-state') as LineState[];
  /** Lets the timers run `ms` on, then the bridge calls they started finish. */
  const pass = async (ms: number) => {
    timers.advance(ms);
    await publisher.idle();
  };
  return { bridge, timers, store, publisher, sent, pass };
}

describe('the line state publisher', () => {
  it('sends the state at start, then at most once a second, and the last change always goes out', async () => {
    const { store, sent, pass } = await setup();
    await pass(0);
    expect(sent().map((s) => s.counts.good)).toEqual([0]);
    for (let i = 0; i < 10; i++) {
      store.book();
      await pass(50);
    }
    // 500 ms after the first send: nothing more yet, the ten bookings wait for the next slot.
    expect(sent()).toHaveLength(1);
    await pass(500);
    expect(sent().map((s) => s.counts.good)).toEqual([0, 10]);
    // Derived only when a send was due, not on each of the ten changes.
    expect(store.derivedCount()).toBe(2);
  });

  it('does not send a state equal to the last one sent', async () => {
    const { store, sent, pass } = await setup();
    await pass(0);
    store.book(0);
    await pass(2000);
    expect(sent()).toHaveLength(1);
  });

  it('logs a failing bridge once, does not throw, and sends again with the next change', async () => {
    const lines: string[] = [];
    rendererLog.setSink((r) => {
      if (r.logger === 'line-state') lines.push(r.message);
    });
    let fail = true;
    const { store, sent, pass } = await setup(() => (fail ? { ok: false, error: { code: 'host-unreachable', message: 'the host is away' } } : { ok: true, value: { published: true } }));
    await pass(0);
    store.book();
    await pass(1000);
    store.book();
    await pass(1000);
    expect(sent()).toHaveLength(3);
    expect(lines).toEqual(['line state not published: the host is away']);
    fail = false;
    store.book();
    await pass(1000);
    expect(sent().at(-1)?.counts.good).toBe(3);
    rendererLog.setSink(null);
  });

  it('sends the same state again after the host could not publish it (no broker link)', async () => {
    let published = false;
    const { store, sent, pass } = await setup(() => ({ ok: true, value: { published } }));
    await pass(0);
    published = true;
    store.book(0);
    await pass(1000);
    expect(sent().map((s) => s.counts.good)).toEqual([0, 0]);
  });

  it('stops listening and sends nothing more once stopped', async () => {
    const { store, publisher, sent, pass, timers } = await setup();
    await pass(0);
    store.book();
    publisher.stop();
    await pass(5000);
    expect(sent()).toHaveLength(1);
    expect(store.listenerCount()).toBe(0);
    expect(timers.pending()).toEqual([]);
  });
});
