import { describe, expect, it } from 'vitest';
import { MAX_SCAN_LENGTH, parseBarcode } from '../../../shared/barcode';

// A scan is at most MAX_SCAN_LENGTH characters; anything longer (a pasted file, a
// stuck key) must be refused after looking at it once, not after a quadratic
// search. Bound: the test's own time limit, which a linear parser meets by
// orders of magnitude and the old trailing-newline regex (about 2 s per input
// here) cannot.
const CR_LF_RUNS = [
  '\n'.repeat(40_000) + 'x',
  '\r\n'.repeat(20_000) + 'x',
  '\r'.repeat(40_000) + 'x\n',
  'A' + '\n'.repeat(40_000) + 'B',
];

describe('long input is refused in linear time', () => {
  it.each(CR_LF_RUNS.map((s, i) => [i, s] as const))('run %i of 40,000 line breaks before data: scan-too-long', (_i, raw) => {
    const r = parseBarcode(raw);
    expect(r).toMatchObject({ ok: false, error: { code: 'scan-too-long', at: MAX_SCAN_LENGTH } });
  }, 1_000);

  it('trailing scanner suffixes are still framing, not data', () => {
    expect(parseBarcode('B1001\r\n')).toMatchObject({ ok: true, text: 'B1001' });
    expect(parseBarcode('B1001' + '\r\n'.repeat(20_000))).toMatchObject({ ok: true, text: 'B1001' });
    expect(parseBarcode('\r\n\r\n')).toMatchObject({ ok: false, error: { code: 'scan-empty' } });
  });
});
