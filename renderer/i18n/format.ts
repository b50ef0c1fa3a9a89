import type { i18n } from 'i18next';
import { useTranslation } from 'react-i18next';

/**
 * Numbers, dates and durations as the operator's language writes them
 * ("12.960" and "02.12.2026" in German, "12,960" and "Dec 2, 2026" in
 * English). Every screen formats through here, and translations name the
 * format in the placeholder (`{{quantity, number}}`, `{{expiry, day}}`), so
 * a quantity reads the same in a list, a counter and a message. Labels
 * (ZPL/SVG) keep their standards' own formats and do not use this.
 *
 * Building an Intl format costs far more than using one: each is built once
 * per language and kept (i18next's own cached formats key on every message
 * parameter, which would grow without bound over a shift).
 */

const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, language: string, build: () => T): T {
  const id = `${key}|${language}`;
  let format = formats.get(id) as T | undefined;
  if (!format) {
    format = build();
    formats.set(id, format);
  }
  return format;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whole parts and counts: grouped by the language's separator ("12.960", "12,960"). */
export function formatNumber(value: number, language: string): string {
  if (!Number.isFinite(value)) return String(value);
  return cached('number', language, () => new Intl.NumberFormat(language, { maximumFractionDigits: 6 })).format(value);
}

/**
 * A change with its sign ("+12.960", "−3"); a number, or a signed figure a
 * state message already carries as text ("+12960").
 */
export function formatSigned(value: number | string, language: string): string {
  const n = typeof value === 'number' ? value : Number(value.replace(/[\u2212]/g, '-'));
  if (!Number.isFinite(n)) return String(value);
  return cached('signed', language, () => new Intl.NumberFormat(language, { maximumFractionDigits: 6, signDisplay: 'exceptZero' })).format(n);
}

/** A share given in percent (87.5 → "87,5 %" in German, "87.5%" in English). */
export function formatPercent(percent: number, language: string): string {
  if (!Number.isFinite(percent)) return String(percent);
  return cached('percent', language, () => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 })).format(percent / 100);
}

/** A calendar day from the domain ("2026-12-02"), read as that day wherever the terminal stands. */
export function formatDay(iso: string, language: string): string {
  if (!ISO_DAY.test(iso)) return iso;
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  if (Number.isNaN(date.getTime())) return iso;
  return cached('day', language, () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' })).format(date);
}

function toDate(at: string | number | Date): Date | undefined {
  const date = at instanceof Date ? at : new Date(at);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A moment: date and time of day in the terminal's time zone; a bare ISO day is shown as that day. */
export function formatDateTime(at: string | number | Date, language: string): string {
  if (typeof at === 'string' && ISO_DAY.test(at)) return formatDay(at, language);
  const date = toDate(at);
  if (!date) return String(at);
  return cached('datetime', language, () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' })).format(date);
}

/** The time of day of a moment (seconds shown: a log line of the last minutes). */
export function formatTime(at: string | number | Date, language: string): string {
  const date = toDate(at);
  if (!date) return String(at);
  return cached('time', language, () => new Intl.DateTimeFormat(language, { timeStyle: 'medium' })).format(date);
}

/**
 * A span of time in milliseconds in its two largest units ("45 s",
 * "12 min", "3 h 5 min", "2 d 4 h"). The unit symbols are SI and read the
 * same in German and English; the figures follow the language.
 */
export function formatDuration(ms: number, language: string): string {
  if (!Number.isFinite(ms)) return String(ms);
  const n = (v: number) => formatNumber(v, language);
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${n(s)} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${n(min)} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${n(h)} h ${n(min % 60)} min` : `${n(h)} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${n(d)} d ${n(h % 24)} h` : `${n(d)} d`;
}

/**
 * The formats translations can name in a placeholder. `number` replaces
 * i18next's built-in one (same Intl output, cached per language only).
 */
export function registerFormats(instance: i18n): void {
  const formatter = instance.services.formatter;
  if (!formatter) return;
  formatter.add('number', (value: unknown, lng: string | undefined) => (typeof value === 'number' ? formatNumber(value, lng ?? 'de') : String(value ?? '')));
  formatter.add('signed', (value: unknown, lng: string | undefined) =>
    typeof value === 'number' || typeof value === 'string' ? formatSigned(value, lng ?? 'de') : String(value ?? ''));
  formatter.add('percent', (value: unknown, lng: string | undefined) => (typeof value === 'number' ? formatPercent(value, lng ?? 'de') : String(value ?? '')));
  formatter.add('day', (value: unknown, lng: string | undefined) => (typeof value === 'string' ? formatDay(value, lng ?? 'de') : String(value ?? '')));
  formatter.add('datetime', (value: unknown, lng: string | undefined) =>
    typeof value === 'string' || typeof value === 'number' || value instanceof Date ? formatDateTime(value, lng ?? 'de') : String(value ?? ''));
  formatter.add('time', (value: unknown, lng: string | undefined) =>
    typeof value === 'string' || typeof value === 'number' || value instanceof Date ? formatTime(value, lng ?? 'de') : String(value ?? ''));
  formatter.add('duration', (value: unknown, lng: string | undefined) => (typeof value === 'number' ? formatDuration(value, lng ?? 'de') : String(value ?? '')));
}

export interface LocaleFormat {
  readonly number: (value: number) => string;
  readonly signed: (value: number | string) => string;
  readonly percent: (percent: number) => string;
  readonly day: (iso: string) => string;
  readonly dateTime: (at: string | number | Date) => string;
  readonly time: (at: string | number | Date) => string;
  readonly duration: (ms: number) => string;
}

export function localeFormat(language: string): LocaleFormat {
  return {
    number: (v) => formatNumber(v, language),
    signed: (v) => formatSigned(v, language),
    percent: (v) => formatPercent(v, language),
    day: (v) => formatDay(v, language),
    dateTime: (v) => formatDateTime(v, language),
    time: (v) => formatTime(v, language),
    duration: (v) => formatDuration(v, language),
  };
}

/** The formats in the language the screen is shown in (re-renders when the operator switches). */
export function useLocaleFormat(): LocaleFormat {
  const { i18n: instance } = useTranslation();
  return localeFormat(instance.language);
}
