import { describe, expect, it } from 'vitest';
import { hashPin, verifyPin } from '../../shared/pin';

const cheap = { N: 2 ** 10, r: 8, p: 1, dkLen: 32 };

describe('PIN hashes', () => {
  it('verify the right PIN and refuse a wrong one', () => {
    const stored = hashPin('1234', undefined, cheap);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(verifyPin('1234', stored)).toBe(true);
    expect(verifyPin('1235', stored)).toBe(false);
    expect(verifyPin('', stored)).toBe(false);
  });

  it('salt each hash', () => {
    expect(hashPin('1234', undefined, cheap)).not.toBe(hashPin('1234', undefined, cheap));
  });

  it.each([
    ['empty', ''],
    ['other scheme', 'bcrypt$x'],
    ['bad numbers', 'scrypt$abc$8$1$00$00'],
    ['cost too high to be ours', `scrypt$${2 ** 24}$8$1$00$00`],
    ['bad hex', 'scrypt$1024$8$1$zz$zz'],
  ])('treat a malformed hash (%s) as no match', (_name, stored) => {
    expect(verifyPin('1234', stored)).toBe(false);
  });

  it('is compatible with the default cost parameters', () => {
    const stored = hashPin('0815');
    expect(stored.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(verifyPin('0815', stored)).toBe(true);
  });
});
