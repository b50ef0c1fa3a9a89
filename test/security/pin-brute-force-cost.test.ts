import { describe, expect, it } from 'vitest';
import { hashPin, PIN_SCRYPT_PARAMS, verifyPin } from '../../shared/pin';
import { DEFAULT_MIN_APPROVER_PIN_DIGITS } from '../../server/import/import-master';

/**
 * Probe: the work an attacker with a terminal's copy of a shift lead's hash
 * needs to try every PIN. The review recovered a 4-digit PIN under scrypt
 * N=2^14 in minutes; the cost is counted here in scrypt work units (N per
 * guess), never timed (bench/pin.ts measures milliseconds).
 */
describe('PIN brute-force cost', () => {
  const reviewedWork = 10 ** 4 * 2 ** 14;

  it('makes a full search over approver PINs at least 200 times the reviewed work', () => {
    const work = 10 ** DEFAULT_MIN_APPROVER_PIN_DIGITS * PIN_SCRYPT_PARAMS.N;
    expect(work / reviewedWork).toBeGreaterThanOrEqual(200);
  });

  it('writes new hashes at the raised cost, and still verifies hashes made at the old one', () => {
    const fresh = hashPin('246810');
    expect(fresh.split('$')[1]).toBe(String(2 ** 15));
    expect(verifyPin('246810', fresh)).toBe(true);
    expect(verifyPin('246811', fresh)).toBe(false);
    const old = hashPin('246810', undefined, { N: 2 ** 14, r: 8, p: 1, dkLen: 32 });
    expect(verifyPin('246810', old)).toBe(true);
  });

  it('refuses a hash whose cost would stall the terminal (a forged master row)', () => {
    const hex = '00'.repeat(16);
    expect(verifyPin('246810', `scrypt$${2 ** 21}$8$1$${hex}$${'00'.repeat(32)}`)).toBe(false);
  });
});
