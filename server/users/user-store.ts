import { sql } from 'kysely';
import { ok } from '../../shared/errors';
import { serverFail, type ServerResult } from '../errors';
import type { Db } from '../db/schema';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords';
import { isRole, ROLES, type Role } from './roles';

/**
 * Web accounts. Five wrong passwords in a row lock an account for fifteen
 * minutes: the count lives in the row, so it holds across server instances,
 * and a correct password during the lock is refused too (otherwise the lock
 * would only slow a guesser down, not stop one).
 */

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export interface WebUser {
  username: string;
  displayName: string;
  role: Role;
}

export interface WebUserInfo extends WebUser {
  createdAt: string;
  lockedUntil: string | null;
}

export function normaliseUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

export async function addUser(db: Db, input: { username: string; role: string; displayName?: string | undefined; password: string }): Promise<ServerResult<WebUser>> {
  const username = normaliseUsername(input.username);
  if (!USERNAME.test(username)) return serverFail('bad-request', `username "${input.username}" must be 1–64 of a-z, 0-9, dot, dash or underscore, starting with a letter or digit`);
  if (!isRole(input.role)) return serverFail('bad-request', `unknown role "${input.role}" (roles: ${ROLES.join(', ')})`);
  const problem = passwordProblem(input.password);
  if (problem) return serverFail('bad-request', problem);
  const displayName = (input.displayName ?? username).trim() || username;
  if (displayName.length > 100) return serverFail('bad-request', 'the display name must have at most 100 characters');
  const passwordHash = await hashPassword(input.password);
  const inserted = await db
    .insertInto('web_users')
    .values({ username, display_name: displayName, role: input.role, password_hash: passwordHash, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('username').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return serverFail('conflict', `user ${username} exists already (remove it first to recreate it)`);
  return ok({ username, displayName, role: input.role });
}

export async function listUsers(db: Db): Promise<WebUserInfo[]> {
  const rows = await db.selectFrom('web_users').select(['username', 'display_name', 'role', 'created_at', 'locked_until']).orderBy('username').execute();
  const now = new Date().toISOString();
  return rows.map((r) => ({
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    createdAt: r.created_at,
    lockedUntil: r.locked_until && r.locked_until > now ? r.locked_until : null,
  }));
}

/** Removes the account and ends its sessions at once. False when there was no such user. */
export async function removeUser(db: Db, rawUsername: string): Promise<boolean> {
  const username = normaliseUsername(rawUsername);
  await db.deleteFrom('web_sessions').where('username', '=', username).execute();
  const result = await db.deleteFrom('web_users').where('username', '=', username).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findUser(db: Db, username: string): Promise<WebUser | undefined> {
  const row = await db.selectFrom('web_users').select(['username', 'display_name', 'role']).where('username', '=', username).executeTakeFirst();
  if (!row || !isRole(row.role)) return undefined;
  return { username: row.username, displayName: row.display_name, role: row.role };
}

/**
 * Checks a login. Unknown user and wrong password answer alike (and take as
 * long: a dummy hash is verified), so the form does not reveal who has an account.
 */
export async function checkLogin(db: Db, rawUsername: string, password: string, now = new Date()): Promise<ServerResult<WebUser>> {
  const username = normaliseUsername(rawUsername);
  const row = await db.selectFrom('web_users').selectAll().where('username', '=', username).executeTakeFirst();
  const wrong = serverFail('unauthorized', 'wrong username or password');
  if (!row) {
    await verifyPassword(password, await dummyPasswordHash());
    return wrong;
  }
  if (row.locked_until && row.locked_until > now.toISOString()) {
    return serverFail('account-locked', `too many wrong passwords: account ${username} is locked until ${row.locked_until}`);
  }
  const matches = password.length <= 1000 && (await verifyPassword(password, row.password_hash));
  if (matches && isRole(row.role)) {
    await db.updateTable('web_users').set({ failed_logins: 0, locked_until: null }).where('username', '=', username).execute();
    return ok({ username, displayName: row.display_name, role: row.role });
  }
  // A lock that has run out starts the count afresh; the increment is one statement, so parallel guesses all count.
  if (row.locked_until) await db.updateTable('web_users').set({ failed_logins: 0, locked_until: null }).where('username', '=', username).execute();
  await db
    .updateTable('web_users')
    .set({ failed_logins: sql<number>`failed_logins + 1` })
    .where('username', '=', username)
    .execute();
  const after = await db.selectFrom('web_users').select('failed_logins').where('username', '=', username).executeTakeFirst();
  if (after && Number(after.failed_logins) >= MAX_FAILED_LOGINS) {
    const until = new Date(now.getTime() + LOCKOUT_MS).toISOString();
    await db.updateTable('web_users').set({ locked_until: until }).where('username', '=', username).execute();
    return serverFail('account-locked', `too many wrong passwords: account ${username} is locked until ${until}`);
  }
  return wrong;
}
