import { DEFAULT_DELIMITERS, type Delimiters } from './tokenize';

/**
 * Writes an interchange (ISO 9735-1): UNA, UNB, each message framed by UNH and
 * UNT with the segment count computed, UNZ with the message count. Every
 * service character inside data is preceded by the release character, so no
 * part number or text can end a segment early. Trailing empty elements and
 * components are dropped, as the syntax rules ask.
 */

/** A segment as data: tag, then elements; an element is a string or its components. */
export type SegmentData = readonly [string, ...(string | readonly string[])[]];

export interface OutgoingMessage {
  ref: string;
  type: string;
  version: string;
  release: string;
  agency: string;
  /** UNH S009/0057, e.g. an industry profile; omitted when empty. */
  association?: string;
  segments: readonly SegmentData[];
}

export interface OutgoingInterchange {
  syntax: { id: 'UNOA' | 'UNOB' | 'UNOC'; version: 1 | 2 | 3 | 4 };
  sender: { id: string; qualifier?: string };
  recipient: { id: string; qualifier?: string };
  /** Time of preparation, written as YYMMDD:HHMM (CCYYMMDD for syntax version 4). */
  preparedAt: Date;
  controlRef: string;
  messages: readonly OutgoingMessage[];
  /** One segment per line: readable in an editor; readers skip the newlines. */
  lineBreaks?: boolean;
}

export function escapeData(text: string, d: Delimiters = DEFAULT_DELIMITERS): string {
  let out = '';
  for (const c of text) {
    if (c === d.release || c === d.component || c === d.element || c === d.segment || (d.repetition !== ' ' && c === d.repetition)) out += d.release;
    out += c;
  }
  return out;
}

function trimEmpty(values: string[]): string[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === '') end -= 1;
  return values.slice(0, end);
}

export function writeSegment(segment: SegmentData, d: Delimiters = DEFAULT_DELIMITERS): string {
  const [tag, ...elements] = segment;
  const written = trimEmpty(elements.map((e) => (typeof e === 'string' ? escapeData(e, d) : trimEmpty(e.map((c) => escapeData(c, d))).join(d.component))));
  return [tag, ...written].join(d.element) + d.segment;
}

const pad = (n: number, digits = 2) => String(n).padStart(digits, '0');

export function writeInterchange(x: OutgoingInterchange): string {
  const d = DEFAULT_DELIMITERS;
  const una = `UNA${d.component}${d.element}${d.decimal}${d.release}${x.syntax.version === 4 ? ' ' : d.repetition}${d.segment}`;
  const t = x.preparedAt;
  const year = x.syntax.version === 4 ? pad(t.getUTCFullYear(), 4) : pad(t.getUTCFullYear() % 100);
  const date = `${year}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}`;
  const time = `${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}`;
  const party = (p: { id: string; qualifier?: string }) => (p.qualifier ? [p.id, p.qualifier] : [p.id]);
  const lines: string[] = [una];
  lines.push(writeSegment(['UNB', [x.syntax.id, String(x.syntax.version)], party(x.sender), party(x.recipient), [date, time], x.controlRef], d));
  for (const m of x.messages) {
    lines.push(writeSegment(['UNH', m.ref, [m.type, m.version, m.release, m.agency, m.association ?? '']], d));
    for (const s of m.segments) lines.push(writeSegment(s, d));
    lines.push(writeSegment(['UNT', String(m.segments.length + 2), m.ref], d));
  }
  lines.push(writeSegment(['UNZ', String(x.messages.length), x.controlRef], d));
  return lines.join(x.lineBreaks ? '\n' : '') + (x.lineBreaks ? '\n' : '');
}
