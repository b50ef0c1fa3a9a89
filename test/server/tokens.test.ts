import { describe, expect, it } from 'vitest';
import { hashToken, newToken, sameHash, tokenKind } from '../../server/tokens';

describe('tokens', () => {
  it('are random, prefixed by kind and 256 bits strong', () => {
    const terminal = newToken('terminal');
    const admin = newToken('admin');
    expect(terminal).toMatch(/^takt_t_[A-Za-z0-9_-]{43}$/);
    expect(admin).toMatch(/^takt_a_[A-Za-z0-9_-]{43}$/);
    expect(newToken('terminal')).not.toBe(terminal);
    expect([tokenKind(terminal), tokenKind(admin), tokenKind('bearer-whatever')]).toEqual(['terminal', 'admin', undefined]);
  });

  it('are stored as SHA-256 hex and compared in constant time', () => {
    const token = newToken('terminal');
    const hash = hashToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token.slice(7, 20));
    expect(sameHash(hash, hashToken(token))).toBe(true);
    expect(sameHash(hash, hashToken(newToken('terminal')))).toBe(false);
    expect(sameHash(hash, hash.slice(0, 10))).toBe(false);
    expect(sameHash('', '')).toBe(false);
  });
});
