// Check characters of GS1 keys (GS1 General Specifications 7.9.1 mod-10 check
// digit, 7.9.5 check character pair for alphanumeric keys).
import { CSET82 } from './charsets';

/** Expected GS1 mod-10 check digit for the given digits (without the check digit). */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  // Weights 3,1,3,1… from the right-most data digit.
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += (body.charCodeAt(i) - 48) * w;
  return (10 - (sum % 10)) % 10;
}

export function hasValidGs1CheckDigit(digits: string): boolean {
  if (!/^[0-9]{2,}$/.test(digits)) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function primes(count: number): number[] {
  const out: number[] = [];
  for (let n = 2; out.length < count; n++) if (out.every((p) => n % p !== 0)) out.push(n);
  return out;
}
const PRIMES = primes(97);

/**
 * GS1 check character pair: data characters (CSET 82 values) weighted by the
 * primes 2, 3, 5, … from the right, summed mod 1021; the 10-bit result is
 * split into two 5-bit CSET 32 characters.
 */
export function gs1CheckPair(body: string): string | undefined {
  if (body.length > PRIMES.length) return undefined;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const v = CSET82.indexOf(body[i]!);
    if (v < 0) return undefined;
    sum += v * PRIMES[body.length - 1 - i]!;
  }
  sum %= 1021;
  return CSET32[sum >> 5]! + CSET32[sum & 31]!;
}
