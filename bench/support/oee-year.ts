/**
 * A seeded year of shop-floor events for the OEE benchmark: per line, the
 * machine's signals as the host journals them (the real MachineBatcher turns
 * the cumulative counter and the state into MachineCycle batches and
 * MachineStateChanged events) plus what operators book (orders, stop reasons,
 * scrap, good quantities). One cycle every 30 s while the line runs.
 *
 * The shift model (UTC, Monday to Friday, 06–14 and 14–22, a 30-minute break
 * in each) decides when the machine runs: it stops at each break and at 22:00
 * and starts again after. Inside planned time come micro-stops (15–90 s,
 * below the 120 s threshold) and long stops (5–30 min, a third of them faults
 * with an alarm code), two of three long stops booked with a reason.
 *
 * Generated one line-day at a time, so a year of 20 lines never sits in
 * memory. Stops lie wholly inside one planned stretch (never across a break
 * or a shift's end): that is what lets a plain SQL GROUP BY (oee-sql.ts)
 * compute the same figures; the shared fold has no such limit.
 */
import { MachineBatcher } from '../../electron/host/machine-batcher';
import type { MachineItem } from '../../shared/bridge-machine';
import type { DowntimeReason, Routing, ShiftModel } from '../../shared/master-data-oee';
import { seededRandom } from '../../shared/seeded-random';

export const BENCH_YEAR_START = Date.parse('2025-01-01T00:00:00.000Z');
export const MICRO_STOP_SECONDS = 120;

/** A stretch of planned production: [start, end) as wall-clock UTC, and what the machine does at its end. */
interface Stretch {
  shiftId: 'early' | 'late';
  start: string;
  end: string;
  /** The machine stops at the end (break or end of the day); at 14:00 it runs on into the next shift. */
  stopsAtEnd: boolean;
}

const STRETCHES: Stretch[] = [
  { shiftId: 'early', start: '06:00', end: '10:00', stopsAtEnd: true },
  { shiftId: 'early', start: '10:30', end: '14:00', stopsAtEnd: false },
  { shiftId: 'late', start: '14:00', end: '18:00', stopsAtEnd: true },
  { shiftId: 'late', start: '18:30', end: '22:00', stopsAtEnd: true },
];
const WEEKDAYS = [1, 2, 3, 4, 5];

export const shiftModelOf = (lineId: string): ShiftModel => ({
  id: `sm-${lineId}`,
  lineId,
  timeZone: 'UTC',
  shifts: [
    { id: 'early', name: 'Early', start: '06:00', end: '14:00', breaks: [{ start: '10:00', end: '10:30' }], days: WEEKDAYS },
    { id: 'late', name: 'Late', start: '14:00', end: '22:00', breaks: [{ start: '18:00', end: '18:30' }], days: WEEKDAYS },
  ],
});

export const BENCH_ROUTINGS: Routing[] = [
  { id: 'rt-M-A', materialId: 'M-A', idealCycleSeconds: 27 },
  { id: 'rt-M-B', materialId: 'M-B', idealCycleSeconds: 28 },
  { id: 'rt-M-C', materialId: 'M-C', idealCycleSeconds: 29 },
];

const REASON_LOSSES: [string, DowntimeReason['loss']][] = [
  ['tool', 'availability'],
  ['material', 'availability'],
  ['maintenance', 'availability'],
  ['changeover', 'availability'],
  ['quality-check', 'availability'],
  ['slow-running', 'performance'],
  ['sorting', 'quality'],
];
export const reasonsOf = (lineId: string): DowntimeReason[] =>
  REASON_LOSSES.map(([code, loss]) => ({ id: `${lineId}-${code}`, lineId, code, loss, label: { de: code, en: code } }));

/** One row of the server's `events` table, as a push stores it. */
export interface EventRow {
  terminal_id: string;
  seq: number;
  id: string;
  type: string;
  occurred_at: string;
  operator_id: string | null;
  order_id: string | null;
  payload: string;
  schema_version: number;
  received_at: string;
  known: 0 | 1;
}

export interface LineSimOptions {
  lineIndex: number;
  seed: number;
  cycleSeconds: number;
  /** The host's MachineCycle interval (machineBatchSeconds). */
  batchSeconds: number;
}

const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const at = (dayMs: number, hhmm: string): number => dayMs + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000;

export const lineIdOf = (lineIndex: number): string => `L${String(lineIndex + 1).padStart(2, '0')}`;
export const terminalIdOf = (lineIndex: number): string => `T-${lineIdOf(lineIndex)}`;

/** One line's machine and operators, a day at a time. */
export class LineSim {
  readonly lineId: string;
  readonly terminalId: string;
  private readonly rand: () => number;
  private readonly batcher: MachineBatcher;
  private readonly reasons: DowntimeReason[];
  private seq = 0;
  private counter = 0;
  private stopNo = 0;
  private rows: EventRow[] = [];
  private orderId: string | null = null;

  constructor(private readonly o: LineSimOptions) {
    this.lineId = lineIdOf(o.lineIndex);
    this.terminalId = terminalIdOf(o.lineIndex);
    this.rand = seededRandom(o.seed * 1000 + o.lineIndex);
    this.batcher = new MachineBatcher({ machineId: `M-${this.lineId}`, batchMs: o.batchSeconds * 1000, gapMs: 3600_000 });
    this.reasons = reasonsOf(this.lineId);
  }

  /** A UUID-shaped id that is the same on every run: line, then the line's own sequence. */
  private id(): string {
    const n = this.seq.toString(16).padStart(12, '0');
    return `0b0e0000-${String(this.o.lineIndex).padStart(4, '0')}-7000-8000-${n}`;
  }

  private push(type: string, occurredAt: number, payload: Record<string, unknown>, orderId = this.orderId): void {
    this.seq += 1;
    const time = iso(occurredAt);
    this.rows.push({ terminal_id: this.terminalId, seq: this.seq, id: this.id(), type, occurred_at: time, operator_id: 'OP-1', order_id: orderId, payload: JSON.stringify(payload), schema_version: 1, received_at: time, known: 1 });
  }

  private journal(items: MachineItem[], occurredAt: number): void {
    for (const item of items) this.push(item.type, occurredAt, item.payload as Record<string, unknown>);
  }

  private state(ms: number, state: 'running' | 'stopped' | 'fault', alarmCode?: string): void {
    this.journal(this.batcher.signal({ kind: 'state', at: ms, state, ...(alarmCode ? { alarmCode } : {}) }, ms), ms + 1000);
  }

  private part(ms: number): void {
    this.counter += 1;
    this.journal(this.batcher.signal({ kind: 'counter', at: ms, counter: this.counter }, ms), ms + 1000);
    if (this.rand() < 1 / 200) this.push('ScrapBooked', ms + 5000, { quantity: 1 + Math.floor(this.rand() * 2), reasonId: 'SR1' });
    if (this.counter % 60 === 0) this.push('GoodQuantityBooked', ms + 5000, { quantity: 60 });
  }

  /** Closes the open batch (the interval is over), as the host's timer does. */
  private flush(ms: number): void {
    this.journal(this.batcher.tick(ms + this.o.batchSeconds * 1000), ms + this.o.batchSeconds * 1000);
  }

  private startOrder(ms: number, shiftId: string, date: string): void {
    this.orderId = `O-${this.lineId}-${date}-${shiftId}`;
    const material = `M-${'ABC'[Math.floor(this.rand() * 3)]}`;
    this.push('OrderStarted', ms, { orderNumber: this.orderId, materialId: material, quantity: 1000 });
  }

  private stop(from: number, seconds: number, long: boolean): number {
    const to = from + seconds * 1000;
    const fault = long && this.rand() < 1 / 3;
    this.state(from, fault ? 'fault' : 'stopped', fault ? `E${100 + Math.floor(this.rand() * 20)}` : undefined);
    this.state(to, 'running');
    if (long && this.rand() < 2 / 3) {
      const reason = this.reasons[Math.floor(this.rand() * this.reasons.length)]!;
      this.stopNo += 1;
      this.push('DowntimeBooked', to + 30_000, { stopId: `${this.lineId}-S${this.stopNo}`, from: iso(from), to: iso(to), reasonId: reason.id });
    }
    return to;
  }

  private stretch(dayMs: number, s: Stretch): void {
    const start = at(dayMs, s.start);
    const end = at(dayMs, s.end);
    const cycle = this.o.cycleSeconds * 1000;
    let t = start;
    if (s.start !== '14:00') this.state(start, 'running');
    if (this.counter === 0) this.journal(this.batcher.signal({ kind: 'counter', at: start, counter: 0 }, start), start);
    // A part before any stop, so no two state changes share an instant (their order would be a guess).
    const pMicro = (30 / 900) * (this.o.cycleSeconds / 30);
    const pLong = (30 / 9600) * (this.o.cycleSeconds / 30);
    while (t + cycle < end) {
      t += cycle;
      this.part(t);
      // About one micro-stop every 15 minutes of running and three long stops a shift, each over a minute before the stretch ends.
      const r = this.rand();
      if (r < pMicro) {
        const seconds = 15 + Math.floor(this.rand() * 76);
        if (t + (seconds + 60) * 1000 < end) t = this.stop(t, seconds, false);
      } else if (r < pMicro + pLong) {
        const seconds = 300 + Math.floor(this.rand() * 1501);
        if (t + (seconds + 60) * 1000 < end) t = this.stop(t, seconds, true);
      }
    }
    if (s.stopsAtEnd) this.state(end, 'stopped');
    else this.flush(t);
  }

  /** The events of day `dayIndex` after the start (none on a weekend). */
  day(dayIndex: number, start = BENCH_YEAR_START): EventRow[] {
    this.rows = [];
    const dayMs = start + dayIndex * DAY_MS;
    const weekday = new Date(dayMs).getUTCDay() || 7;
    if (!WEEKDAYS.includes(weekday)) return this.rows;
    const date = iso(dayMs).slice(0, 10);
    for (const s of STRETCHES) {
      if (s.start === '06:00' || s.start === '14:00') {
        if (this.orderId && s.start === '14:00') this.push('OrderCompleted', at(dayMs, s.start), {});
        this.startOrder(at(dayMs, s.start), s.shiftId, date);
      }
      this.stretch(dayMs, s);
    }
    this.push('OrderCompleted', at(dayMs, '22:00'), {});
    this.orderId = null;
    return this.rows;
  }
}

/** Every line's events, one line-day per batch, day by day. */
export function* yearOfEvents(o: { lines: number; days: number; seed: number; cycleSeconds?: number; batchSeconds?: number }): Generator<EventRow[]> {
  const sims = Array.from({ length: o.lines }, (_, lineIndex) => new LineSim({ lineIndex, seed: o.seed, cycleSeconds: o.cycleSeconds ?? 30, batchSeconds: o.batchSeconds ?? 60 }));
  for (let d = 0; d < o.days; d += 1) for (const sim of sims) yield sim.day(d);
}
