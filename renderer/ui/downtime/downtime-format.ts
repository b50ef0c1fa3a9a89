import type { DowntimeReason } from '../../../shared/master-data-oee';

/**
 * Numbers, times and colours of the downtime views, formatted for the
 * operator's language (a German terminal says "84,4 %", an English one
 * "84.4%") and the line's time zone, on the 24-hour clock shifts are planned in.
 */

export function percent(value: number | null, language: string): string | null {
  if (value === null) return null;
  return new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

export function clockTime(ms: number, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).format(ms);
}

/** Whole minutes, at least one (a stop the prompt asks about is never shorter than the threshold). */
export const minutesOf = (ms: number): number => Math.max(1, Math.round(ms / 60_000));

export function reasonLabel(reason: DowntimeReason | undefined, language: string, fallback: string): string {
  if (!reason) return fallback;
  return language.startsWith('de') ? reason.label.de : reason.label.en;
}

/**
 * One colour per reason, by its place in the line's master data, so a reason
 * keeps its colour all shift; chosen to stay apart from run (green),
 * micro-stop (amber), unqualified (red) and break (grey) on a dark screen.
 */
const REASON_COLOURS = ['#58a6ff', '#bc8cff', '#39c5cf', '#f778ba', '#a5d6ff', '#d2a8ff', '#56d4dd', '#ffa198', '#79c0ff'];

export function reasonColour(reasons: readonly DowntimeReason[], reasonId: string): string {
  const i = reasons.findIndex((r) => r.id === reasonId);
  return i < 0 ? '#8b949e' : REASON_COLOURS[i % REASON_COLOURS.length]!;
}
