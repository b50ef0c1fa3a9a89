import { GS } from '../barcode';
import { fieldHex } from './zpl-escape';

/**
 * ^BC field data in "no mode" (N) with explicit invocation codes (ZPL II
 * Programming Guide, ^BC, table "Code 128 Invocation Characters"): `>:` start
 * in subset B, `>;` start in subset C, `>6` code B, `>8` FNC1. In subset B the
 * guide has `^`, `>` and `~` written as `><`, `>0` and `>=`; everything else
 * goes through ^FH. Giving the start code ourselves keeps the printer from
 * guessing, and FNC1 in first position makes the symbol GS1-128.
 *
 * Only one subset change is ever made, C → B: the guide's `>5` (code C from
 * subset B) is read as FNC4 by other ZPL renderers, so a symbol that switched
 * back to C could show one thing on screen and scan as another.
 */

const FNC1 = '>8';
const START_B = '>:';
const START_C = '>;';
const TO_B = '>6';

const INVOCATION: Record<string, string> = { '^': '><', '>': '>0', '~': '>=' };

/** A literal character in subset B. */
const subsetB = (ch: string) => INVOCATION[ch] ?? fieldHex(ch);

export function code128Payload(value: string): string {
  return START_B + [...value].map(subsetB).join('');
}

/** Even number of leading digits worth starting subset C for (at least four). */
function leadingPairs(s: string): number {
  let n = 0;
  while (n < s.length && s.charCodeAt(n) >= 48 && s.charCodeAt(n) <= 57) n++;
  const even = n - (n % 2);
  return even >= 4 ? even : 0;
}

/**
 * `elementString` uses GS for FNC1 separators. Leading digits (fixed-length
 * numeric AIs such as SSCC, GTIN and dates; put them first) go in subset C,
 * two per symbol character; the rest in subset B.
 */
export function gs1_128Payload(elementString: string): string {
  let pairs = leadingPairs(elementString);
  // A lone digit after the switch is the last character: one renderer drops it, so
  // hand two more digits to subset B.
  if (elementString.length - pairs === 1 && /\d$/.test(elementString)) pairs = pairs - 2 >= 4 ? pairs - 2 : 0;
  if (pairs === 0) return START_B + FNC1 + [...elementString].map((ch) => (ch === GS ? FNC1 : subsetB(ch))).join('');
  const rest = elementString.slice(pairs);
  return START_C + FNC1 + elementString.slice(0, pairs) + (rest === '' ? '' : TO_B + [...rest].map((ch) => (ch === GS ? FNC1 : subsetB(ch))).join(''));
}
