import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Cache } from '../../../renderer/storage/cache';
import { Journal } from '../../../renderer/storage/journal';
import { snapshotKeeperFor } from '../../../renderer/storage/snapshots';
import { restoreProduction } from '../../../shared/journal-snapshot';
import { appRig, type AppRig } from '../support/app-rig';
import { uniqueTerminalId } from '../support/fixtures';
import { renderApp } from '../support/render-app';

/**
 * Opening an order right after an update, with the journal far beyond its
 * latest snapshot: the order shows at once, the sync worker folds the history
 * into a fresh snapshot (here the same SnapshotKeeper over its own database
 * handles, as in sync-worker-main.ts), and the UI thread reads only that
 * snapshot and the events after it; the progress fills in when it is ready.
 */

const rigs: AppRig[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  for (const r of rigs.splice(0)) r.close();
});

/** A snapshot request the test lets through when it chooses, folded over the worker's own journal and cache handles. */
function workerSnapshots(terminalId: string, handsOver = false) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const takeSnapshot = vi.fn(async () => {
    await released;
    const [journal, cache] = await Promise.all([Journal.open(terminalId), Cache.open(terminalId)]);
    try {
      const keeper = snapshotKeeperFor(journal, cache, () => new Date('2025-03-01T09:00:00Z'));
      if (!handsOver) return { seq: await keeper.take() };
      // As the real worker does: the production part comes along, so the UI thread need not read the snapshot.
      const snapshot = await keeper.takeLatest();
      return { seq: snapshot?.seq ?? 0, ...(snapshot ? { folded: { seq: snapshot.seq, ...restoreProduction(snapshot, []) } } : {}) };
    } finally {
      journal.close();
      cache.close();
    }
  });
  return { takeSnapshot, release };
}

describe('opening an order far beyond the journal snapshot', () => {
  it('shows the order before the fold is done, folds off the UI thread, then fills in the progress', async () => {
    const terminalId = uniqueTerminalId();
    const worker = workerSnapshots(terminalId);
    const rig = await appRig({ terminalId, deps: { takeSnapshot: worker.takeSnapshot } });
    rigs.push(rig);
    const ctx = { clock: () => new Date('2025-03-01T08:00:00Z') };
    await rig.journal.append([{ type: 'GoodQuantityBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 4 } }], ctx);
    await rig.journal.append([{ type: 'ScrapBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 1, reasonId: 'r-1' } }], ctx);
    // As at boot right after an update: the list's fold asked before the worker ran and left the big fold to the open.
    rig.store.setState({ loadProduction: async () => undefined });
    const view = await renderApp(rig, 'en');
    cleanups.push(view.unwire);
    await act(async () => rig.store.getState().handleScan({ raw: 'B1001' }));
    await screen.findByTestId('order-screen');
    // As after an update: the terminal's head is 100,000 events past any snapshot.
    act(() => rig.store.setState({ terminal: { ...rig.store.getState().terminal, lastSeq: 100_000 } }));
    const uiReads = vi.spyOn(rig.journal, 'eventsAfter');

    fireEvent.click(screen.getByTestId('open-PO-1002'));

    // The order is on screen while the fold has not even started; actions wait, the screen says why.
    expect((await screen.findByTestId('order-detail')).textContent).toContain('PO-1002');
    expect((await screen.findByTestId('wf-loading-progress')).textContent).toBe("Reading this order's progress from the journal …");
    await waitFor(() => expect(worker.takeSnapshot).toHaveBeenCalledTimes(1));
    expect(screen.getByTestId('wf-trace-open').hasAttribute('disabled')).toBe(true);
    // No count is shown until it is known.
    expect(screen.getByTestId('wf-good').textContent).toBe('– / 100');
    expect(screen.getByTestId('wf-scrap').textContent).toBe('–');
    expect(uiReads).not.toHaveBeenCalled();

    await act(async () => worker.release());

    await waitFor(() => expect(screen.queryByTestId('wf-loading-progress')).toBeNull());
    expect(screen.getByTestId('wf-good').textContent).toBe('4 / 100');
    expect(screen.getByTestId('wf-scrap').textContent).toBe('1');
    expect(screen.getByTestId('wf-trace-open').hasAttribute('disabled')).toBe(false);
    // The UI thread read only past the worker's snapshot (which covers both bookings), never the journal from its start.
    expect(await rig.journal.snapshotSeq()).toBeGreaterThanOrEqual(2);
    expect(uiReads.mock.calls.map(([seq]) => seq).every((seq) => seq >= 2)).toBe(true);
  });

  it('an order opened while the order list waits for the worker takes that fold, not a second one', async () => {
    const terminalId = uniqueTerminalId();
    const worker = workerSnapshots(terminalId);
    const rig = await appRig({ terminalId, deps: { takeSnapshot: worker.takeSnapshot } });
    rigs.push(rig);
    await rig.journal.append([{ type: 'GoodQuantityBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 6 } }], { clock: () => new Date('2025-03-01T08:00:00Z') });
    await rig.store.getState().handleScan({ raw: 'B1001' });
    rig.store.setState({ terminal: { ...rig.store.getState().terminal, lastSeq: 100_000 } });
    const listFold = rig.store.getState().loadProduction();
    const opened = rig.store.getState().openOrder('o-2');
    await vi.waitFor(() => expect(worker.takeSnapshot).toHaveBeenCalledTimes(1));
    const snapshotReads = vi.spyOn(rig.journal, 'latestSnapshot');
    worker.release();
    await Promise.all([listFold, opened]);
    expect(worker.takeSnapshot).toHaveBeenCalledTimes(1);
    expect(snapshotReads).toHaveBeenCalledTimes(1);
    expect(rig.store.getState().workflow.production.orders['o-2']?.goodQuantity).toBe(6);
    expect(rig.store.getState().workflow).toMatchObject({ openOrderId: 'o-2', busy: false, productionLoading: false });
  });

  it('starts from the production part the worker hands over and never reads the snapshot back on this thread', async () => {
    const terminalId = uniqueTerminalId();
    const worker = workerSnapshots(terminalId, true);
    const rig = await appRig({ terminalId, deps: { takeSnapshot: worker.takeSnapshot } });
    rigs.push(rig);
    const ctx = { clock: () => new Date('2025-03-01T08:00:00Z') };
    await rig.journal.append([{ type: 'GoodQuantityBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 6 } }], ctx);
    await rig.store.getState().handleScan({ raw: 'B1001' });
    rig.store.setState({ terminal: { ...rig.store.getState().terminal, lastSeq: 100_000 } });
    const snapshotReads = vi.spyOn(rig.journal, 'latestSnapshot');
    worker.release();
    await rig.store.getState().openOrder('o-2');
    expect(snapshotReads).not.toHaveBeenCalled();
    expect(rig.store.getState().workflow.production.orders['o-2']?.goodQuantity).toBe(6);
    expect(rig.store.getState().workflow).toMatchObject({ openOrderId: 'o-2', busy: false, productionLoading: false });
  });

  it('an order opened after the list fold ended (its snapshot stored since) reads neither the snapshot nor asks the worker again', async () => {
    const terminalId = uniqueTerminalId();
    const worker = workerSnapshots(terminalId, true);
    const rig = await appRig({ terminalId, deps: { takeSnapshot: worker.takeSnapshot } });
    rigs.push(rig);
    const ctx = { clock: () => new Date('2025-03-01T08:00:00Z') };
    await rig.journal.append([{ type: 'GoodQuantityBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 6 } }], ctx);
    await rig.store.getState().handleScan({ raw: 'B1001' });
    rig.store.setState({ terminal: { ...rig.store.getState().terminal, lastSeq: 100_000 } });
    worker.release();
    await rig.store.getState().loadProduction();
    expect(worker.takeSnapshot).toHaveBeenCalledTimes(1);
    // Booked past this slice after the list's fold: the open still shows it.
    await rig.journal.append([{ type: 'GoodQuantityBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 2 } }], ctx);
    const snapshotReads = vi.spyOn(rig.journal, 'latestSnapshot');

    await rig.store.getState().openOrder('o-2');

    expect(snapshotReads).not.toHaveBeenCalled();
    expect(worker.takeSnapshot).toHaveBeenCalledTimes(1);
    expect(rig.store.getState().workflow.production.orders['o-2']?.goodQuantity).toBe(8);
    expect(rig.store.getState().workflow).toMatchObject({ openOrderId: 'o-2', busy: false, productionLoading: false });
  });

  it('refolds from the snapshot when retention pruned events the loaded state has not seen', async () => {
    const terminalId = uniqueTerminalId();
    const rig = await appRig({ terminalId, deps: { takeSnapshot: async () => null } });
    rigs.push(rig);
    const ctx = { clock: () => new Date('2025-03-01T08:00:00Z') };
    await rig.store.getState().handleScan({ raw: 'B1001' });
    await rig.store.getState().loadProduction();
    const seen = rig.store.getState().workflow.production.lastSeq;
    await rig.journal.append([{ type: 'GoodQuantityBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 5 } }], ctx);
    // As after a retention cycle: the new booking is in a snapshot and pruned from the events.
    await snapshotKeeperFor(rig.journal, rig.cache, ctx.clock).take();
    vi.spyOn(rig.journal, 'firstSeq').mockResolvedValue(seen + 2);
    const snapshotReads = vi.spyOn(rig.journal, 'latestSnapshot');

    await rig.store.getState().openOrder('o-2');

    expect(snapshotReads).toHaveBeenCalled();
    expect(rig.store.getState().workflow.production.orders['o-2']?.goodQuantity).toBe(5);
  });

  it('folds on the UI thread, as before, where there is no worker to take the snapshot', async () => {
    const terminalId = uniqueTerminalId();
    const rig = await appRig({ terminalId, deps: { takeSnapshot: async () => null } });
    rigs.push(rig);
    await rig.journal.append([{ type: 'GoodQuantityBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 3 } }], { clock: () => new Date('2025-03-01T08:00:00Z') });
    await rig.store.getState().handleScan({ raw: 'B1001' });
    rig.store.setState({ terminal: { ...rig.store.getState().terminal, lastSeq: 100_000 } });
    await rig.store.getState().openOrder('o-2');
    expect(rig.store.getState().workflow.production.orders['o-2']?.goodQuantity).toBe(3);
    expect(rig.store.getState().workflow).toMatchObject({ busy: false, productionLoading: false });
  });
});
