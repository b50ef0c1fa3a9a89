// The human-readable form "(01)09501101530003(10)ABC" that people type and
// that is printed under GS1 barcodes (GS1 General Specifications 4.15). A
// literal "(" inside data may be written "\(" as in the GS1 Barcode Syntax
// Engine; an unescaped "(" counts as data unless "(digits)" follows.
import { fail, type Step, done } from './errors';
import { getAi } from './gs1-ai-lookup';
import type { Gs1RawElement } from './gs1-element';

export function splitBracketed(data: string, base: number): Step<Gs1RawElement[]> {
  const out: Gs1RawElement[] = [];
  let pos = 0;
  while (pos < data.length) {
    while (data[pos] === ' ') pos++;
    if (pos >= data.length) break;
    if (data[pos] !== '(') return fail('gs1-syntax', base + pos, `Expected "(" to start an Application Identifier at position ${base + pos}.`);
    const close = data.indexOf(')', pos);
    const ai = close === -1 ? '' : data.slice(pos + 1, close);
    if (!/^[0-9]{2,4}$/.test(ai)) {
      return fail('gs1-syntax', base + pos, `"(" at position ${base + pos} must be followed by a 2- to 4-digit AI and ")".`);
    }
    if (!getAi(ai)) return fail('gs1-unknown-ai', base + pos + 1, `(${ai}) is not a GS1 Application Identifier.`);
    let i = close + 1;
    while (data[i] === ' ') i++;
    const valueAt = i;
    let value = '';
    // "(" starts the next AI only when it looks like one; otherwise it is data.
    for (; i < data.length && !(data[i] === '(' && /^\([0-9]{2,4}\)/.test(data.slice(i, i + 6))); i++) {
      if (data[i] === '\\' && data[i + 1] === '(') i++;
      value += data[i];
    }
    value = value.replace(/ +$/, '');
    if (value === '') return fail('gs1-length', base + valueAt, `AI (${ai}) has no data.`);
    out.push({ ai, value, at: base + pos, valueAt: base + valueAt });
    pos = i;
  }
  if (out.length === 0) return fail('gs1-syntax', base, 'The GS1 data contains no element.');
  return done(out);
}
