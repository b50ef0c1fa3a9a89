import type { Shift, ShiftModel } from '../master-data-oee';
import { normalise, subtract, type Interval } from './intervals';

/**
 * Turns a line's shift model (wall-clock times in its time zone) into the
 * concrete shifts inside a window: each with its planned production time
 * (shift minus breaks). Daylight saving is honoured through Intl, so a shift
 * that starts 06:00 local starts 06:00 local on both sides of the change.
 */

export interface ShiftInstance {
  shiftId: string;
  name: string;
  /** The local calendar date the shift starts on, YYYY-MM-DD. */
  date: string;
  span: Interval;
  breaks: Interval[];
  /** span minus breaks. */
  planned: Interval[];
}

const DAY_MS = 86_400_000;

// Building an Intl.DateTimeFormat costs far more than using one: one per zone, made on first use.
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const parts = zoneFormat(timeZone).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - Math.floor(ms / 1000) * 1000;
}

/** The instant of a wall-clock time (`dayUtc` = midnight of the local date, as if it were UTC). */
export function zonedInstant(dayUtc: number, hhmm: string, timeZone: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const wall = dayUtc + (h * 60 + m) * 60_000;
  const first = wall - zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(first, timeZone);
}

function isoWeekday(dayUtc: number): number {
  const d = new Date(dayUtc).getUTCDay();
  return d === 0 ? 7 : d;
}

function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function instanceOn(shift: Shift, dayUtc: number, timeZone: string): ShiftInstance {
  const startMin = clockMinutes(shift.start);
  const endsNextDay = clockMinutes(shift.end) <= startMin;
  const from = zonedInstant(dayUtc, shift.start, timeZone);
  const to = zonedInstant(endsNextDay ? dayUtc + DAY_MS : dayUtc, shift.end, timeZone);
  const breaks = normalise(
    shift.breaks.map((b) => {
      // A break belongs to the shift: one whose clock time is before the shift's start lies on the next day.
      const bDay = clockMinutes(b.start) < startMin ? dayUtc + DAY_MS : dayUtc;
      const bEndDay = clockMinutes(b.end) < startMin ? dayUtc + DAY_MS : dayUtc;
      return { from: zonedInstant(bDay, b.start, timeZone), to: zonedInstant(bEndDay, b.end, timeZone) };
    }),
  );
  const span = { from, to };
  return { shiftId: shift.id, name: shift.name, date: new Date(dayUtc).toISOString().slice(0, 10), span, breaks, planned: subtract([span], breaks) };
}

/** Every shift instance that overlaps [from, to), in time order. */
export function shiftsIn(model: ShiftModel, window: Interval): ShiftInstance[] {
  const out: ShiftInstance[] = [];
  const firstDay = Math.floor((window.from + zoneOffsetMs(window.from, model.timeZone)) / DAY_MS) * DAY_MS - DAY_MS;
  for (let day = firstDay; day < window.to + 2 * DAY_MS; day += DAY_MS) {
    for (const shift of model.shifts) {
      if (shift.days && !shift.days.includes(isoWeekday(day))) continue;
      const instance = instanceOn(shift, day, model.timeZone);
      if (instance.span.to > window.from && instance.span.from < window.to) out.push(instance);
    }
  }
  return out.sort((a, b) => a.span.from - b.span.from);
}

/** Local calendar days overlapping the window, each as its own interval. */
export function daysIn(timeZone: string, window: Interval): { date: string; span: Interval }[] {
  const out: { date: string; span: Interval }[] = [];
  const firstDay = Math.floor((window.from + zoneOffsetMs(window.from, timeZone)) / DAY_MS) * DAY_MS;
  for (let day = firstDay; ; day += DAY_MS) {
    const span = { from: zonedInstant(day, '00:00', timeZone), to: zonedInstant(day + DAY_MS, '00:00', timeZone) };
    if (span.from >= window.to) break;
    if (span.to > window.from) out.push({ date: new Date(day).toISOString().slice(0, 10), span });
  }
  return out;
}
