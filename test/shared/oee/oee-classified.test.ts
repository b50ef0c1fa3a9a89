import { describe, expect, it } from 'vitest';
import { buildTimeline, foldOee, oeeReport, reasonsByUse, shiftAt, stopsAwaitingReason, timelineBar, type OeeFigures, type OeeReport } from '../../../shared/oee';
import type { DowntimeReason } from '../../../shared/master-data-oee';
import { Events, MICRO_MS, REASONS, ROUTINGS, SHIFTS, ms, t } from './oee-builders';

/**
 * Machine stops the operator classified (DowntimeClassified), split and
 * reclassified by a shift lead. The early shift 06:00–14:00 with its break
 * 09:00–09:30 plans 27,000 s; ideal cycle 30 s; micro-stop threshold 120 s.
 * Every figure is computed by hand in its comment.
 */

function early(events: Events, asOf = '14:00'): { figures: OeeFigures; report: OeeReport } {
  const report = oeeReport(foldOee(events.list), { lineId: 'L1', shiftModel: SHIFTS, window: { from: ms('06:00'), to: ms('14:00') }, asOf: ms(asOf), microStopMs: MICRO_MS, reasons: REASONS, routings: ROUTINGS });
  return { figures: report.shifts.find((s) => s.shiftId === 'early')!, report };
}
const paretoOf = (r: OeeReport) => r.pareto.map(({ reasonId, seconds, stops }) => ({ reasonId, seconds, stops }));
const running = () => new Events().start('O1', t('06:00')).state(t('06:00'), 'running');

describe('classified machine stops in the OEE fold', () => {
  it('a long stop classified by the operator costs what the booked stop would', () => {
    // 10:00–10:30 classified as tool change: down 1,800 s, run 25,200 s, A = 25,200 / 27,000.
    // 780 parts × 30 s = 23,400 s → P = 23,400 / 25,200; 20 scrap → Q = 760 / 780; OEE = 760 × 30 / 27,000.
    const e = running().machineStop(t('10:00'), t('10:30')).classify('c1', t('10:00'), 'R-tool', t('10:05'));
    e.cycles(t('06:00'), t('09:59'), 400, 'O1').cycles(t('10:30'), t('13:59'), 380, 'O1');
    e.scrap(20, t('12:00'), 'O1');
    const { figures, report } = early(e);
    expect(figures.downtimeSeconds).toBe(1_800);
    expect(figures.availability).toBeCloseTo(25_200 / 27_000, 12);
    expect(figures.performance).toBeCloseTo(23_400 / 25_200, 12);
    expect(figures.quality).toBeCloseTo(760 / 780, 12);
    expect(figures.oee).toBeCloseTo((760 * 30) / 27_000, 12);
    expect(figures.microStops).toBe(0);
    expect(paretoOf(report)).toEqual([{ reasonId: 'R-tool', seconds: 1_800, stops: 1 }]);
  });

  it('charges the reason’s loss category: a performance reason stays in run time', () => {
    // 10:00–10:20 "slow running" (performance): no downtime, A = 1, 1,200 s listed as other loss.
    const { figures } = early(running().machineStop(t('10:00'), t('10:20')).classify('c1', t('10:00'), 'R-slow', t('10:01')));
    expect(figures.downtimeSeconds).toBe(0);
    expect(figures.otherLossSeconds).toBe(1_200);
    expect(figures.availability).toBe(1);
  });

  it('a stop classified while it goes on keeps its reason until the machine runs again', () => {
    // Stopped from 13:00, classified at 13:05, still stopped at 14:00: 3,600 s of material shortage.
    const { figures, report } = early(running().state(t('13:00'), 'stopped').classify('c1', t('13:00'), 'R-material', t('13:05')));
    expect(figures.downtimeSeconds).toBe(3_600);
    expect(paretoOf(report)).toEqual([{ reasonId: 'R-material', seconds: 3_600, stops: 1 }]);
  });

  it('a shift lead splits a classified stop and reclassifies the first part, each a new event', () => {
    // 10:00–10:40 tool change, split at 10:10: 10:10–10:40 material (1,800 s down);
    // then 10:00–10:10 becomes sorting (quality): 600 s other loss, down 1,800 s.
    const e = running().machineStop(t('10:00'), t('10:40')).classify('c1', t('10:00'), 'R-tool', t('10:01'));
    const split = early(e.split('c1', t('10:10'), 'c2', 'R-material'));
    expect(split.figures.downtimeSeconds).toBe(2_400);
    expect(paretoOf(split.report)).toEqual([
      { reasonId: 'R-material', seconds: 1_800, stops: 1 },
      { reasonId: 'R-tool', seconds: 600, stops: 1 },
    ]);
    const { figures, report } = early(e.reclassify('c1', 'R-sort', t('11:00')));
    expect(figures.downtimeSeconds).toBe(1_800);
    expect(figures.otherLossSeconds).toBe(600);
    expect(paretoOf(report)).toEqual([
      { reasonId: 'R-material', seconds: 1_800, stops: 1 },
      { reasonId: 'R-sort', seconds: 600, stops: 1 },
    ]);
  });

  it('a signal gap is classified the same way, and the classification may arrive before the signals', () => {
    // No signal 11:00–11:15, classified as material: 900 s down, nothing unqualified left.
    const e = running().classify('c1', t('11:00'), 'R-material', t('11:20')).state(t('11:00'), 'no-signal').state(t('11:15'), 'running');
    const { figures, report } = early(e);
    expect(figures.downtimeSeconds).toBe(900);
    expect(paretoOf(report)).toEqual([{ reasonId: 'R-material', seconds: 900, stops: 1 }]);
  });

  it('folds the same whatever order the split and reclassifications arrive in', () => {
    // Classified 10:01 as tool change, split at 10:10 (material from then on), the first part sorting (11:00),
    // then slow running (11:30): 10:10–10:40 material 1,800 s, 10:00–10:10 slow running 600 s, whichever event comes first.
    const e = running().machineStop(t('10:00'), t('10:40')).classify('c1', t('10:00'), 'R-tool', t('10:01'));
    e.split('c1', t('10:10'), 'c2', 'R-material').reclassify('c1', 'R-sort', t('11:00')).reclassify('c1', 'R-slow', t('11:30'));
    const inOrder = paretoOf(early(e).report);
    expect(inOrder).toEqual([
      { reasonId: 'R-material', seconds: 1_800, stops: 1 },
      { reasonId: 'R-slow', seconds: 600, stops: 1 },
    ]);
    const reversed = new Events();
    reversed.list.push(...[...e.list].reverse());
    expect(paretoOf(early(reversed).report)).toEqual(inOrder);
  });

  it('a split outside the classified piece changes nothing', () => {
    const e = running().machineStop(t('10:00'), t('10:30')).classify('c1', t('10:00'), 'R-tool', t('10:01')).split('c1', t('09:59'), 'c2', 'R-material');
    expect(paretoOf(early(e).report)).toEqual([{ reasonId: 'R-tool', seconds: 1_800, stops: 1 }]);
  });
});

describe('what the terminal asks and offers', () => {
  const timeline = (e: Events, asOf: string) => {
    const state = foldOee(e.list);
    return { state, segments: buildTimeline(state, { microStopMs: MICRO_MS, reasons: REASONS, asOf: ms(asOf) }) };
  };

  it('asks for the reason of long stops and gaps only, once per stop, until classified', () => {
    const e = running().machineStop(t('07:00'), t('07:01')).machineStop(t('10:00'), t('10:30'), 'fault', 'E42').state(t('12:00'), 'no-signal');
    const { state, segments } = timeline(e, '12:05');
    expect(stopsAwaitingReason(state, segments, ms('12:05'))).toEqual([
      { machineFrom: ms('10:00'), from: ms('10:00'), to: ms('10:30'), ongoing: false, noSignal: false, alarmCode: 'E42' },
      { machineFrom: ms('12:00'), from: ms('12:00'), to: ms('12:05'), ongoing: true, noSignal: true },
    ]);
    // One minute into the gap it is still a micro-stop: nothing to ask yet.
    const early1 = timeline(e, '12:01');
    expect(stopsAwaitingReason(early1.state, early1.segments, ms('12:01')).map((s) => s.machineFrom)).toEqual([ms('10:00')]);
    e.classify('c1', t('10:00'), 'R-tool', t('12:06'));
    const after = timeline(e, '12:06');
    expect(stopsAwaitingReason(after.state, after.segments, ms('12:06')).map((s) => s.machineFrom)).toEqual([ms('12:00')]);
  });

  it('offers the most used reasons first, then master-data order, at most nine', () => {
    const e = running().classify('a', t('07:00'), 'R-material', t('07:10')).classify('b', t('08:00'), 'R-material', t('08:10')).book('s1', t('10:00'), t('10:10'), 'R-sort');
    expect(reasonsByUse(REASONS, foldOee(e.list)).map((r) => r.id)).toEqual(['R-material', 'R-sort', 'R-tool', 'R-slow']);
    const many: DowntimeReason[] = Array.from({ length: 11 }, (_, i) => ({ id: `R${i}`, lineId: 'L1', code: `C${i}`, loss: 'availability', label: { de: `${i}`, en: `${i}` } }));
    expect(reasonsByUse(many, foldOee([])).map((r) => r.id)).toEqual(['R0', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8']);
  });

  it('knows the shift that is on', () => {
    expect(shiftAt(SHIFTS, ms('10:00'))?.shiftId).toBe('early');
    expect(shiftAt(SHIFTS, ms('14:00'))?.shiftId).toBe('late');
    expect(shiftAt(SHIFTS, ms('23:00'))).toBeNull();
    expect(shiftAt(undefined, ms('10:00'))).toBeNull();
  });
});

describe('the shift as a bar', () => {
  it('covers the shift so far without gaps: run, micro-stop, stop by reason, break, and what is ahead', () => {
    // 06:00–14:00 with the break 09:00–09:30, now 10:00: run 06:00–07:00, micro 07:00–07:01, run to 08:00,
    // tool change 08:00–08:30, run to 09:00, break to 09:30, run to 10:00, then 10:00–14:00 ahead.
    const e = running().machineStop(t('07:00'), t('07:01')).machineStop(t('08:00'), t('08:30')).classify('c1', t('08:00'), 'R-tool', t('08:31'));
    const state = foldOee(e.list);
    const segments = buildTimeline(state, { microStopMs: MICRO_MS, reasons: REASONS, asOf: ms('10:00') });
    const shift = shiftAt(SHIFTS, ms('10:00'))!;
    const bar = timelineBar(segments, shift.span, shift.planned, ms('10:00'));
    expect(bar.map((p) => [p.kind, p.reasonId ?? '', (p.to - p.from) / 60_000])).toEqual([
      ['run', '', 60],
      ['micro', 'micro-stop', 1],
      ['run', '', 59],
      ['stop', 'R-tool', 30],
      ['run', '', 30],
      ['break', '', 30],
      ['run', '', 30],
      ['ahead', '', 240],
    ]);
    expect(bar.find((p) => p.kind === 'stop')).toMatchObject({ stopId: 'c1', machineFrom: ms('08:00'), loss: 'availability' });
  });
});
