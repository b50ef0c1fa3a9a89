import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../shared/events';
import type { AppendContext } from '../../../renderer/storage/journal';
import { SyncEngine } from '../../../renderer/sync/sync-engine';
import { appRig, type AppRig } from '../support/app-rig';
import { ManualTimers } from '../support/manual-timers';
import { change, demoPage } from '../support/fixtures';
import { renderApp } from '../support/render-app';

const rigs: AppRig[] = [];
const cleanups: (() => void)[] = [];
async function setup(options: Parameters<typeof appRig>[0] = {}, language: 'en' | 'de' = 'en') {
  const rig = await appRig(options);
  rigs.push(rig);
  const view = await renderApp(rig, language);
  cleanups.push(view.unwire);
  return { rig, view };
}
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  for (const r of rigs.splice(0)) r.close();
});

async function loginAnna(rig: AppRig) {
  await act(async () => rig.store.getState().handleScan({ raw: 'B1001' }));
  await screen.findByTestId('order-screen');
}

describe('order list', () => {
  it('shows the line’s released and started orders as cards', async () => {
    const { rig } = await setup();
    await loginAnna(rig);
    expect(screen.getByRole('heading').textContent).toBe('Orders – Line 1 – Assembly');
    const card = screen.getByTestId('order-PO-1001');
    expect(within(card).getByText('4711-A · Bracket left')).toBeTruthy();
    // The target quantity is read where it matters, against what is booked.
    expect(within(card).getByTestId('progress-PO-1001').textContent).toContain('/ 250 good');
    expect(within(card).getByTestId('status-PO-1001').textContent).toContain('released');
    expect(within(card).getByText(/^Due .*2025/)).toBeTruthy();
    expect(screen.getByTestId('order-PO-1002').getAttribute('data-status')).toBe('started');
    expect(screen.queryByTestId('order-PO-1003')).toBeNull(); // completed
    expect(screen.queryByTestId('order-PO-2001')).toBeNull(); // other line
  });

  it("shows each order's progress from this terminal's journal, kept current by bookings", async () => {
    const { rig } = await setup();
    const ctx = { clock: () => new Date('2025-03-01T08:00:00Z') };
    await rig.journal.append([{ type: 'GoodQuantityBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 7 } }], ctx);
    await rig.journal.append([{ type: 'ScrapBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 2, reasonId: 'r-1' } }], ctx);
    await act(async () => rig.store.getState().loadProduction());
    await loginAnna(rig);
    expect(screen.getByTestId('progress-PO-1002').textContent).toBe('7 / 100 good · 2 scrap');
    expect(screen.getByTestId('progress-PO-1001').textContent).toBe('0 / 250 good · 0 scrap');
    expect(within(screen.getByTestId('progress-PO-1002')).getByRole('progressbar', { hidden: true }).getAttribute('value')).toBe('7');
  });

  it('leaves a journal far beyond its snapshot to the sync worker; opening an order folds it and the list then shows progress', async () => {
    const { rig } = await setup();
    await rig.journal.append([{ type: 'GoodQuantityBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 4 } }], { clock: () => new Date('2025-03-01T08:00:00Z') });
    // As after an update: the terminal's head is 100,000 events past any snapshot.
    act(() => rig.store.setState({ terminal: { ...rig.store.getState().terminal, lastSeq: 100_000 } }));
    await act(async () => rig.store.getState().loadProduction());
    expect(rig.store.getState().workflow.production.orders['o-2']).toBeUndefined();
    await loginAnna(rig);
    await act(async () => rig.store.getState().openOrder('o-2'));
    expect(rig.store.getState().workflow.production.orders['o-2']?.goodQuantity).toBe(4);
    act(() => rig.store.getState().closeOrderDetail());
    expect((await screen.findByTestId('progress-PO-1002')).textContent).toBe('4 / 100 good · 0 scrap');
  });

  it('shows the first 50 orders by due date and every started one; more on request', async () => {
    const { rig } = await setup();
    const bulk = Array.from({ length: 120 }, (_, i) =>
      change('order', `o-b${i}`, 100 + i, { id: `o-b${i}`, number: `PB-${String(i).padStart(3, '0')}`, lineId: 'L1', materialId: 'm-1', quantity: 5, dueDate: '2025-01-01', status: 'released' }),
    );
    await rig.cache.applyPull({ changes: bulk, rev: 300, hasMore: false });
    await rig.store.getState().refreshMaster();
    await loginAnna(rig);
    const numbers = () => screen.getAllByTestId(/^order-P/).map((c) => c.getAttribute('data-testid'));

    // The 50 earliest due, and the started PO-1002 although it is due later; PO-1001 is not shown yet.
    expect(numbers()).toHaveLength(51);
    expect(numbers().slice(0, 2)).toEqual(['order-PB-000', 'order-PB-001']);
    expect(numbers()).toContain('order-PO-1002');
    expect(screen.queryByTestId('order-PO-1001')).toBeNull();
    expect(screen.getByTestId('orders-more-notice').textContent).toContain('Showing 51 of 122 orders');

    fireEvent.click(screen.getByTestId('orders-show-more'));
    expect(numbers()).toHaveLength(101);
    expect(screen.getByTestId('orders-show-more').textContent).toBe('Show 21 more');
    fireEvent.click(screen.getByTestId('orders-show-more'));
    expect(numbers()).toHaveLength(122);
    expect(screen.getByTestId('order-PO-1001')).toBeTruthy();
    expect(screen.queryByTestId('orders-more-notice')).toBeNull();
  });

  it('Start opens the order and starts it there; "started" only after the append resolved', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { rig } = await setup();
    const realAppend = rig.journal.append.bind(rig.journal);
    (rig.journal as { append: typeof realAppend }).append = async (events: readonly NewEvent[], ctx: AppendContext) => {
      if (events[0]?.type === 'OrderStarted') await gate;
      return realAppend(events, ctx);
    };
    await loginAnna(rig);
    fireEvent.click(screen.getByTestId('start-PO-1001'));
    const detail = await screen.findByTestId('order-detail');
    expect(detail.getAttribute('data-status')).toBe('released');
    await act(async () => release());
    await waitFor(() => expect(screen.getByTestId('order-detail').getAttribute('data-status')).toBe('started'));
    expect(screen.getByTestId('wf-verdict').getAttribute('data-tone')).toBe('ok');
    expect(screen.getByTestId('wf-verdict-text').textContent).toBe('Order PO-1001 started');
    const events = await rig.journal.eventsAfter(1, 5);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'OrderStarted', orderId: 'o-1', operatorId: 'op-anna', payload: { orderNumber: 'PO-1001', materialId: 'm-1', quantity: 250 } });

    fireEvent.click(screen.getByTestId('wf-back'));
    expect(screen.getByTestId('order-PO-1001').getAttribute('data-status')).toBe('started');
    expect(screen.getByTestId('status-PO-1001').textContent).toContain('started');
    expect(screen.queryByTestId('start-PO-1001')).toBeNull();
  });

  it('before the first pull it waits for master data instead of showing an empty list', async () => {
    const { rig } = await setup({ pulled: false });
    // Log in via a journal append directly: operators are not known yet.
    await act(async () => {
      await rig.journal.append([{ type: 'OperatorLoggedIn', operatorId: 'op-anna', payload: { badge: 'B1001', role: 'operator', method: 'badge' } }], { clock: () => new Date() });
      await rig.store.getState().restoreSession();
    });
    expect(await screen.findByTestId('orders-waiting')).toBeTruthy();
    expect(screen.getByTestId('orders-waiting').textContent).toContain('Waiting for master data');
    await act(async () => {
      await rig.cache.applyPull(demoPage(rig.terminalId));
      await rig.store.getState().refreshMaster();
    });
    expect(await screen.findByTestId('order-PO-1001')).toBeTruthy();
  });

  it('logout appends OperatorLoggedOut and returns to the badge scan', async () => {
    const { rig } = await setup();
    await loginAnna(rig);
    fireEvent.click(screen.getByTestId('logout'));
    await screen.findByTestId('login-screen');
    expect(screen.getByTestId('operator-name').textContent).toBe('not logged in');
    expect((await rig.journal.eventsAfter(1, 5))[0]).toMatchObject({ type: 'OperatorLoggedOut', payload: { reason: 'manual' } });
  });
});

describe('status bar', () => {
  it('pending sync count in English', async () => {
    const { rig } = await setup();
    act(() => rig.store.getState().setSync({ online: false, pending: 3 }));
    expect(screen.getByTestId('sync-pending').textContent).toBe('3');
    expect(screen.getByTestId('sync-pending-text').textContent).toBe('3 to send');
    expect(screen.getByTestId('sync-online').textContent).toContain('offline');
    expect(screen.getByTestId('sync-online').getAttribute('data-online')).toBe('false');
  });

  it('pending sync count in German, and the toggle switches language', async () => {
    const { rig } = await setup({}, 'de');
    act(() => rig.store.getState().setSync({ online: true, pending: 7 }));
    expect(screen.getByTestId('sync-pending-text').textContent).toBe('7 zu senden');
    expect(screen.getByTestId('sync-pending').textContent).toBe('7');
    expect(screen.getByTestId('sync-online').textContent).toContain('online');
    expect(screen.getByTestId('operator-name').textContent).toBe('nicht angemeldet');
    expect(screen.getByRole('heading').textContent).toBe('Ausweis scannen');
    fireEvent.click(screen.getByTestId('language-toggle'));
    await waitFor(() => expect(screen.getByTestId('sync-pending-text').textContent).toBe('7 to send'));
    expect(screen.getByRole('heading').textContent).toBe('Scan your badge');
  });

  it('the count follows journal appends while the server is unreachable, and drops after a push', async () => {
    const { rig } = await setup();
    let serverUp = false;
    rig.bridge.handle('sync:push', ({ events }) =>
      serverUp ? { ok: true, value: { ackSeq: events[events.length - 1]!.seq } } : { ok: false, error: { code: 'server-unreachable', message: 'down' } },
    );
    rig.bridge.handle('sync:pull', (q) => ({ ok: true, value: { changes: [], rev: Number(q.after ?? 0), hasMore: false } }));
    const engine = new SyncEngine({
      journal: rig.journal,
      cache: rig.cache,
      bridge: rig.bridge,
      clock: () => new Date(),
      timers: new ManualTimers(),
      publish: (status) => rig.store.getState().setSync(status),
    });
    engine.start();
    await loginAnna(rig);
    engine.notify();
    await waitFor(() => {
      expect(screen.getByTestId('sync-pending').textContent).toBe('1');
      expect(screen.getByTestId('sync-online').textContent).toContain('offline');
    });
    serverUp = true;
    engine.notify();
    await waitFor(() => {
      expect(screen.getByTestId('sync-pending').textContent).toBe('0');
      expect(screen.getByTestId('sync-online').getAttribute('data-online')).toBe('true');
    });
    engine.stop();
  });

  it('shows when the host link is down, in words an operator understands, and claims nothing about the devices', async () => {
    const { rig } = await setup();
    act(() => {
      rig.store.getState().setScanner({ state: 'connected', port: '/dev/ttyACM0' });
      rig.store.getState().setSync({ online: true, pending: 0 });
    });
    expect(screen.queryByTestId('host-link')).toBeNull();
    expect(screen.getByTestId('scanner-state').getAttribute('data-state')).toBe('connected');
    act(() => rig.bridge.setConnection('disconnected'));
    expect(screen.getByTestId('host-link').textContent).toContain('The terminal service is not reachable: scanner, printer and new bookings wait, earlier bookings are saved.');
    expect(screen.getByTestId('host-link').textContent).not.toMatch(/\bhost\b/i);
    expect(screen.getByTestId('scanner-state').getAttribute('data-state')).toBe('unknown');
    expect(screen.getByTestId('scanner-state').textContent).toContain('unknown');
    expect(screen.getByTestId('scanner-state').textContent).not.toContain('connected');
    expect(screen.getByTestId('sync-online').getAttribute('data-online')).toBe('unknown');
    expect(screen.getByTestId('sync-online').textContent).toContain('unknown');
    act(() => rig.bridge.setConnection('connected'));
    expect(screen.queryByTestId('host-link')).toBeNull();
    expect(screen.getByTestId('sync-online').getAttribute('data-online')).toBe('true');
  });

  it('after the host is back the scanner stays unknown until the new host reports it, then shows its answer', async () => {
    const { rig } = await setup();
    act(() => rig.store.getState().setScanner({ state: 'connected', port: '/dev/ttyACM0' }));
    act(() => rig.bridge.setConnection('disconnected'));
    // The restarted host is back, but has not told anything about its scanner yet (this fake has no scanner:status handler).
    act(() => rig.bridge.setConnection('connected'));
    expect(screen.queryByTestId('host-link')).toBeNull();
    expect(screen.getByTestId('scanner-state').getAttribute('data-state')).toBe('unknown');
    act(() => rig.bridge.emit('device:status', { device: 'scanner', status: { state: 'connected', port: '/dev/ttyACM0' } }));
    expect(screen.getByTestId('scanner-state').getAttribute('data-state')).toBe('connected');
  });

  it('says "unbekannt" in German while the host cannot be reached', async () => {
    const { rig } = await setup({}, 'de');
    act(() => rig.store.getState().setScanner({ state: 'connected', port: '/dev/ttyACM0' }));
    act(() => rig.bridge.setConnection('disconnected'));
    expect(screen.getByTestId('scanner-state').textContent).toContain('unbekannt');
    expect(screen.getByTestId('host-link').textContent).toContain('Terminal-Dienst nicht erreichbar');
    expect(screen.getByTestId('host-link').textContent).not.toContain('Host');
  });

  it('a window another one took over says so instead of promising to reconnect', async () => {
    const { rig } = await setup({}, 'de');
    act(() => rig.store.getState().setScanner({ state: 'connected', port: '/dev/ttyACM0' }));
    act(() => rig.bridge.setConnection('replaced'));
    expect(screen.getByTestId('host-link').getAttribute('data-state')).toBe('replaced');
    expect(screen.getByTestId('host-link').textContent).toContain('Ein anderes Fenster hat das Terminal übernommen.');
    expect(screen.getByTestId('scanner-state').getAttribute('data-state')).toBe('unknown');
  });
});
