import { describe, expect, it } from 'vitest';
import { LiveOee } from '../../../shared/oee';
import { initialDowntime, type DowntimeState } from '../../../renderer/state/downtime-slice';
import { downtimeView, oeeContextOf, recomputeSource } from '../../../renderer/state/downtime-view';
import { Events, MICRO_MS, REASONS, ROUTINGS, SHIFTS, ms, t } from '../../shared/oee/oee-builders';

/**
 * The order screen's downtime view from the slice's running index, cycle by
 * cycle through an early shift, against the same view recomputed from the
 * whole fold each time: the bar, both OEE lines, the stops waiting for a
 * reason and the machine's count agree at every step.
 */

function shiftEvents(): Events {
  const e = new Events().start('O1', t('06:00'));
  for (let m = 1; m < 90; m += 1) {
    const hh = String(6 + Math.floor(m / 60)).padStart(2, '0');
    const at = `${hh}:${String(m % 60).padStart(2, '0')}`;
    if (m === 20) e.machineStop(t('06:20:10'), t('06:20:50'));
    if (m === 40) e.state(t('06:40:05'), 'fault', 'E42');
    if (m === 52) e.state(t('06:52:00'), 'running');
    if (m === 60) e.classify('C1', t('06:40:05'), 'R-tool', t('07:00'));
    if (m === 70) e.scrap(1, t('07:10'), 'O1');
    e.cycles(t(at.length === 5 ? `${at}:00` : at), t(`${at}:30`), 2, 'O1');
  }
  return e;
}

describe('the downtime view from the running index', () => {
  it('shows what a full recompute shows after every event of a shift', () => {
    const live = new LiveOee();
    let d: DowntimeState = initialDowntime(live);
    d = { ...d, master: { reasons: REASONS, routings: ROUTINGS, shiftModel: SHIFTS, microStopMs: MICRO_MS } };
    let parts = 0;
    for (const event of shiftEvents().list) {
      live.fold(event);
      if (event.type === 'MachineCycle') parts += 2;
      d = { ...d, now: Date.parse(event.occurredAt) + 1000, version: d.version + 1 };
      const view = downtimeView(d, 'O1', ms('06:00'));
      expect(view).toEqual(downtimeView(d, 'O1', ms('06:00'), recomputeSource(d, oeeContextOf(d))));
      expect(live.machineCount('O1')).toBe(parts);
    }
    const last = downtimeView(d, 'O1');
    expect(last.shiftFigures.machineCount).toBe(parts);
    expect(last.shiftFigures.bookedScrap).toBe(1);
    expect(last.bar.some((p) => p.kind === 'stop' && p.reasonId === 'R-tool')).toBe(true);
  });
});
