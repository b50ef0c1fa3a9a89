import { randomBytes } from 'node:crypto';
import type { Db } from '../db/schema';
import { hashToken } from '../tokens';
import { findUser, type WebUser } from './user-store';

/**
 * Web sessions: a random cookie value (256 bits) of which only the SHA-256 is
 * stored, like tokens. A session lasts at most one long shift (12 h) and ends
 * after 8 h without a request. Each carries its own CSRF token, which the
 * pages send back in a header on every write (a synchronizer token: a
 * foreign site can make the browser send the cookie, never read the token).
 */

export const SESSION_COOKIE = 'takt_session';
export const SESSION_MAX_MS = 12 * 3600_000;
export const SESSION_IDLE_MS = 8 * 3600_000;
/** last_seen_at is written at most this often, so reading pages does not turn into a write per request. */
const TOUCH_EVERY_MS = 60_000;

export interface Session {
  user: WebUser;
  csrfToken: string;
  expiresAt: string;
}

export async function createSession(db: Db, username: string, now = new Date()): Promise<{ cookieValue: string; csrfToken: string; expiresAt: string }> {
  const cookieValue = `takt_s_${randomBytes(32).toString('base64url')}`;
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_MAX_MS).toISOString();
  await db
    .insertInto('web_sessions')
    .values({ id_hash: hashToken(cookieValue), username, csrf_token: csrfToken, created_at: now.toISOString(), last_seen_at: now.toISOString(), expires_at: expiresAt })
    .execute();
  // Expired sessions of everyone go with each login: the table stays the size of the shifts working now.
  await db.deleteFrom('web_sessions').where('expires_at', '<', now.toISOString()).execute();
  return { cookieValue, csrfToken, expiresAt };
}

export async function resolveSession(db: Db, cookieValue: string, now = new Date()): Promise<Session | undefined> {
  if (!/^takt_s_[A-Za-z0-9_-]{43}$/.test(cookieValue)) return undefined;
  const idHash = hashToken(cookieValue);
  const row = await db.selectFrom('web_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  if (!row) return undefined;
  const idleSince = now.getTime() - Date.parse(row.last_seen_at);
  if (row.expires_at <= now.toISOString() || idleSince > SESSION_IDLE_MS) {
    await db.deleteFrom('web_sessions').where('id_hash', '=', idHash).execute();
    return undefined;
  }
  const user = await findUser(db, row.username);
  if (!user) return undefined;
  if (idleSince > TOUCH_EVERY_MS) await db.updateTable('web_sessions').set({ last_seen_at: now.toISOString() }).where('id_hash', '=', idHash).execute();
  return { user, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

export async function endSession(db: Db, cookieValue: string): Promise<void> {
  await db.deleteFrom('web_sessions').where('id_hash', '=', hashToken(cookieValue)).execute();
}

/** The named cookie's value from a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
