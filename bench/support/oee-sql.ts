/**
 * The baseline of the OEE benchmark: OEE per line and shift as a report
 * writer would compute it in plain SQL, three GROUP BYs over the raw events
 * (parts and ideal time, stops, scrap) with the shift model written into the
 * query as clock times. It is only right on data like the generated year
 * (oee-year.ts): shifts in UTC, stops that never cross a break or a shift's
 * end, reasons booked with the machine stop's own times. The shared fold
 * that the server runs knows none of these limits; the baseline says what
 * that generality costs.
 */
import { sql, type RawBuilder } from 'kysely';
import type { TaktDatabase } from '../../server/db/create-database';

export interface ShiftFigures {
  lineId: string;
  date: string;
  shiftId: string;
  plannedSeconds: number;
  downtimeSeconds: number;
  microStops: number;
  totalCount: number;
  bookedScrap: number;
  idealSeconds: number;
  availability: number;
  performance: number;
  quality: number;
  oee: number;
}

/** The shift model of oee-year.ts as clock times (HH:MM of an ISO timestamp compare as text). */
const SHIFTS = [
  { id: 'early', from: '06:00', to: '14:00', breakFrom: '10:00', breakTo: '10:30' },
  { id: 'late', from: '14:00', to: '22:00', breakFrom: '18:00', breakTo: '18:30' },
];
const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const PLANNED_SECONDS = new Map(SHIFTS.map((s) => [s.id, (minutes(s.to) - minutes(s.from) - (minutes(s.breakTo) - minutes(s.breakFrom))) * 60]));

type Dialect = TaktDatabase['dialect'];

/** A JSON field of a text column, as text. */
const field = (d: Dialect, column: string, key: string): RawBuilder<unknown> =>
  d === 'postgres' ? sql.raw(`(${column}::json->>'${key}')`) : sql.raw(`json_extract(${column}, '$.${key}')`);

/** Seconds between two ISO timestamps. */
const secondsBetween = (d: Dialect, a: string, b: string): RawBuilder<unknown> =>
  d === 'postgres' ? sql.raw(`EXTRACT(EPOCH FROM (${b}::timestamptz - ${a}::timestamptz))`) : sql.raw(`ROUND((julianday(${b}) - julianday(${a})) * 86400000.0) / 1000.0`);

/** The shift a timestamp falls in (its span, breaks included), or NULL. */
const shiftOf = (ts: string): RawBuilder<unknown> =>
  sql.raw(`CASE ${SHIFTS.map((s) => `WHEN substr(${ts}, 12, 5) >= '${s.from}' AND substr(${ts}, 12, 5) < '${s.to}' THEN '${s.id}'`).join(' ')} END`);

/** Whether a timestamp lies in planned time (in a shift, outside its break). */
const inPlanned = (ts: string): RawBuilder<unknown> =>
  sql.raw(`(${SHIFTS.map((s) => `(substr(${ts}, 12, 5) >= '${s.from}' AND substr(${ts}, 12, 5) < '${s.to}' AND NOT (substr(${ts}, 12, 5) >= '${s.breakFrom}' AND substr(${ts}, 12, 5) < '${s.breakTo}'))`).join(' OR ')})`);

interface Key {
  line_id: string;
  day: string;
  shift: string | null;
}

export async function sqlShiftOee(database: TaktDatabase, window: { from: string; to: string }, microStopSeconds: number): Promise<ShiftFigures[]> {
  const d = database.dialect;
  const db = database.db;
  const lineEvents = (type: string) => sql`SELECT e.*, t.line_id FROM events e JOIN terminals t ON t.id = e.terminal_id WHERE e.type = ${type}`;
  const parts = await sql<Key & { parts: number; ideal: number }>`
    WITH orders AS (SELECT order_id, ${field(d, 'payload', 'materialId')} AS material FROM events WHERE type = 'OrderStarted'),
      ideal AS (SELECT ${field(d, 'data', 'materialId')} AS material, CAST(${field(d, 'data', 'idealCycleSeconds')} AS double precision) AS seconds FROM master_data WHERE kind = 'routing' AND deleted = 0),
      cycles AS (SELECT c.line_id, c.order_id, ${field(d, 'c.payload', 'to')} AS at, CAST(${field(d, 'c.payload', 'count')} AS integer) AS n FROM (${lineEvents('MachineCycle')}) c)
    SELECT line_id, substr(at, 1, 10) AS day, ${shiftOf('at')} AS shift, SUM(n) AS parts, SUM(n * ideal.seconds) AS ideal
    FROM cycles LEFT JOIN orders ON orders.order_id = cycles.order_id LEFT JOIN ideal ON ideal.material = orders.material
    WHERE at >= ${window.from} AND at < ${window.to}
    GROUP BY 1, 2, 3`.execute(db);
  const stops = await sql<Key & { downtime: number; micro: number }>`
    WITH states AS (SELECT s.line_id, ${field(d, 's.payload', 'at')} AS at, ${field(d, 's.payload', 'state')} AS state FROM (${lineEvents('MachineStateChanged')}) s),
      spans AS (SELECT line_id, at, state, LEAD(at) OVER (PARTITION BY line_id ORDER BY at) AS until FROM states),
      stops AS (SELECT line_id, at, ${secondsBetween(d, 'at', 'until')} AS seconds FROM spans WHERE state <> 'running' AND until IS NOT NULL),
      reasons AS (SELECT line_id, ${field(d, 'data', 'id')} AS id, ${field(d, 'data', 'loss')} AS loss FROM master_data WHERE kind = 'downtime-reason' AND deleted = 0),
      booked AS (SELECT b.line_id, ${field(d, 'b.payload', 'from')} AS at, reasons.loss FROM (${lineEvents('DowntimeBooked')}) b
        LEFT JOIN reasons ON reasons.line_id = b.line_id AND reasons.id = ${field(d, 'b.payload', 'reasonId')})
    SELECT stops.line_id, substr(stops.at, 1, 10) AS day, ${shiftOf('stops.at')} AS shift,
      SUM(CASE WHEN (booked.at IS NOT NULL OR stops.seconds >= ${microStopSeconds}) AND COALESCE(booked.loss, 'availability') = 'availability' THEN stops.seconds ELSE 0 END) AS downtime,
      SUM(CASE WHEN booked.at IS NULL AND stops.seconds < ${microStopSeconds} THEN 1 ELSE 0 END) AS micro
    FROM stops LEFT JOIN booked ON booked.line_id = stops.line_id AND booked.at = stops.at
    WHERE stops.at >= ${window.from} AND stops.at < ${window.to} AND ${inPlanned('stops.at')}
    GROUP BY 1, 2, 3`.execute(db);
  const scrap = await sql<Key & { scrap: number }>`
    SELECT line_id, substr(occurred_at, 1, 10) AS day, ${shiftOf('occurred_at')} AS shift, SUM(CAST(${field(d, 'payload', 'quantity')} AS integer)) AS scrap
    FROM (${lineEvents('ScrapBooked')}) s
    WHERE occurred_at >= ${window.from} AND occurred_at < ${window.to}
    GROUP BY 1, 2, 3`.execute(db);
  return combine(parts.rows, stops.rows, scrap.rows);
}

function combine(parts: (Key & { parts: number; ideal: number })[], stops: (Key & { downtime: number; micro: number })[], scrap: (Key & { scrap: number })[]): ShiftFigures[] {
  const key = (k: Key): string => `${k.line_id}|${k.day}|${k.shift}`;
  const stopsOf = new Map(stops.map((s) => [key(s), s]));
  const scrapOf = new Map(scrap.map((s) => [key(s), s]));
  const out: ShiftFigures[] = [];
  for (const p of parts) {
    if (p.shift === null) continue;
    const plannedSeconds = PLANNED_SECONDS.get(p.shift)!;
    const downtimeSeconds = Number(stopsOf.get(key(p))?.downtime ?? 0);
    const totalCount = Number(p.parts);
    const bookedScrap = Number(scrapOf.get(key(p))?.scrap ?? 0);
    const runSeconds = plannedSeconds - downtimeSeconds;
    const availability = runSeconds / plannedSeconds;
    const performance = Number(p.ideal) / runSeconds;
    const quality = (totalCount - bookedScrap) / totalCount;
    out.push({
      lineId: p.line_id,
      date: p.day,
      shiftId: p.shift,
      plannedSeconds,
      downtimeSeconds,
      microStops: Number(stopsOf.get(key(p))?.micro ?? 0),
      totalCount,
      bookedScrap,
      idealSeconds: Number(p.ideal),
      availability,
      performance,
      quality,
      oee: availability * performance * quality,
    });
  }
  return out.sort((a, b) => a.lineId.localeCompare(b.lineId) || a.date.localeCompare(b.date) || a.shiftId.localeCompare(b.shiftId));
}
