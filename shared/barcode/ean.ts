// EAN/UPC symbols (AIM ]E0 EAN-13/UPC-A, ]E4 EAN-8) carry a GTIN; GS1 General
// Specifications 3.3.2: a GTIN-8/12/13 becomes AI (01) by left-padding to 14 digits.
import { hasValidGs1CheckDigit } from './check-digits';
import { fail, type Step, done } from './errors';
import type { Gs1RawElement } from './gs1-element';

export function eanToGtin(data: string, base: number, lengths: readonly number[]): Step<Gs1RawElement[]> {
  const bad = [...data].findIndex((c) => c < '0' || c > '9');
  if (bad !== -1) return fail('gs1-charset', base + bad, 'An EAN/UPC code may contain digits only.');
  if (!lengths.includes(data.length)) {
    return fail('gs1-length', base, `An EAN/UPC code of this type has ${lengths.join(' or ')} digits, not ${data.length}.`);
  }
  if (!hasValidGs1CheckDigit(data)) {
    return fail('gs1-check-digit', base + data.length - 1, `The check digit of ${data} is wrong.`);
  }
  // valueAt accounts for the padding so that offsets in the 14-digit value map back onto the scan.
  return done([{ ai: '01', value: data.padStart(14, '0'), at: base, valueAt: base - (14 - data.length) }]);
}
