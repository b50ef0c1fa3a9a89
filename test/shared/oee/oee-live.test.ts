import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiveOee, foldOee, indexOee, oeeFigures, shiftsIn, type OeeContext, type OeeEventInput } from '../../../shared/oee';
import type { Routing } from '../../../shared/master-data-oee';
import { MICRO_MS, REASONS, ROUTINGS, SHIFTS, ms } from './oee-builders';

/**
 * The terminal's running index (LiveOee) against the full recompute the
 * server runs (foldOee, indexOee, oeeFigures), for random event sequences
 * asked after every event: the same figures and the same timeline, exactly.
 * Times sit on a minute grid so stops, cycles and bookings meet at their ends.
 */

const START = ms('06:00');
const MIN = 60_000;
const iso = (at: number): string => new Date(at).toISOString();
const REASON_IDS = REASONS.map((r) => r.id);
const ORDERS = ['O1', 'O2'];
const OTHER_ROUTINGS: Routing[] = [...ROUTINGS, { id: 'r-m2', materialId: 'M2', idealCycleSeconds: 45 }];

const minute = fc.integer({ min: 0, max: 600 });
const reasonId = fc.constantFrom(...REASON_IDS);
const orderId = fc.constantFrom<string | null>('O1', 'O2', null);
const stopId = fc.constantFrom('S1', 'S2', 'S3', 'C1', 'C2');

type Step = { at: number; make: (id: string, at: number) => Omit<OeeEventInput, 'id' | 'occurredAt'> };

/** Mostly forward in time (as a machine reports), sometimes a late event from earlier. */
const when = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 4 }) }, { weight: 1, arbitrary: fc.integer({ min: -60, max: -1 }) });

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ at: when, sig: fc.integer({ min: 0, max: 60 }), count: fc.integer({ min: 1, max: 4 }), back: fc.integer({ min: 0, max: 3 }), orderId }).map((c) => ({ at: c.at, make: (_id: string, at: number) => ({ type: 'MachineCycle', orderId: c.orderId, payload: { machineId: 'M', count: c.count, from: iso(at - c.back * MIN), to: iso(at), firstSignalId: `c${c.sig}`, lastSignalId: `c${c.sig}+` } }) })) },
  { weight: 4, arbitrary: fc.record({ at: when, state: fc.constantFrom('running', 'running', 'stopped', 'fault', 'no-signal'), alarm: fc.boolean() }).map((s) => ({ at: s.at, make: (id: string, at: number) => ({ type: 'MachineStateChanged', payload: { machineId: 'M', state: s.state, at: iso(at), signalId: id, ...(s.alarm ? { alarmCode: 'E1' } : {}) } }) })) },
  { weight: 1, arbitrary: fc.record({ at: when, stopId, len: fc.option(fc.integer({ min: 1, max: 40 })), reasonId: fc.option(reasonId) }).map((b) => ({ at: b.at, make: (_id: string, at: number) => ({ type: 'DowntimeBooked', payload: { stopId: b.stopId, from: iso(at), ...(b.len ? { to: iso(at + b.len * MIN) } : {}), ...(b.reasonId ? { reasonId: b.reasonId } : {}) } }) })) },
  { weight: 1, arbitrary: fc.record({ at: when, stopId }).map((e) => ({ at: e.at, make: (_id: string, at: number) => ({ type: 'DowntimeEnded', payload: { stopId: e.stopId, to: iso(at) } }) })) },
  { weight: 1, arbitrary: fc.record({ at: when, stopId, from: minute, reasonId }).map((c) => ({ at: c.at, make: () => ({ type: 'DowntimeClassified', payload: { stopId: c.stopId, from: iso(START + c.from * MIN), reasonId: c.reasonId } }) })) },
  { weight: 1, arbitrary: fc.record({ at: when, stopId, split: minute, newStopId: stopId, reasonId }).map((s) => ({ at: s.at, make: () => ({ type: 'DowntimeSplit', payload: { stopId: s.stopId, at: iso(START + s.split * MIN), newStopId: s.newStopId, reasonId: s.reasonId } }) })) },
  { weight: 1, arbitrary: fc.record({ at: when, stopId, reasonId }).map((r) => ({ at: r.at, make: () => ({ type: 'DowntimeReclassified', payload: { stopId: r.stopId, reasonId: r.reasonId } }) })) },
  { weight: 1, arbitrary: fc.record({ at: when, orderId: fc.constantFrom(...ORDERS), materialId: fc.constantFrom('M1', 'M2') }).map((o) => ({ at: o.at, make: () => ({ type: 'OrderStarted', orderId: o.orderId, payload: { orderNumber: o.orderId, materialId: o.materialId, quantity: 100 } }) })) },
  { weight: 1, arbitrary: fc.record({ at: when, orderId: fc.constantFrom(...ORDERS), quantity: fc.integer({ min: 1, max: 5 }), scrap: fc.boolean() }).map((g) => ({ at: g.at, make: () => ({ type: g.scrap ? 'ScrapBooked' : 'GoodQuantityBooked', orderId: g.orderId, payload: { quantity: g.quantity } }) })) },
  { weight: 1, arbitrary: fc.record({ at: when, n: fc.integer({ min: 1, max: 40 }) }).map((u) => ({ at: u.at, make: () => ({ type: 'ScrapUndone', payload: { scrapEventId: `e${u.n}` } }) })) },
);

/** What a terminal asks after an event: "now" (mostly the event's time, sometimes later or earlier) and whether master data changed. */
const askArb = fc.record({ lag: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -30, max: 30 }) }), otherRoutings: fc.boolean(), otherMicro: fc.boolean() });

function toEvents(steps: Step[]): OeeEventInput[] {
  let clock = START;
  return steps.map((s, i) => {
    clock = Math.max(START, clock + s.at * MIN);
    const id = `e${i + 1}`;
    return { id, occurredAt: iso(clock), ...s.make(id, clock) };
  });
}

describe('LiveOee, the terminal running index', () => {
  it('gives the full recompute figures and timeline after every event of a random shift', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(stepArb, askArb), { minLength: 1, maxLength: 60 }), (pairs) => {
        const events = toEvents(pairs.map(([s]) => s));
        const live = new LiveOee();
        const early = shiftsIn(SHIFTS, { from: START, to: START + 1 }).find((s) => s.shiftId === 'early')!;
        events.forEach((event, i) => {
          live.fold(event);
          const ask = pairs[i]![1];
          const asOf = Date.parse(event.occurredAt) + ask.lag * MIN;
          const ctx: OeeContext = { asOf, microStopMs: ask.otherMicro ? MICRO_MS / 2 : MICRO_MS, reasons: REASONS, routings: ask.otherRoutings ? OTHER_ROUTINGS : ROUTINGS };
          const full = indexOee(foldOee(events.slice(0, i + 1)), ctx);
          const sofar = { from: early.span.from, to: Math.max(early.span.from, Math.min(asOf, early.span.to)) };
          expect(live.figures(ctx, sofar, early.planned)).toEqual(oeeFigures(full, sofar, early.planned));
          expect(live.index(ctx).segments).toEqual(full.segments);
          for (const orderId of ORDERS) {
            const window = { from: START + 30 * MIN, to: asOf };
            expect(live.figures(ctx, window, [window], orderId)).toEqual(oeeFigures(full, window, [window], orderId));
            expect(live.machineCount(orderId)).toBe([...full.state.cycles.values()].filter((c) => c.orderId === orderId).reduce((n, c) => n + c.count, 0));
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('starts from a state folded elsewhere and still agrees as it grows', () => {
    const events = toEvents(fc.sample(stepArb, { numRuns: 80, seed: 7 }));
    const folded = foldOee(events.slice(0, 40));
    const live = new LiveOee(folded);
    const ctx = (asOf: number): OeeContext => ({ asOf, microStopMs: MICRO_MS, reasons: REASONS, routings: ROUTINGS });
    for (let i = 40; i < events.length; i += 1) {
      live.fold(events[i]!);
      const asOf = Date.parse(events[i]!.occurredAt);
      const window = { from: START, to: asOf };
      expect(live.figures(ctx(asOf), window, [window])).toEqual(oeeFigures(indexOee(foldOee(events.slice(0, i + 1)), ctx(asOf)), window, [window]));
    }
  });
});
