import { describe, expect, it } from 'vitest';
import { allocateSscc, buildSscc, isValidSscc, ssccCheckDigit } from '../../../shared/labels';

// GS1 General Specifications: the SSCC example (00) 1 0614141 123456789 7, and
// 0 0614141 123456789 0 as used in the project's scan vectors.
describe('SSCC', () => {
  it.each([
    ['10614141123456789', 7],
    ['00614141123456789', 0],
  ])('check digit of %s is %i (GS1 mod 10)', (body, digit) => {
    expect(ssccCheckDigit(body)).toBe(digit);
  });

  // 0 4012345678 000042: weights 3,1,3… from the right sum to 90, so the check digit is 0 (worked by hand).
  it('builds extension digit + company prefix + padded serial reference + check digit', () => {
    expect(buildSscc({ extensionDigit: 1, companyPrefix: '0614141' }, 123456789)).toEqual({ ok: true, value: '106141411234567897' });
    expect(buildSscc({ extensionDigit: 0, companyPrefix: '4012345678' }, 42)).toEqual({ ok: true, value: '040123456780000420' });
    expect(isValidSscc('106141411234567897')).toBe(true);
    expect(isValidSscc('106141411234567890')).toBe(false);
  });

  it('refuses a serial reference with too many digits for the prefix', () => {
    expect(buildSscc({ extensionDigit: 0, companyPrefix: '4012345678' }, 1_000_000)).toMatchObject({ ok: false, error: { code: 'sscc-invalid' } });
  });

  it('allocates from the range, one after lastUsed, until exhausted', () => {
    const range = { companyPrefix: '0614141', extensionDigit: 1, from: 123456788, to: 123456789 };
    const first = allocateSscc({ range, lastUsed: null });
    expect(first).toEqual({ ok: true, value: { sscc: '106141411234567880', serialReference: 123456788 } });
    const second = allocateSscc({ range, lastUsed: 123456788 });
    expect(second).toEqual({ ok: true, value: { sscc: '106141411234567897', serialReference: 123456789 } });
    expect(allocateSscc({ range, lastUsed: 123456789 })).toMatchObject({ ok: false, error: { code: 'sscc-range-exhausted' } });
  });

  it('never goes below the range start even with a stale lastUsed', () => {
    const range = { companyPrefix: '0614141', extensionDigit: 1, from: 500, to: 600 };
    expect(allocateSscc({ range, lastUsed: 3 })).toMatchObject({ ok: true, value: { serialReference: 500 } });
  });
});
