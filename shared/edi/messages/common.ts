import type { EdifactMessage, Interchange } from '../edifact/interchange';
import { value, type Segment } from '../edifact/tokenize';
import { EdiError } from '../problems';

/**
 * Pieces every message mapping shares: which directory versions a message is
 * read in, the date formats of DTM 2379 (UN/EDIFACT code list: 102
 * CCYYMMDD, 203 CCYYMMDDHHMM, 204 CCYYMMDDHHMMSS, 610 CCYYMM, 616 CCYYWW,
 * 718 CCYYMMDD-CCYYMMDD), and the parties of NAD 3035 (BY buyer, MI
 * planning schedule issuer, SU supplier, SE seller, ST ship to, CN consignee).
 */

export function requireDirectory(m: EdifactMessage, type: string, releases: readonly string[]): void {
  if (m.type !== type) throw new EdiError({ code: 'edi-message-type', message: `message ${m.ref} is ${m.type}`, segment: m.header.index, tag: 'UNH', element: 2, component: 1, expected: type });
  if (m.version !== 'D' || !releases.includes(m.release)) {
    throw new EdiError({ code: 'edi-directory', message: `${type} ${m.version}:${m.release} is not a directory this plant reads`, segment: m.header.index, tag: 'UNH', element: 2, component: 3, expected: releases.map((r) => `D:${r}`).join(', ') });
  }
}

export interface EdiDate {
  date: string;
  time?: string;
  kind: 'day' | 'week' | 'month';
}

function isoWeekMonday(year: number, week: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000 + (week - 1) * 7 * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

function badDate(s: Segment, text: string, format: string, expected: string): never {
  throw new EdiError({ code: 'edi-bad-date', message: `"${text}" is not a date in format ${format}`, segment: s.index, tag: 'DTM', element: 1, component: 2, expected });
}

const ymd = (t: string) => `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`;

/** DTM C507: 2005 qualifier, 2380 value, 2379 format. No closure per call: a schedule has a DTM per line. */
export function readDtm(s: Segment): EdiDate {
  const text = value(s, 1, 2);
  const format = value(s, 1, 3) || '102';
  switch (format) {
    case '102':
      if (!/^\d{8}$/.test(text)) badDate(s, text, format, 'CCYYMMDD');
      return { date: ymd(text), kind: 'day' };
    case '203':
    case '204':
      if (!/^\d{12}(\d{2})?$/.test(text)) badDate(s, text, format, format === '203' ? 'CCYYMMDDHHMM' : 'CCYYMMDDHHMMSS');
      return { date: ymd(text), time: `${ymd(text)}T${text.slice(8, 10)}:${text.slice(10, 12)}`, kind: 'day' };
    case '610':
      if (!/^\d{6}$/.test(text)) badDate(s, text, format, 'CCYYMM');
      return { date: `${text.slice(0, 4)}-${text.slice(4, 6)}-01`, kind: 'month' };
    case '616':
      if (!/^\d{6}$/.test(text)) badDate(s, text, format, 'CCYYWW');
      return { date: isoWeekMonday(Number(text.slice(0, 4)), Number(text.slice(4, 6))), kind: 'week' };
    case '718':
      if (!/^\d{8}-\d{8}$/.test(text)) badDate(s, text, format, 'CCYYMMDD-CCYYMMDD');
      return { date: ymd(text), kind: 'day' };
    default:
      return badDate(s, text, format, 'date format 102, 203, 204, 610, 616 or 718');
  }
}

export function number(s: Segment, e: number, c: number, what: string): number {
  const text = value(s, e, c);
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) throw new EdiError({ code: 'edi-not-numeric', message: `${what} "${text}" is not a number`, segment: s.index, tag: s.tag, element: e, component: c, expected: 'a number' });
  return n;
}

/** Party ids of the message's NAD segments (C082 3039), by qualifier. */
export function parties(segments: readonly Segment[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of segments) if (s.tag === 'NAD' && !out.has(value(s, 1))) out.set(value(s, 1), value(s, 2, 1));
  return out;
}

export function buyerAndSupplier(x: Interchange, nads: Map<string, string>): { customer: string; supplier: string } {
  return {
    customer: nads.get('BY') ?? nads.get('MI') ?? nads.get('ST') ?? x.sender.id,
    supplier: nads.get('SU') ?? nads.get('SE') ?? x.recipient.id,
  };
}
