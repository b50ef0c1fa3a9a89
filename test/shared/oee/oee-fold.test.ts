import { describe, expect, it } from 'vitest';
import { foldOee, oeeReport, type OeeFigures, type OeeReport } from '../../../shared/oee';
import { Events, MICRO_MS, REASONS, ROUTINGS, SHIFTS, ms } from './oee-builders';

/**
 * Every expectation below is computed by hand in its comment; the shift
 * model is Early 06:00–14:00 and Late 14:00–22:00, each with a 30-minute
 * break (planned 27,000 s), ideal cycle 30 s, micro-stop threshold 120 s.
 */

function report(events: Events, from = '06:00', to = '22:00', withShifts = true): OeeReport {
  return oeeReport(foldOee(events.list), {
    lineId: 'L1',
    shiftModel: withShifts ? SHIFTS : undefined,
    window: { from: ms(from), to: ms(to) },
    asOf: ms(to),
    microStopMs: MICRO_MS,
    reasons: REASONS,
    routings: ROUTINGS,
  });
}

const shift = (r: OeeReport, id: string): OeeFigures => r.shifts.find((s) => s.shiftId === id)!;

interface Case {
  name: string;
  events: () => Events;
  pick: (r: OeeReport) => OeeFigures;
  expected: Partial<OeeFigures>;
  pareto?: { reasonId: string; seconds: number; stops: number }[];
  withShifts?: boolean;
}

const cases: Case[] = [
  {
    // Planned 27,000 s; the tool change 10:00–10:30 costs 1,800 s → run 25,200 s, A = 0.9333.
    // 780 parts × 30 s = 23,400 s → P = 0.92857; 20 scrap → Q = 760/780; OEE = 760 × 30 / 27,000 = 0.84444.
    // Three 60 s micro-stops stay in run time; the 15-minute stop inside the break costs nothing.
    name: 'a break, micro-stops and a booked stop',
    events: () => {
      const e = new Events().start('O1', '2026-03-02T06:00:00.000Z').state('2026-03-02T06:00:00.000Z', 'running');
      e.machineStop('2026-03-02T07:00:00.000Z', '2026-03-02T07:01:00.000Z').machineStop('2026-03-02T08:00:00.000Z', '2026-03-02T08:01:00.000Z');
      e.machineStop('2026-03-02T11:00:00.000Z', '2026-03-02T11:01:00.000Z');
      e.machineStop('2026-03-02T09:05:00.000Z', '2026-03-02T09:20:00.000Z');
      e.machineStop('2026-03-02T10:00:00.000Z', '2026-03-02T10:30:00.000Z').book('stop-1', '2026-03-02T10:00:00.000Z', '2026-03-02T10:30:00.000Z', 'R-tool');
      e.cycles('2026-03-02T06:00:00.000Z', '2026-03-02T09:59:00.000Z', 400, 'O1').cycles('2026-03-02T10:30:00.000Z', '2026-03-02T13:59:00.000Z', 380, 'O1');
      e.scrap(20, '2026-03-02T12:00:00.000Z', 'O1');
      return e;
    },
    pick: (r) => shift(r, 'early'),
    expected: { plannedSeconds: 27_000, downtimeSeconds: 1_800, runSeconds: 25_200, microStops: 3, microStopSeconds: 180, totalCount: 780, goodCount: 760 },
    pareto: [
      { reasonId: 'R-tool', seconds: 1_800, stops: 1 },
      { reasonId: 'micro-stop', seconds: 180, stops: 3 },
    ],
  },
  {
    // A fault (alarm E42) 13:30–14:45, never classified: Early loses 1,800 s, Late 2,700 s, both unqualified.
    // Late: run 24,300 s, A = 0.9; 600 parts → P = 18,000 / 24,300; Q = 1.
    name: 'a shift boundary in the middle of a stop (late shift)',
    events: () =>
      new Events()
        .start('O1', '2026-03-02T06:00:00.000Z')
        .state('2026-03-02T06:00:00.000Z', 'running')
        .machineStop('2026-03-02T13:30:00.000Z', '2026-03-02T14:45:00.000Z', 'fault', 'E42')
        .cycles('2026-03-02T06:00:00.000Z', '2026-03-02T13:29:00.000Z', 700, 'O1')
        .cycles('2026-03-02T14:45:00.000Z', '2026-03-02T21:59:00.000Z', 600, 'O1'),
    pick: (r) => shift(r, 'late'),
    expected: { plannedSeconds: 27_000, downtimeSeconds: 2_700, runSeconds: 24_300, availability: 0.9, performance: 18_000 / 24_300, quality: 1 },
  },
  {
    name: 'a shift boundary in the middle of a stop (early shift keeps its half)',
    events: () =>
      new Events()
        .start('O1', '2026-03-02T06:00:00.000Z')
        .state('2026-03-02T06:00:00.000Z', 'running')
        .machineStop('2026-03-02T13:30:00.000Z', '2026-03-02T14:45:00.000Z', 'fault', 'E42')
        .cycles('2026-03-02T06:00:00.000Z', '2026-03-02T13:29:00.000Z', 700, 'O1'),
    pick: (r) => shift(r, 'early'),
    expected: { downtimeSeconds: 1_800, runSeconds: 25_200, totalCount: 700, oee: (700 * 30) / 27_000 },
  },
  {
    // Booked 10:00–11:00 as missing material, then split at 10:20 with the rest "running slow" (a performance loss):
    // availability loses 1,200 s, 2,400 s stay in run time as other loss; run = 25,800 s.
    name: 'a stop split in two',
    events: () =>
      new Events()
        .start('O1', '2026-03-02T06:00:00.000Z')
        .state('2026-03-02T06:00:00.000Z', 'running')
        .machineStop('2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z')
        .book('stop-1', '2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z', 'R-material')
        .split('stop-1', '2026-03-02T10:20:00.000Z', 'stop-2', 'R-slow')
        .cycles('2026-03-02T06:00:00.000Z', '2026-03-02T13:59:00.000Z', 800, 'O1'),
    pick: (r) => shift(r, 'early'),
    expected: { downtimeSeconds: 1_200, otherLossSeconds: 2_400, runSeconds: 25_800, performance: 24_000 / 25_800 },
    pareto: [
      { reasonId: 'R-slow', seconds: 2_400, stops: 1 },
      { reasonId: 'R-material', seconds: 1_200, stops: 1 },
    ],
  },
  {
    // The machine counted 500, the operator booked 480 good and 10 scrap: parts = 500 (the machine's), good = 490.
    name: 'machine counts differ from booked counts',
    events: () => {
      const e = new Events().start('O1', '2026-03-02T06:00:00.000Z').state('2026-03-02T06:00:00.000Z', 'running');
      e.cycles('2026-03-02T06:00:00.000Z', '2026-03-02T13:00:00.000Z', 500, 'O1').good(480, '2026-03-02T13:00:00.000Z', 'O1');
      e.scrap(10, '2026-03-02T13:00:00.000Z', 'O1');
      return e;
    },
    pick: (r) => shift(r, 'early'),
    expected: { machineCount: 500, bookedGood: 480, bookedScrap: 10, totalCount: 500, goodCount: 490, quality: 0.98 },
  },
  {
    // No machine signals: the booked parts (480 + 10) are the count; a manual stop 08:00 → 08:45 costs 2,700 s.
    // run 24,300; P = 490 × 30 / 24,300; Q = 480/490; OEE = 480 × 30 / 27,000.
    name: 'a line without machine signals, a stop booked by hand and ended later',
    events: () => {
      const e = new Events().start('O1', '2026-03-02T06:00:00.000Z').book('m-1', '2026-03-02T08:00:00.000Z', undefined, 'R-tool').end('m-1', '2026-03-02T08:45:00.000Z');
      e.good(480, '2026-03-02T13:00:00.000Z', 'O1').scrap(10, '2026-03-02T13:00:00.000Z', 'O1');
      return e;
    },
    pick: (r) => shift(r, 'early'),
    expected: { machineCount: 0, totalCount: 490, goodCount: 480, downtimeSeconds: 2_700, runSeconds: 24_300, performance: (490 * 30) / 24_300, quality: 480 / 490, oee: (480 * 30) / 27_000 },
  },
  {
    // A shift lead reclassifies the tool change as sorting (a quality loss): it leaves availability, joins other loss.
    name: 'a stop reclassified later',
    events: () =>
      new Events()
        .start('O1', '2026-03-02T06:00:00.000Z')
        .state('2026-03-02T06:00:00.000Z', 'running')
        .machineStop('2026-03-02T10:00:00.000Z', '2026-03-02T10:30:00.000Z')
        .book('stop-1', '2026-03-02T10:00:00.000Z', '2026-03-02T10:30:00.000Z', 'R-tool')
        .reclassify('stop-1', 'R-sort', '2026-03-02T12:00:00.000Z')
        .cycles('2026-03-02T06:00:00.000Z', '2026-03-02T13:59:00.000Z', 800, 'O1'),
    pick: (r) => shift(r, 'early'),
    expected: { downtimeSeconds: 0, otherLossSeconds: 1_800, availability: 1 },
    pareto: [{ reasonId: 'R-sort', seconds: 1_800, stops: 1 }],
  },
  {
    // A 10-minute machine stop nobody classified: unqualified downtime (above the 120 s threshold, not a micro-stop).
    name: 'an unclassified machine stop is unqualified downtime',
    events: () =>
      new Events()
        .start('O1', '2026-03-02T06:00:00.000Z')
        .state('2026-03-02T06:00:00.000Z', 'running')
        .machineStop('2026-03-02T07:00:00.000Z', '2026-03-02T07:10:00.000Z', 'no-signal')
        .cycles('2026-03-02T06:00:00.000Z', '2026-03-02T13:59:00.000Z', 800, 'O1'),
    pick: (r) => shift(r, 'early'),
    expected: { downtimeSeconds: 600, microStops: 0 },
    pareto: [{ reasonId: 'unqualified', seconds: 600, stops: 1 }],
  },
  {
    // Scrap of 12 undone again: only the 8 that stayed count. 800 parts → Q = 792/800.
    name: 'undone scrap does not count',
    events: () => {
      const e = new Events().start('O1', '2026-03-02T06:00:00.000Z').state('2026-03-02T06:00:00.000Z', 'running');
      e.cycles('2026-03-02T06:00:00.000Z', '2026-03-02T13:59:00.000Z', 800, 'O1');
      const wrong = e.scrap(12, '2026-03-02T10:00:00.000Z', 'O1');
      e.undoScrap(wrong, '2026-03-02T10:00:30.000Z', 'O1');
      e.scrap(8, '2026-03-02T11:00:00.000Z', 'O1');
      return e;
    },
    pick: (r) => shift(r, 'early'),
    expected: { bookedScrap: 8, quality: 792 / 800 },
  },
  {
    // The order ran 06:00–12:00: planned 6 h − the 30-minute break = 19,800 s; its 600 parts → P = 18,000/19,800.
    name: 'per order: its own window and its own parts',
    events: () =>
      new Events()
        .start('O1', '2026-03-02T06:00:00.000Z')
        .state('2026-03-02T06:00:00.000Z', 'running')
        .cycles('2026-03-02T06:00:00.000Z', '2026-03-02T11:59:00.000Z', 600, 'O1')
        .complete('O1', '2026-03-02T12:00:00.000Z')
        .start('O2', '2026-03-02T12:00:00.000Z')
        .cycles('2026-03-02T12:00:00.000Z', '2026-03-02T13:59:00.000Z', 200, 'O2'),
    pick: (r) => r.orders.find((o) => o.orderId === 'O1')!,
    expected: { plannedSeconds: 19_800, totalCount: 600, performance: 18_000 / 19_800 },
  },
  {
    // Without a shift model every minute of the window is planned: 06:00–22:00 = 57,600 s.
    name: 'no shift model: the whole window is planned',
    withShifts: false,
    events: () => new Events().start('O1', '2026-03-02T06:00:00.000Z').state('2026-03-02T06:00:00.000Z', 'running').cycles('2026-03-02T06:00:00.000Z', '2026-03-02T21:00:00.000Z', 1_000, 'O1'),
    pick: (r) => r.total,
    expected: { plannedSeconds: 57_600, availability: 1, performance: 30_000 / 57_600 },
  },
];

describe('OEE fold against hand-computed shifts', () => {
  it.each(cases)('$name', ({ events, pick, expected, pareto, withShifts }) => {
    const r = report(events(), '06:00', '22:00', withShifts ?? true);
    const figures = pick(r);
    for (const [field, value] of Object.entries(expected)) {
      expect.soft(figures[field as keyof OeeFigures], field).toBeCloseTo(value as number, 9);
    }
    if (figures.availability !== null && figures.performance !== null && figures.quality !== null) {
      expect(figures.oee).toBeCloseTo(figures.availability * figures.performance * figures.quality, 12);
    }
    if (pareto) expect(r.pareto.map(({ reasonId, seconds, stops }) => ({ reasonId, seconds, stops }))).toEqual(pareto);
  });

  it('folds in any order and counts a batch handed over twice once', () => {
    const e = cases[0]!.events();
    const shuffled = [...e.list].reverse();
    shuffled.push(...e.list.filter((x) => x.type === 'MachineCycle'));
    const a = report(e);
    const b = oeeReport(foldOee(shuffled), { lineId: 'L1', shiftModel: SHIFTS, window: { from: ms('06:00'), to: ms('22:00') }, asOf: ms('22:00'), microStopMs: MICRO_MS, reasons: REASONS, routings: ROUTINGS });
    expect(b).toEqual(a);
  });

  it('says nothing it cannot know: no ideal cycle time, no planned time', () => {
    const e = new Events().start('O9', '2026-03-02T06:00:00.000Z', 'M-unknown').state('2026-03-02T06:00:00.000Z', 'running').cycles('2026-03-02T06:00:00.000Z', '2026-03-02T07:00:00.000Z', 100, 'O9');
    const early = shift(report(e), 'early');
    expect(early.performance).toBeNull();
    expect(early.oee).toBeNull();
    expect(early.countWithoutIdeal).toBe(100);
    const nightOnly = report(new Events(), '22:00', '23:59');
    expect(nightOnly.total.plannedSeconds).toBe(0);
    expect(nightOnly.total.availability).toBeNull();
  });
});
