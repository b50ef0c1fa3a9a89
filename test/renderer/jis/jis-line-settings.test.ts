import { afterEach, describe, expect, it } from 'vitest';
import { appRig, type AppRig } from '../support/app-rig';
import { change, demoPage } from '../support/fixtures';
import { jisChange, PART, SEQ_ID } from './jis-fixtures';

/** The JIS screen takes rack size, variant source and call-off age from the line's master data, not from store defaults. */

const rigs: AppRig[] = [];
afterEach(() => {
  for (const r of rigs.splice(0)) r.close();
});

const L1_WITH_JIS = change('line', 'L1', 30, {
  id: 'L1',
  plantId: 'P1',
  name: 'Line 1 – Assembly',
  settings: { jisRackSlots: 4, jisVariantSource: { kind: 'suffix', separator: '#' }, jisCallOffMaxAgeMinutes: 90 },
});

describe('JIS configuration from the line', () => {
  it('a line with jisRackSlots 4 closes its racks after 4 parts; the call-off age limit is the line’s', async () => {
    const rig = await appRig({ pulled: false });
    rigs.push(rig);
    await rig.cache.applyPull(demoPage(rig.terminalId, [jisChange(11), L1_WITH_JIS]));
    await rig.store.getState().refreshMaster();
    rig.bridge.handle('printer:print', (req) => ({ ok: true, value: { jobId: req.jobId, outcome: 'done', status: { state: 'ready' } } }));
    await rig.store.getState().handleScan({ raw: 'B1001' });
    await rig.store.getState().openJis(SEQ_ID);
    const s = () => rig.store.getState();
    expect(s().jis?.config.rackSlots).toBe(4);
    expect(s().jisMaxCallOffAgeMs).toBe(90 * 60_000);

    for (const n of [1, 2, 3] as const) await s().jisScan(PART[n]);
    expect(s().jis?.racks.map((r) => [r.filled.length, r.status])).toEqual([[3, 'open']]);
    await s().acknowledgeJisGap(); // 4 is missing from the call-off
    await s().jisScan(PART[5]); // the line's suffix variant source reads `PB200#GR`
    expect(s().jisVerdict?.code).toBe('verified');
    expect(s().jis?.racks.map((r) => [r.rackId, r.slots, r.filled.length, r.status])).toEqual([
      [`${SEQ_ID}-R1`, 4, 4, 'closed'],
      [`${SEQ_ID}-R2`, 4, 0, 'open'],
    ]);
  });
});
