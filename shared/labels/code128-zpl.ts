import { GS } from '../barcode';
import { fieldHex } from './zpl-escape';

/**
 * ^BC field data in "no mode" (N) with explicit invocation codes (ZPL II
 * Programming Guide, ^BC, table "Code 128 Invocation Characters"): `>:` start
 * in subset B, `>;` start in subset C, `>9` start in subset A, `>6` code B,
 * `>7` code A, `>8` FNC1. In subset B the guide has `^`, `>` and `~` written
 * as `><`, `>0` and `>=`; everything else goes through ^FH. Subset A is
 * programmed as pairs of digits, 00–99, the symbol character values (guide,
 * "Code 128 Subsets A and C"). Giving the start code ourselves keeps the
 * printer from guessing, and FNC1 in first position makes the symbol GS1-128.
 *
 * Subset changes go only from C to B (or to A for the last character, below),
 * never back to C: the guide's `>5` (code C from
 * subset B) is read as FNC4 by other ZPL renderers, so a symbol that switched
 * back to C could show one thing on screen and scan as another.
 *
 * The last data character never directly follows an invocation code (a start
 * code, an escaped `^ > ~`, FNC1 or a subset change): a renderer that reads the
 * field two characters at a time drops such a final character, so the symbol
 * on screen and on paper would differ. Such a last character goes into subset
 * A as a digit pair (`>7` + value) when subset A has it (space to `_`), and is
 * otherwise followed by a closing `>7` that carries no data.
 */

const FNC1 = '>8';
const START_A = '>9';
const START_B = '>:';
const START_C = '>;';
const TO_A = '>7';
const TO_B = '>6';

const INVOCATION: Record<string, string> = { '^': '><', '>': '>0', '~': '>=' };

/** One piece of field data: what the ZPL says and whether it is an invocation code. */
interface Piece {
  zpl: string;
  invocation: boolean;
  /** The data character a literal piece stands for. */
  char?: string;
}

const invocation = (zpl: string): Piece => ({ zpl, invocation: true });

/** A character in subset B. */
const subsetB = (ch: string): Piece =>
  ch === GS ? invocation(FNC1) : INVOCATION[ch] ? invocation(INVOCATION[ch]) : { zpl: fieldHex(ch), invocation: false, char: ch };

/** Subset A value of a printable character (space = 00 … `_` = 63), or undefined when only subset B has it. */
function subsetAPair(ch: string): string | undefined {
  const code = ch.charCodeAt(0);
  return code >= 0x20 && code <= 0x5f ? String(code - 0x20).padStart(2, '0') : undefined;
}

function finish(pieces: Piece[]): string {
  const last = pieces[pieces.length - 1];
  const before = pieces[pieces.length - 2];
  if (last && !last.invocation && last.char !== undefined && before?.invocation) {
    const pair = subsetAPair(last.char);
    if (pair !== undefined) {
      // A start code directly before the only character: start in subset A instead.
      if (pieces.length === 2 && before.zpl === START_B) return START_A + pair;
      // A change to subset B directly before it becomes the change to subset A.
      if (before.zpl === TO_B) pieces.splice(pieces.length - 2, 1);
      pieces[pieces.length - 1] = { zpl: TO_A + pair, invocation: false };
    } else {
      pieces.push(invocation(TO_A));
    }
  }
  return pieces.map((p) => p.zpl).join('');
}

export function code128Payload(value: string): string {
  return finish([invocation(START_B), ...[...value].map(subsetB)]);
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
  // A lone digit after the switch is the last character: hand two more digits to subset B.
  if (elementString.length - pairs === 1 && /\d$/.test(elementString)) pairs = pairs - 2 >= 4 ? pairs - 2 : 0;
  const rest = [...elementString.slice(pairs)].map(subsetB);
  if (pairs === 0) return finish([invocation(START_B), invocation(FNC1), ...rest]);
  const digits: Piece = { zpl: elementString.slice(0, pairs), invocation: false };
  return finish([invocation(START_C), invocation(FNC1), digits, ...(rest.length ? [invocation(TO_B), ...rest] : [])]);
}
