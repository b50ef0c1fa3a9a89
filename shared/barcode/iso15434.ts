// ISO/IEC 15434 messages:  "[)>" RS  { format "05"|"06" GS data… RS }…  EOT
// Format 05 carries GS1 element strings, format 06 ANSI MH10.8.2 data
// identifiers; inside both, GS separates data elements.
import { EOT, GS, RS } from './control-chars';
import { diFields } from './di-fields';
import { parseDiElement } from './di-element';
import { fail, type Step, done } from './errors';
import { splitElementString } from './gs1-element-string';
import { validateGs1, type Gs1Settings } from './gs1-parse';
import type { ScanElement, ScanFields } from './types';

export const ISO15434_HEADER = '[)>' + RS;

export function parseIso15434(
  data: string,
  base: number,
  settings: Gs1Settings,
): Step<{ elements: ScanElement[]; fields: ScanFields }> {
  if (!data.startsWith(ISO15434_HEADER)) {
    return fail('iso15434-envelope', base + 3, 'The message header "[)>" must be followed by RS (0x1E).');
  }
  const elements: ScanElement[] = [];
  let fields: ScanFields = {};
  let pos = ISO15434_HEADER.length;
  let formats = 0;
  for (;;) {
    if (pos >= data.length) {
      return fail('iso15434-envelope', base + pos, 'The message ends without the trailer RS EOT.');
    }
    if (data[pos] === EOT) {
      if (formats === 0) return fail('iso15434-envelope', base + pos, 'The message contains no format envelope.');
      if (pos !== data.length - 1) return fail('iso15434-envelope', base + pos + 1, 'There is data after the end of the message (EOT).');
      break;
    }
    const format = data.slice(pos, pos + 2);
    if (!/^[0-9]{2}$/.test(format)) {
      return fail('iso15434-envelope', base + pos, 'Expected a two-digit format indicator such as 06.');
    }
    if (format !== '05' && format !== '06') {
      return fail('iso15434-format', base + pos, `Format ${format} is not supported; only 05 (GS1) and 06 (data identifiers) are.`);
    }
    if (data[pos + 2] !== GS) {
      return fail('iso15434-envelope', base + pos + 2, `Format ${format} must be followed by GS (0x1D).`);
    }
    const start = pos + 3;
    const end = data.indexOf(RS, start);
    if (end === -1) return fail('iso15434-envelope', base + data.length, `Format ${format} is not closed with RS (0x1E).`);
    const body = data.slice(start, end);
    const parsed =
      format === '05'
        ? validateGs1(splitElementString(body, base + start), settings)
        : parseFormat06(body, base + start, settings.referenceYear);
    if (!parsed.ok) return parsed;
    elements.push(...parsed.value.elements);
    fields = { ...parsed.value.fields, ...fields }; // earlier envelopes win
    formats++;
    pos = end + 1;
  }
  return done({ elements, fields });
}

function parseFormat06(body: string, base: number, referenceYear: number): Step<{ elements: ScanElement[]; fields: ScanFields }> {
  const elements: ScanElement[] = [];
  let at = 0;
  const parts = body.split(GS);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop(); // trailing GS before RS
  for (const part of parts) {
    if (part === '') return fail('iso15434-format', base + at, 'Empty data element (two GS in a row).');
    const el = parseDiElement(part, base + at, referenceYear);
    if (!el.ok) return el;
    elements.push(el.value);
    at += part.length + 1;
  }
  return done({ elements, fields: diFields(elements) });
}
