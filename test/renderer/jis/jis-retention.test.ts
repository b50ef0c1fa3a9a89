import { afterEach, describe, expect, it } from 'vitest';
import { positionStatus } from '../../../shared/jis';
import { RetentionRunner } from '../../../renderer/storage/retention';
import { snapshotKeeperFor } from '../../../renderer/storage/snapshots';
import { appRig, type AppRig } from '../support/app-rig';
import { demoPage } from '../support/fixtures';
import { ManualTimers } from '../support/manual-timers';
import { JIS_CONFIG, jisChange, PART, SEQ_ID } from './jis-fixtures';

/**
 * Retention and the folds, end to end over one IndexedDB: JIS
 * positions built and a container left open, a snapshot, every event pruned
 * 31 days later, then a fresh store on the same databases (a reload): the
 * built positions are still built and the container is still open.
 */

const rigs: AppRig[] = [];
afterEach(() => {
  for (const r of rigs.splice(0)) r.close();
});

const DAY = 24 * 3600_000;
const CONTAINER = 'c-retained';

async function terminalWithHistory(): Promise<AppRig> {
  const rig = await appRig({ pulled: false });
  rigs.push(rig);
  await rig.cache.applyPull(demoPage(rig.terminalId, [jisChange(11)]));
  await rig.store.getState().refreshMaster();
  rig.store.setState({ jisConfig: JIS_CONFIG });
  await rig.store.getState().handleScan({ raw: 'B1001' });
  await rig.store.getState().openJis(SEQ_ID);
  for (const n of [1, 2, 3] as const) await rig.store.getState().jisScan(PART[n]);
  const opened = await rig.journal.append(
    [
      { type: 'ContainerOpened', orderId: 'o-2', payload: { containerId: CONTAINER, capacity: 10 } },
      { type: 'PartPacked', orderId: 'o-2', payload: { containerId: CONTAINER, quantity: 3 } },
    ],
    { clock: () => new Date('2025-03-01T06:00:00.000Z') },
  );
  expect(opened.ok).toBe(true);
  return rig;
}

/** A new store over the same IndexedDB databases, as after a restart. */
async function reload(rig: AppRig): Promise<AppRig> {
  const again = await appRig({ terminalId: rig.terminalId, pulled: false });
  rigs.push(again);
  again.store.setState({ jisConfig: JIS_CONFIG });
  return again;
}

describe('retention keeps the folds (snapshots)', () => {
  it('after a snapshot and pruning 31 days later, a reload still shows built positions built and the open container open', async () => {
    const rig = await terminalWithHistory();
    const head = (await rig.journal.syncInfo()).head;
    await rig.journal.advanceCursor(head); // all synced
    const later = () => new Date(Date.parse('2025-03-01T06:00:00.000Z') + 31 * DAY);
    const runner = new RetentionRunner(rig.journal, later, new ManualTimers(), { maxAgeMs: 30 * DAY, batch: 1000 }, snapshotKeeperFor(rig.journal, rig.cache, later));

    expect(await runner.runOnce()).toBe(head);
    expect(await rig.journal.eventsAfter(0, 100)).toEqual([]);
    expect(await rig.journal.snapshotSeq()).toBe(head);

    const after = await reload(rig);
    await after.store.getState().openJis(SEQ_ID);
    const jis = after.store.getState().jis;
    expect([1, 2, 3].map((n) => positionStatus(jis!.positions.find((p) => p.data.sequenceNumber === n)!))).toEqual(['verified', 'verified', 'verified']);
    expect(jis?.racks.map((r) => [r.rackId, r.filled.length, r.status])).toEqual([
      [`${SEQ_ID}-R1`, 2, 'closed'],
      [`${SEQ_ID}-R2`, 1, 'open'],
    ]);
    // Building goes on where it stopped: position 5 (behind the missing 4) is next.
    expect(jis?.positions[jis.cursor]?.data.sequenceNumber).toBe(5);

    await after.store.getState().openOrder('o-2');
    expect(after.store.getState().workflow.production.containers[CONTAINER]).toMatchObject({ status: 'open', quantity: 3 });
    expect(after.store.getState().workflow.production.orders['o-2']?.openContainerId).toBe(CONTAINER);
  });

  it('without a snapshot the same retention run prunes nothing', async () => {
    const rig = await terminalWithHistory();
    const head = (await rig.journal.syncInfo()).head;
    await rig.journal.advanceCursor(head);
    const later = () => new Date(Date.parse('2025-03-01T06:00:00.000Z') + 31 * DAY);
    const runner = new RetentionRunner(rig.journal, later, new ManualTimers(), { maxAgeMs: 30 * DAY });
    expect(await runner.runOnce()).toBe(0);
    expect(await rig.journal.eventsAfter(0, 1000)).toHaveLength(head);
  });
});
