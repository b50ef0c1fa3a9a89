import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HostError } from './coded-error';

/**
 * How a browser page earns the right to open the bridge without a secret on
 * any command line or log line:
 *
 * - The terminal keeps one stable credential in its user-data folder
 *   (`browser-credential`, mode 0600). It survives restarts of the host, so a
 *   page paired once reconnects by itself after a reload or a restart.
 * - The page holds a session cookie derived from that credential (HttpOnly,
 *   SameSite=Strict), which the browser sends with the WebSocket upgrade.
 * - It gets the cookie by exchanging a one-time pairing code (`#pair=…` in the
 *   URL, a fragment the browser never sends anywhere) at `/bridge/pair`. A
 *   code works once; the next one is written to `open-terminal.html` (0600)
 *   in the user-data folder, which `takt start --open` hands to Chromium as a
 *   file path, so even the code never reaches a command line.
 */
export const CREDENTIAL_FILE = 'browser-credential';
export const PAIRING_PAGE_FILE = 'open-terminal.html';
export { PAIR_PATH, SESSION_PATH } from '../../shared/ws-protocol';

const CREDENTIAL_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const SESSION_LIFETIME_SECONDS = 400 * 24 * 3600; // the longest lifetime Chromium keeps a cookie

/** Reads the terminal's stable browser credential, creating it (0600) on first use; repairs a looser file mode. */
export async function loadBrowserCredential(userDataDir: string): Promise<string> {
  await mkdir(userDataDir, { recursive: true, mode: 0o700 });
  const file = join(userDataDir, CREDENTIAL_FILE);
  let text: string | null = null;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new HostError('config-invalid', `Browser credential: cannot read ${file}: ${(err as Error).message}`);
    }
  }
  if (text !== null && CREDENTIAL_SHAPE.test(text)) {
    if (((await stat(file)).mode & 0o777) !== 0o600) await chmod(file, 0o600);
    return text;
  }
  const credential = randomBytes(32).toString('base64url');
  await writePrivate(file, `${credential}\n`);
  return credential;
}

/** The session cookie's value: derived, so the credential itself never leaves its file. */
export function sessionValue(credential: string): string {
  return createHmac('sha256', credential).update('takt browser session v1').digest('base64url');
}

/** One name per port: cookies are shared by every port of a host, terminals on one machine must not collide. */
export function sessionCookieName(port: number): string {
  return `takt_bridge_${port}`;
}

export function sessionCookie(port: number, credential: string): string {
  return `${sessionCookieName(port)}=${sessionValue(credential)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_LIFETIME_SECONDS}`;
}

/** Whether a Cookie header carries this terminal's session; constant-time in the value. */
export function hasSession(cookieHeader: string | undefined, port: number, credential: string): boolean {
  const given = readCookie(cookieHeader, sessionCookieName(port)) ?? '';
  return timingSafeEqual(digest(given), digest(sessionValue(credential)));
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** One outstanding pairing code at a time; using it replaces it with a fresh one. */
export class PairingCodes {
  private code = newCode();
  current(): string {
    return this.code;
  }
  /** True (and the code is spent) when `given` is the outstanding code. */
  redeem(given: string): boolean {
    if (!timingSafeEqual(digest(given), digest(this.code))) return false;
    this.code = newCode();
    return true;
  }
}

function newCode(): string {
  return randomBytes(16).toString('base64url');
}

export function pairingUrl(baseUrl: string, code: string): string {
  return `${baseUrl}/#pair=${code}`;
}

/** A local page that forwards to the current pairing URL, readable by this user only. */
export async function writePairingPage(userDataDir: string, url: string): Promise<string> {
  const file = join(userDataDir, PAIRING_PAGE_FILE);
  const html = [
    '<!doctype html>',
    '<meta charset="utf-8">',
    `<meta http-equiv="refresh" content="0; url=${url}">`,
    '<title>Takt</title>',
    `<a href="${url}">Takt</a>`,
    '',
  ].join('\n');
  await writePrivate(file, html);
  return file;
}

/** The pairing URL the page in the user-data folder currently forwards to (tests and tools open it). */
export async function readPairingUrl(userDataDir: string): Promise<string> {
  return pairingUrlIn(await readFile(join(userDataDir, PAIRING_PAGE_FILE), 'utf8'));
}

export function pairingUrlIn(html: string): string {
  const match = /<a href="([^"]+)">/.exec(html);
  if (!match?.[1]) throw new HostError('config-invalid', `${PAIRING_PAGE_FILE} holds no pairing link`);
  return match[1];
}

/** Written to a temporary name first, so a reader never sees half a file; 0600 whatever the umask. */
async function writePrivate(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, file);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
