import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer tokens: 32 random bytes, base64url, with a prefix that says what the
 * token is for (and lets secret scanners recognise a leaked one). The server
 * stores only the SHA-256: a stolen database grants nothing, and a token is
 * shown exactly once when it is created.
 */

export const TERMINAL_TOKEN_PREFIX = 'takt_t_';
export const ADMIN_TOKEN_PREFIX = 'takt_a_';

export type TokenKind = 'terminal' | 'admin';

export function newToken(kind: TokenKind): string {
  const prefix = kind === 'terminal' ? TERMINAL_TOKEN_PREFIX : ADMIN_TOKEN_PREFIX;
  return prefix + randomBytes(32).toString('base64url');
}

/** Hex SHA-256. A fast hash is enough: the token has 256 bits of entropy, nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function tokenKind(token: string): TokenKind | undefined {
  if (token.startsWith(TERMINAL_TOKEN_PREFIX)) return 'terminal';
  if (token.startsWith(ADMIN_TOKEN_PREFIX)) return 'admin';
  return undefined;
}

/** Constant-time comparison of two hex digests. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
