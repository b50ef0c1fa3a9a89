// Checks one data-identifier element against the table and its data layout.
import { DATA_IDENTIFIERS, splitDataIdentifier, type DataIdentifier, type DiFormat } from './data-identifiers';
import { fail, type Step, done } from './errors';
import { checkDate } from './gs1-dates';
import type { ScanElement } from './types';

export function parseDiElement(element: string, at: number, referenceYear: number): Step<ScanElement> {
  const split = splitDataIdentifier(element);
  if (!split) {
    return fail('di-unknown', at, `"${element.slice(0, 4)}…" does not start with a data identifier (digits and a capital letter).`);
  }
  const def = DATA_IDENTIFIERS.get(split.di);
  if (!def) return fail('di-unknown', at, `Data identifier ${split.di} is not known.`);
  if (split.value === '') return fail('di-format', at + split.di.length, `Data identifier ${split.di} has no data.`);
  const problem = checkFormat(def.format, split.value, referenceYear) ?? checkBounds(def, split.value);
  if (problem) return fail('di-format', at + split.di.length, `${def.title} (${split.di}): ${problem}.`);
  return done({ id: split.di, value: split.value, title: def.title });
}

function checkFormat(format: DiFormat, v: string, referenceYear: number): string | undefined {
  switch (format) {
    case 'decimal':
      return /^[0-9]+(\.[0-9]+)?$/.test(v) ? undefined : `"${v}" is not a number`;
    case 'quantity-uom':
      return /^[0-9]+(\.[0-9]+)?[A-Z0-9]{2}$/.test(v) ? undefined : `"${v}" is not a quantity followed by a two-character unit`;
    case 'yymmdd':
    case 'yyyymmdd':
    case 'yyyymmdd-qualified': {
      const four = format !== 'yymmdd';
      const digits = v.slice(0, four ? 8 : 6);
      const r = checkDate(digits, { fourDigitYear: four, allowDayZero: false, referenceYear });
      if (typeof r === 'string') return `"${digits}" is not a valid date: ${r}`;
      if (format !== 'yyyymmdd-qualified' && v.length !== digits.length) return `"${v}" has extra characters after the date`;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The length and character class of the standard's `an` / `n` format (ANSI MH10.8.2). */
function checkBounds(def: DataIdentifier, v: string): string | undefined {
  if (def.numeric && !/^[0-9]+$/.test(v)) return `"${v}" is not numeric (${def.standardFormat})`;
  if (def.minLength !== undefined && v.length < def.minLength) return `"${v}" is shorter than ${def.minLength} characters (${def.standardFormat})`;
  if (def.maxLength !== undefined && v.length > def.maxLength) return `"${v}" is longer than ${def.maxLength} characters (${def.standardFormat})`;
  return undefined;
}
