import type { DowntimeReason } from '../../../shared/master-data-oee';
import { formatPercent } from '../../i18n/format';

/**
 * Numbers, times and colours of the downtime views, formatted for the
 * operator's language (a German terminal says "84,4 %", an English one
 * "84.4%") and the line's time zone, on the 24-hour clock shifts are planned in.
 */

/** A factor (0…1) as the screens write percentages; null (cannot be known) stays null. */
export function percent(value: number | null, language: string): string | null {
  return value === null ? null : formatPercent(value * 100, language);
}

/** One format per language and zone: the bar asks for two times per piece on every refresh. */
const clockFormats = new Map<string, Intl.DateTimeFormat>();

export function clockTime(ms: number, language: string, timeZone?: string): string {
  const key = `${language}|${timeZone ?? ''}`;
  let format = clockFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) });
    clockFormats.set(key, format);
  }
  return format.format(ms);
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
