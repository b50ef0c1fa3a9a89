// Splits a GS1 element string (AI + data, FNC1 transmitted as GS) into its
// elements: GS1 General Specifications 7.8 (predefined-length AIs need no
// separator; all others end at a separator or at the end of the data).
import { GS } from './control-chars';
import { fail, type Step, done } from './errors';
import { findAiAt, fixedLength, maxLength } from './gs1-ai-lookup';
import type { Gs1RawElement } from './gs1-element';

export function splitElementString(data: string, base: number): Step<Gs1RawElement[]> {
  const out: Gs1RawElement[] = [];
  // A leading GS is FNC1 in first position as some scanners transmit it.
  let pos = data.startsWith(GS) ? 1 : 0;
  while (pos < data.length) {
    if (data[pos] === GS) {
      if (pos === data.length - 1) break; // a trailing separator is harmless
      return fail('gs1-syntax', base + pos, `Two separators (GS) follow each other at position ${base + pos}.`);
    }
    const def = findAiAt(data, pos);
    if (!def) return unknownAi(data, pos, base);
    const valueStart = pos + def.ai.length;
    if (def.predefinedLength) {
      const len = fixedLength(def);
      const value = data.slice(valueStart, valueStart + len);
      const gs = value.indexOf(GS);
      if (gs !== -1 || value.length < len) {
        const got = gs === -1 ? value.length : gs;
        return fail('gs1-length', base + valueStart + got,
          `AI (${def.ai}) needs exactly ${len} characters but has ${got}.`);
      }
      out.push({ ai: def.ai, value, at: base + pos, valueAt: base + valueStart });
      pos = valueStart + len;
      if (data[pos] === GS) pos++; // redundant separator after a fixed-length AI is tolerated
      continue;
    }
    const gs = data.indexOf(GS, valueStart);
    const end = gs === -1 ? data.length : gs;
    const value = data.slice(valueStart, end);
    if (value.length === 0) {
      return fail('gs1-length', base + valueStart, `AI (${def.ai}) has no data.`);
    }
    const max = maxLength(def);
    if (value.length > max) {
      const next = findAiAt(data, valueStart + max);
      return next
        ? fail('gs1-missing-separator', base + valueStart + max,
            `AI (${def.ai}) can hold at most ${max} characters; a separator (GS) is probably missing before (${next.ai}).`)
        : fail('gs1-length', base + valueStart + max,
            `AI (${def.ai}) is too long: ${value.length} characters, at most ${max}.`);
    }
    out.push({ ai: def.ai, value, at: base + pos, valueAt: base + valueStart });
    pos = end + 1;
  }
  if (out.length === 0) return fail('gs1-syntax', base, 'The GS1 data contains no element.');
  return done(out);
}

function unknownAi(data: string, pos: number, base: number) {
  const head = data.slice(pos, pos + 4);
  if (!/^[0-9]{2}/.test(head)) {
    return fail('gs1-unknown-ai', base + pos,
      `Expected a GS1 Application Identifier (digits) at position ${base + pos}, found "${head.slice(0, 1)}".`);
  }
  return fail('gs1-unknown-ai', base + pos, `No GS1 Application Identifier starts with "${head}" (position ${base + pos}).`);
}
