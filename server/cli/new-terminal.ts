import { setTimeout as sleep } from 'node:timers/promises';
import { nextTerminalId, terminalMasterRow, type RegisteredTerminal } from '../credentials-store';
import type { Db } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { upsertMaster } from '../master-data-store';
import { hashToken, newToken } from '../tokens';

/**
 * A new terminal under the next free id `T-<line>-NN`, safe when several
 * `takt terminal add` run at once (plant IT scripting a roll-out): the id is
 * chosen and taken in one transaction with an insert that never overwrites,
 * and a transaction that lost the race (the id went to another, or the
 * database reports a write conflict) starts over with the next free id.
 */
const ATTEMPTS = 30;

class IdTaken extends Error {}

/** Write conflicts a retry resolves: SQLite's busy / stale snapshot, PostgreSQL's unique, serialization and deadlock errors. */
function isRaceLost(err: unknown): boolean {
  if (err instanceof IdTaken) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED' || code === '23505' || code === '40001' || code === '40P01');
}

export async function addNewTerminal(db: Db, input: { lineId: string; name?: string | undefined; ships?: boolean | undefined }): Promise<RegisteredTerminal> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, async (trx) => {
        const id = await nextTerminalId(trx, input.lineId);
        const token = newToken('terminal');
        const name = input.name ?? id;
        const inserted = await trx
          .insertInto('terminals')
          .values({ id, line_id: input.lineId, name, token_hash: hashToken(token), created_at: new Date().toISOString() })
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .execute();
        if (inserted.length === 0) throw new IdTaken(`terminal id ${id} was taken meanwhile`);
        const ships = input.ships === true;
        const written = await upsertMaster(trx, 'terminal', terminalMasterRow({ id, lineId: input.lineId, name, ships }));
        if (!written.ok) throw new Error(written.error.message);
        return { terminalId: id, lineId: input.lineId, name, token, rotated: false, ships };
      });
    } catch (err) {
      if (attempt >= ATTEMPTS || !isRaceLost(err)) throw err;
      // Jitter, so that the losers do not collide again in step.
      await sleep(5 + Math.floor(Math.random() * 20 * attempt));
    }
  }
}
