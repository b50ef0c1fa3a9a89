import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../../shared/sync-protocol';
import { realTimers } from '../../../renderer/bridge/types';
import { followMasterNews } from '../../../renderer/sync/master-news';
import { SyncEngine } from '../../../renderer/sync/sync-engine';
import type { AppRig } from '../support/app-rig';
import { change, LEAD_PIN } from '../support/fixtures';
import { acknowledge, clickForVerdict, HOUSING, journal, scan, startRunning, typePad, workflowSetup } from './workflow-rig';

/**
 * Live master data on the open order screen (finding 13.1): the host says the
 * server has a newer revision, the sync loop pulls at once, and the open
 * order takes the change without being reopened: a newly blocked batch is
 * refused when scanned, a loaded batch that became blocked turns red and stops
 * good bookings and completion until it is replaced or a shift lead keeps it.
 */

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** The real sync engine and master-news follower over the rig's cache, with a server that blocks batches on request. */
function liveSync(rig: AppRig) {
  let rev = 40;
  const pending: PullResponse['changes'] = [];
  rig.bridge.handle('sync:push', ({ events }) => ({ ok: true, value: { ackSeq: events.at(-1)?.seq ?? 0 } }));
  rig.bridge.handle('sync:pull', ({ after }) => {
    const changes = pending.filter((c) => c.rev > Number(after ?? 0));
    return { ok: true, value: { changes, rev: changes.at(-1)?.rev ?? Math.max(Number(after ?? 0), 30), hasMore: false } };
  });
  const engine = new SyncEngine({
    journal: rig.journal,
    cache: rig.cache,
    bridge: rig.bridge,
    clock: () => new Date(),
    timers: realTimers,
    publish: () => undefined,
    onPulled: () => void rig.store.getState().refreshMaster(),
    // No periodic pull within the test: only the server's news brings the change.
    pullIntervalMs: 10 * 60_000,
  });
  engine.start();
  const stopNews = followMasterNews({ bridge: rig.bridge, checkpoint: () => rig.cache.checkpoint(), pullNow: () => engine.pullNow() });
  stops.push(() => engine.stop(), stopNews);
  return {
    /** Quality blocks a batch at the server; the host's long poll reports the new revision. */
    block(materialId: string, batch: string, reason: string) {
      rev += 1;
      pending.push(change('blocked-batch', `bb-${batch}`, rev, { id: `bb-${batch}`, materialId, batch, reason }));
      act(() => rig.bridge.emit('master:changed', { rev }));
    },
  };
}

describe('live master data on the open order', () => {
  it('refuses a batch blocked at the server while the order is open, without reopening it', async () => {
    const { rig } = await workflowSetup();
    const server = liveSync(rig);
    server.block('m-3', 'H-BLOCK-7', 'Supplier recall');
    await waitFor(() => expect(rig.store.getState().workflow.master.blockedBatches.map((b) => b.batch)).toContain('H-BLOCK-7'));
    const refused = await scan(rig, HOUSING('H-BLOCK-7'));
    expect(refused).toEqual({ tone: 'nok', text: 'Batch H-BLOCK-7 is blocked: Supplier recall' });
    acknowledge();
    expect((await journal(rig)).filter((e) => e.type === 'MaterialLoaded')).toEqual([]);
  });

  it('turns a loaded batch red when it becomes blocked, stops good parts and completion, and a shift lead keeps it with a reason', async () => {
    const { rig } = await workflowSetup();
    await startRunning(rig);
    expect((await clickForVerdict(rig, 'wf-plus-one')).tone).toBe('ok');
    const server = liveSync(rig);
    server.block('m-3', 'H7', 'Crack found');

    const cell = await waitFor(() => {
      const el = screen.getByTestId('batch-HSG-1').querySelector('[data-blocked="true"]');
      expect(el).not.toBeNull();
      return el as HTMLElement;
    });
    expect(cell.textContent).toBe('H7 · blocked');
    expect(cell.querySelector('svg[data-icon="nok"]')).not.toBeNull();
    expect(screen.getByTestId('wf-blocked-banner').textContent).toContain('Batch H7 (HSG-1) has been blocked: Crack found');

    const stopped = await clickForVerdict(rig, 'wf-plus-one');
    expect(stopped).toEqual({ tone: 'nok', text: 'Batch H7 on this order has been blocked: Crack found. Scan a new batch, or a shift lead keeps it.' });
    acknowledge();
    fireEvent.click(screen.getByTestId('wf-complete'));
    typePad('numpad', '1');
    expect((await clickForVerdict(rig, 'numpad-submit')).tone).toBe('nok');
    acknowledge();
    expect(screen.getByTestId('wf-good').textContent).toBe('1 / 100');

    // The shift lead keeps it: reason, badge, PIN; the approval says what is approved.
    fireEvent.click(screen.getByTestId('wf-blocked-override-sorted-ok'));
    const layer = await screen.findByTestId('approval-layer');
    expect(layer.getAttribute('data-step')).toBe('awaiting-badge');
    expect(screen.getByTestId('approval-what').textContent).toBe('Keep using blocked batch H7 · Reason: Sorted, parts OK');
    act(() => rig.bridge.emit('scanner:scan', { raw: 'B9001', source: 'serial', receivedAt: new Date().toISOString() }));
    await waitFor(() => expect(screen.getByTestId('approval-layer').getAttribute('data-step')).toBe('awaiting-pin'));
    typePad('approval', LEAD_PIN);
    expect((await clickForVerdict(rig, 'approval-submit')).text).toBe('Blocked batch H7 kept: approved by the shift lead');
    expect(screen.getByTestId('wf-blocked-kept').textContent).toContain('H7');
    expect((await clickForVerdict(rig, 'wf-plus-one')).tone).toBe('ok');

    const overridden = (await journal(rig)).find((e) => e.type === 'BlockedBatchOverridden');
    expect(overridden?.payload).toEqual({ materialId: 'm-3', batch: 'H7', blockReason: 'Crack found', reason: 'Sorted, parts OK', approvedBy: 'op-petra' });
  });

  it('a new batch of the material replaces the blocked one and the order goes on', async () => {
    const { rig } = await workflowSetup();
    await startRunning(rig);
    liveSync(rig).block('m-3', 'H7', 'Crack found');
    await screen.findByTestId('wf-blocked-banner');
    expect((await scan(rig, HOUSING('H8'))).tone).toBe('ok');
    expect(screen.queryByTestId('wf-blocked-banner')).toBeNull();
    expect((await clickForVerdict(rig, 'wf-plus-one')).tone).toBe('ok');
  });
});

describe('corrections on the order screen', () => {
  it('never closes an empty container, and corrects a wrong booking with a shift lead above the threshold', async () => {
    const { rig } = await workflowSetup();
    await startRunning(rig);
    fireEvent.click(screen.getByTestId('wf-plus-n'));
    typePad('numpad', '20');
    await clickForVerdict(rig, 'numpad-submit');
    // 20 parts of a 20-part container: it closed, its label waits, an empty one is open.
    await screen.findByTestId('wf-label-preview');
    const empty = await clickForVerdict(rig, 'wf-close-container');
    expect(empty).toEqual({ tone: 'nok', text: 'The open container is empty: there is nothing to close.' });
    acknowledge();
    expect((await journal(rig)).filter((e) => e.type === 'ContainerClosed')).toHaveLength(1);

    fireEvent.click(screen.getByTestId('wf-plus-n'));
    typePad('numpad', '9');
    await clickForVerdict(rig, 'numpad-submit');
    expect(screen.getByTestId('wf-good').textContent).toBe('29 / 100');
    // 9 was a typo for 2: 7 too many, above the line's threshold of 5.
    fireEvent.click(screen.getByTestId('wf-correct-open'));
    typePad('numpad', '22');
    fireEvent.click(screen.getByTestId('numpad-submit'));
    const layer = await screen.findByTestId('approval-layer');
    expect(layer.getAttribute('data-step')).toBe('awaiting-badge');
    expect(screen.getByTestId('approval-what').textContent).toBe('Correct the good quantity: from 29 to 22 parts');
    act(() => rig.bridge.emit('scanner:scan', { raw: 'B9001', source: 'serial', receivedAt: new Date().toISOString() }));
    await waitFor(() => expect(screen.getByTestId('approval-layer').getAttribute('data-step')).toBe('awaiting-pin'));
    typePad('approval', LEAD_PIN);
    expect((await clickForVerdict(rig, 'approval-submit')).text).toBe('Good quantity corrected to 22 (-7)');
    expect(screen.getByTestId('wf-good').textContent).toBe('22 / 100');
    const corrected = (await journal(rig)).find((e) => e.type === 'GoodQuantityCorrected');
    // The 7 parts the typo packed come back out of the open container; the closed one keeps its 20.
    expect(corrected?.payload).toEqual({
      delta: -7,
      kind: 'booking',
      correctedTo: 22,
      approvedBy: 'op-petra',
      reason: 'good quantity 29 → 22',
      fromContainer: { containerId: rig.store.getState().workflow.production.orders['o-5']?.openContainerId, quantity: 7 },
    });
    expect(screen.getByTestId('wf-open-container').textContent).toBe('Open container: 2 / 20');
    // Below what the closed container holds is refused: its label is printed, its parts stay.
    fireEvent.click(screen.getByTestId('wf-correct-open'));
    typePad('numpad', '19');
    expect(await clickForVerdict(rig, 'numpad-submit')).toEqual({ tone: 'nok', text: '20 parts are already in closed containers: the good quantity cannot be less.' });
  });
});
