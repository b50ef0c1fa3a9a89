// GS1 character sets (GS1 General Specifications, 7.11, figures 7.11-1 to 7.11-3).

/** CSET 82: the invariant subset of ISO/IEC 646 allowed in alphanumeric AIs. */
export const CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
/** CSET 39: upper-case letters, digits and "#-/". */
export const CSET39 = '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** CSET 64: the file-safe / URI-safe base64 alphabet (RFC 4648 base64url) plus "=" padding. */
export const CSET64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=';

const set82 = new Set(CSET82);
const set39 = new Set(CSET39);
const set64 = new Set(CSET64);

export const CHARSET_NAMES = { N: 'digits', X: 'GS1 CSET 82', Y: 'GS1 CSET 39', Z: 'GS1 CSET 64 (base64url)' } as const;

/** Index of the first character outside the set, or -1. */
export function firstInvalidChar(value: string, type: 'N' | 'X' | 'Y' | 'Z'): number {
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    const ok =
      type === 'N' ? c >= '0' && c <= '9' : type === 'X' ? set82.has(c) : type === 'Y' ? set39.has(c) : set64.has(c);
    if (!ok) return i;
  }
  // base64url padding may only trail the data.
  if (type === 'Z') {
    const pad = value.indexOf('=');
    if (pad !== -1 && !/^=+$/.test(value.slice(pad))) return pad;
  }
  return -1;
}

export const isDigits = (s: string): boolean => /^[0-9]+$/.test(s);
