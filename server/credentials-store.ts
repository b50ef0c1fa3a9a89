import { newId } from '../shared/ids';
import { Terminal } from '../shared/master-data';
import { hashToken, newToken } from './tokens';
import type { Db } from './db/schema';
import { inTransaction } from './db/transaction';
import { deleteMaster, getMaster, upsertMaster } from './master-data-store';

/**
 * Terminals and admin tokens as rows. The plain token leaves these functions
 * once, in their return value, and is never stored.
 */

export interface IssuedTerminal {
  terminalId: string;
  lineId: string;
  name: string;
  token: string;
  /** True when the terminal existed and only its token (and line/name) changed. */
  rotated: boolean;
}

/** A terminal with its master row: whether it receives its plant's closed containers (dock-feed.ts). */
export interface RegisteredTerminal extends IssuedTerminal {
  ships: boolean;
}

/** Creates a terminal, or gives an existing one a new token (the old one stops working). */
export async function issueTerminal(db: Db, input: { id: string; lineId: string; name?: string | undefined }): Promise<IssuedTerminal> {
  const token = newToken('terminal');
  const tokenHash = hashToken(token);
  const existing = await db.selectFrom('terminals').select(['id', 'name']).where('id', '=', input.id).executeTakeFirst();
  const name = input.name ?? existing?.name ?? input.id;
  if (existing) {
    await db.updateTable('terminals').set({ token_hash: tokenHash, line_id: input.lineId, name }).where('id', '=', input.id).execute();
  } else {
    await db
      .insertInto('terminals')
      .values({ id: input.id, line_id: input.lineId, name, token_hash: tokenHash, created_at: new Date().toISOString() })
      .execute();
  }
  return { terminalId: input.id, lineId: input.lineId, name, token, rotated: existing !== undefined };
}

/** The terminal's master row as `takt terminal` reads it, or undefined. */
async function terminalRow(db: Db, id: string): Promise<Terminal | undefined> {
  const parsed = Terminal.safeParse(await getMaster(db, 'terminal', id));
  return parsed.success ? parsed.data : undefined;
}

/** The master row of a terminal; `ships` only when it ships, so a row that stops shipping reads as one that never did. */
export function terminalMasterRow(input: { id: string; lineId: string; name: string; ships: boolean }): Terminal {
  return { id: input.id, lineId: input.lineId, name: input.name, ...(input.ships ? { ships: true } : {}) };
}

/** The next free id of the form `T-<line>-NN`, for `takt terminal add` without `--id`. */
export async function nextTerminalId(db: Db, lineId: string): Promise<string> {
  const taken = new Set((await db.selectFrom('terminals').select('id').execute()).map((r) => r.id));
  for (let n = 1; ; n++) {
    const id = `T-${lineId}-${String(n).padStart(2, '0')}`;
    if (!taken.has(id)) return id;
  }
}

export interface IssuedAdminToken {
  id: string;
  name: string;
  token: string;
}

export async function issueAdminToken(db: Db, name: string): Promise<IssuedAdminToken> {
  const token = newToken('admin');
  const id = newId();
  await db.insertInto('admin_tokens').values({ id, name, token_hash: hashToken(token), created_at: new Date().toISOString() }).execute();
  return { id, name, token };
}

/**
 * `issueTerminal` plus the terminal's master row, in one transaction, so
 * terminals and the UI see it. Without `ships` a rotated terminal keeps
 * what its row said: replacing a lost token must not cut a dock off its feed.
 */
export async function registerTerminal(db: Db, input: { id: string; lineId: string; name?: string | undefined; ships?: boolean | undefined }): Promise<RegisteredTerminal> {
  return inTransaction(db, async (trx) => {
    const ships = input.ships ?? (await terminalRow(trx, input.id))?.ships === true;
    const issued = { ...(await issueTerminal(trx, input)), ships };
    const written = await upsertMaster(trx, 'terminal', terminalMasterRow({ id: issued.terminalId, lineId: issued.lineId, name: issued.name, ships }));
    if (!written.ok) throw new Error(written.error.message);
    return issued;
  });
}

/**
 * Turns the dock feed of a registered terminal on or off (its master row's
 * `ships`). Undefined when there is no such terminal. A terminal that starts
 * shipping receives the plant's current containers with its next pull
 * (master-data-store re-offers them), one that stops drops them.
 */
export async function setTerminalShips(db: Db, id: string, ships: boolean): Promise<{ terminalId: string; lineId: string; ships: boolean; changed: boolean } | undefined> {
  return inTransaction(db, async (trx) => {
    const registered = await trx.selectFrom('terminals').select(['line_id', 'name']).where('id', '=', id).executeTakeFirst();
    if (!registered) return undefined;
    const row = (await terminalRow(trx, id)) ?? { id, lineId: registered.line_id, name: registered.name };
    const written = await upsertMaster(trx, 'terminal', terminalMasterRow({ id, lineId: row.lineId, name: row.name, ships }));
    if (!written.ok) throw new Error(written.error.message);
    return { terminalId: id, lineId: row.lineId, ships, changed: written.value.changed };
  });
}

export interface AdminTokenInfo {
  id: string;
  name: string;
  createdAt: string;
}

/** Admin tokens by id and name (never their hashes), oldest first. */
export async function listAdminTokens(db: Db): Promise<AdminTokenInfo[]> {
  const rows = await db.selectFrom('admin_tokens').select(['id', 'name', 'created_at']).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
}

/** Deletes the token's hash: the next request with it is 401. False when there was no such token. */
export async function revokeAdminToken(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('admin_tokens').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface TerminalInfo {
  terminalId: string;
  lineId: string;
  name: string;
  lastSeq: number;
  createdAt: string;
  ships: boolean;
}

export async function listTerminals(db: Db): Promise<TerminalInfo[]> {
  const rows = await db.selectFrom('terminals').select(['id', 'line_id', 'name', 'last_seq', 'created_at']).orderBy('id').execute();
  const shipping = new Set(
    (await db.selectFrom('master_data').select('data').where('kind', '=', 'terminal').where('deleted', '=', 0).execute())
      .map((r) => Terminal.safeParse(JSON.parse(r.data ?? 'null')))
      .flatMap((t) => (t.success && t.data.ships === true ? [t.data.id] : [])),
  );
  return rows.map((r) => ({ terminalId: r.id, lineId: r.line_id, name: r.name, lastSeq: Number(r.last_seq), createdAt: r.created_at, ships: shipping.has(r.id) }));
}

/**
 * Removes a terminal: its token stops working with the next request (the
 * hash is gone), and its master row becomes a tombstone so other terminals
 * and the UI learn of it. Its events stay: facts are never dropped.
 */
export async function removeTerminal(db: Db, id: string): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx.deleteFrom('terminals').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    const tombstone = await deleteMaster(trx, 'terminal', id);
    if (!tombstone.ok && tombstone.error.code !== 'not-found') throw new Error(tombstone.error.message);
    return true;
  });
}
