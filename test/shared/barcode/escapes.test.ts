import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EOT, GS, RS, showControlChars, unescapeControlChars } from '../../../shared/barcode';

describe('escapes', () => {
  it('shows control characters visibly', () => {
    expect(showControlChars(`[)>${RS}06${GS}P1${RS}${EOT}`)).toBe('[)><RS>06<GS>P1<RS><EOT>');
    expect(showControlChars('a\u001bb\r\n')).toBe('a<0x1B>b<CR><LF>');
  });

  it('unescapes <GS>, \\x1d and friends', () => {
    expect(unescapeControlChars('10ABC<GS>21X\\x1d<RS><EOT><FNC1>\\x1E<0x04>')).toBe(`10ABC${GS}21X${GS}${RS}${EOT}${GS}${RS}${EOT}`);
    expect(unescapeControlChars('plain <b> text')).toBe('plain <b> text');
  });

  it('round-trips any text without "<" or "\\"', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !/[<\\]/.test(s)), (s) => {
        expect(unescapeControlChars(showControlChars(s))).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});
