import { scrypt } from '@noble/hashes/scrypt';
import { bytesToHex, hexToBytes, randomBytes } from '@noble/hashes/utils';

/**
 * Operator PIN hashes: scrypt, so the server stores no PIN and a terminal can
 * still check a PIN offline. @noble/hashes because WebCrypto has no scrypt and
 * the renderer must verify in the browser. Format: `scrypt$N$r$p$saltHex$hashHex`.
 */
/**
 * N = 2^15 (32 MiB): the largest cost a terminal checks within 250 ms in
 * Chromium (`npm run bench -- pin` prints the figures); twice the work per
 * guess of 2^14. Existing hashes keep the cost they were made with.
 */
export const PIN_SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, dkLen: 32 };

/** The longest PIN a pad accepts and an import stores. */
export const MAX_PIN_DIGITS = 12;

export function hashPin(pin: string, salt: Uint8Array = randomBytes(16), params = PIN_SCRYPT_PARAMS): string {
  const hash = scrypt(pin, salt, params);
  return ['scrypt', params.N, params.r, params.p, bytesToHex(salt), bytesToHex(hash)].join('$');
}

export function verifyPin(pin: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltHex, hashHex] = parts as [string, string, string, string, string, string];
  const params = { N: Number(n), r: Number(r), p: Number(p), dkLen: hashHex.length / 2 };
  if (![params.N, params.r, params.p].every((v) => Number.isInteger(v) && v > 0) || params.N > 2 ** 20) return false;
  try {
    const actual = scrypt(pin, hexToBytes(saltHex), params);
    return constantTimeEqual(actual, hexToBytes(hashHex));
  } catch {
    return false;
  }
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
