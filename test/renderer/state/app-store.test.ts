import { afterEach, describe, expect, it } from 'vitest';
import { selectLineName, selectOperatorName } from '../../../renderer/state/selectors';
import { appRig, type AppRig } from '../support/app-rig';
import { createPinLockout, memoryStorage } from '../../../renderer/storage/pin-lockout';
import { fixedClock, LEAD_PIN } from '../support/fixtures';

const rigs: AppRig[] = [];
async function make(...args: Parameters<typeof appRig>) {
  const r = await appRig(...args);
  rigs.push(r);
  return r;
}
afterEach(() => {
  for (const r of rigs.splice(0)) r.close();
});

describe('app store (no React)', () => {
  it('loads the line, terminal and orders from the cache', async () => {
    const { store } = await make();
    const s = store.getState();
    expect(s.masterLoaded).toBe(true);
    expect(selectLineName(s)).toBe('Line 1 – Assembly');
    expect(s.orders.map((o) => o.number).sort()).toEqual(['PO-1001', 'PO-1002', 'PO-1003']);
  });

  it('before the first pull, master data is not loaded and a badge scan says so', async () => {
    const { store, journal } = await make({ pulled: false });
    expect(store.getState().masterLoaded).toBe(false);
    await store.getState().handleScan({ raw: 'B1001' });
    expect(store.getState().login).toEqual({ step: 'badge', notice: { kind: 'no-master-data' } });
    expect(await journal.head()).toBe(0);
  });

  it('a known operator badge logs in through the journal and notifies sync', async () => {
    const r = await make();
    await r.store.getState().handleScan({ raw: 'B1001\r\n' });
    const s = r.store.getState();
    expect(s.terminal.operator).toMatchObject({ id: 'op-anna', badge: 'B1001', role: 'operator' });
    expect(selectOperatorName(s)).toBe('Anna Becker');
    expect(s.feedback).toMatchObject({ tone: 'ok', key: 'login.welcome' });
    const [event] = await r.journal.eventsAfter(0, 10);
    expect(event).toMatchObject({ type: 'OperatorLoggedIn', operatorId: 'op-anna', payload: { badge: 'B1001', role: 'operator', method: 'badge' } });
    expect(r.notified).toBe(1);
  });

  it('an unknown badge changes nothing but the message', async () => {
    const r = await make();
    await r.store.getState().handleScan({ raw: 'X\u001d9\r' });
    expect(r.store.getState().login).toEqual({ step: 'badge', notice: { kind: 'unknown-badge', scan: 'X\u001d9' } });
    expect(r.store.getState().feedback).toMatchObject({ tone: 'nok', params: { scan: 'X<GS>9' } });
    expect(await r.journal.head()).toBe(0);
  });

  it('a shift lead needs the PIN; five wrong ones lock the badge on this terminal, across a reload, for 15 minutes', async () => {
    const storage = memoryStorage();
    const clock = fixedClock();
    const deps = (terminalId: string) => ({ pinLockout: createPinLockout(storage, terminalId), clock });
    const first = await make({ deps: deps('T-LOCK') });
    await first.store.getState().handleScan({ raw: 'B9001' });
    expect(first.store.getState().approvalFlow).toMatchObject({ step: 'awaiting-pin', request: { what: { kind: 'login' } } });
    for (let i = 0; i < 3; i++) {
      for (const d of '999999') first.store.getState().approvalDigit(d);
      await first.store.getState().approvalSubmit();
    }
    expect(first.store.getState().approvalFlow).toMatchObject({ step: 'awaiting-pin', attemptsLeft: 2, wrong: true });
    first.close();

    // A reload: a new store over the same terminal's storage still counts the three wrong PINs.
    const r = await make({ terminalId: first.terminalId, deps: deps('T-LOCK') });
    const { getState } = r.store;
    await getState().handleScan({ raw: 'B9001' });
    expect(getState().approvalFlow).toMatchObject({ step: 'awaiting-pin', attemptsLeft: 2 });
    for (let i = 0; i < 2; i++) {
      for (const d of '999999') getState().approvalDigit(d);
      await getState().approvalSubmit();
    }
    expect(getState().approvalFlow.step).toBe('idle');
    expect(getState().login).toEqual({ step: 'badge', notice: { kind: 'pin-locked', minutes: 15 } });
    expect(getState().feedback).toMatchObject({ tone: 'nok', key: 'security.pinLocked', params: { minutes: 15 } });
    await getState().handleScan({ raw: 'B9001' });
    expect(getState().approvalFlow.step).toBe('idle');
    expect(getState().login).toEqual({ step: 'badge', notice: { kind: 'pin-locked', minutes: 15 } });
    expect(await r.journal.head()).toBe(0);

    clock.advance(15 * 60_000);
    await getState().handleScan({ raw: 'B9001' });
    expect(getState().approvalFlow).toMatchObject({ step: 'awaiting-pin', attemptsLeft: 5 });
    for (const d of LEAD_PIN) getState().approvalDigit(d);
    await getState().approvalSubmit();
    expect(getState().terminal.operator?.id).toBe('op-petra');
    expect((await r.journal.eventsAfter(0, 1))[0]?.payload).toEqual({ badge: 'B9001', role: 'shift-lead', method: 'badge+pin' });
  });

  it('starting an order appends OrderStarted with the order and operator', async () => {
    const r = await make();
    await r.store.getState().handleScan({ raw: 'B1001' });
    expect(await r.store.getState().startOrder('o-1')).toBe(true);
    const events = await r.journal.eventsAfter(1, 10);
    expect(events).toEqual([
      expect.objectContaining({ type: 'OrderStarted', orderId: 'o-1', operatorId: 'op-anna', payload: { orderNumber: 'PO-1001', materialId: 'm-1', quantity: 250 } }),
    ]);
    expect(r.store.getState().terminal.activeOrderId).toBe('o-1');
  });

  it('cannot start an order without an operator', async () => {
    const r = await make();
    expect(await r.store.getState().startOrder('o-1')).toBe(false);
    expect(await r.journal.head()).toBe(0);
  });

  it('a reload restores the operator and the started order from the journal snapshot', async () => {
    const first = await make();
    await first.store.getState().handleScan({ raw: 'B1001' });
    await first.store.getState().startOrder('o-1');
    first.close();
    const again = await make({ terminalId: first.terminalId, pulled: false });
    expect(again.store.getState().terminal.operator?.id).toBe('op-anna');
    expect(again.store.getState().terminal.activeOrderId).toBe('o-1');
  });

  it('logout appends OperatorLoggedOut (manual)', async () => {
    const r = await make();
    await r.store.getState().handleScan({ raw: 'B1001' });
    await r.store.getState().logout();
    expect(r.store.getState().terminal.operator).toBeNull();
    const [, out] = await r.journal.eventsAfter(0, 10);
    expect(out).toMatchObject({ type: 'OperatorLoggedOut', operatorId: 'op-anna', payload: { reason: 'manual' } });
  });

  it('a failed journal write shows NOK and leaves the session unchanged', async () => {
    const r = await make({
      deps: {
        journal: {
          append: async () => ({ ok: false, error: { code: 'journal-write-failed', message: 'QuotaExceededError' } }),
          loadState: async () => (await import('../../../shared/terminal-state')).initialTerminalState,
          eventsAfter: async () => [],
          latestSnapshot: async () => null,
          snapshotSeq: async () => 0,
          firstSeq: async () => 1,
        },
      },
    });
    await r.store.getState().handleScan({ raw: 'B1001' });
    expect(r.store.getState().terminal.operator).toBeNull();
    expect(r.store.getState().feedback).toMatchObject({ tone: 'nok', key: 'feedback.saveFailed', params: { message: 'QuotaExceededError' } });
    expect(r.notified).toBe(0);
  });
});
