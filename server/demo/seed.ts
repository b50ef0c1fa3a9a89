import { hashPin } from '../../shared/pin';
import { issueAdminToken, issueTerminal } from '../credentials-store';
import type { Db } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { upsertMaster, type MasterInput } from '../master-data-store';
import { DEMO_PIN, demoMasterRows } from './demo-data';

/**
 * Seeds the demo plant, but only into an empty database: demo rows must never
 * mix with a real plant's record. The tokens are returned once, to be shown
 * once; afterwards only their hashes exist (rotate with `takt terminal add --id`).
 */

export type SeedOutcome =
  | { seeded: false; reason: string }
  | { seeded: true; terminalTokens: Record<string, string>; adminToken: string };

export async function seedDemoData(db: Db, options: { now?: Date } = {}): Promise<SeedOutcome> {
  // Hash outside the transaction: scrypt is slow on purpose.
  const pinHash = hashPin(DEMO_PIN);
  return inTransaction(db, async (trx) => {
    const reason = await nonEmptyReason(trx);
    if (reason) return { seeded: false, reason };

    const terminalTokens: Record<string, string> = {};
    for (const entry of demoMasterRows(options.now ?? new Date(), pinHash)) {
      const written = await upsertMaster(trx, entry.kind, entry.row as MasterInput<typeof entry.kind>);
      // Demo rows are ours: a validation failure is a bug in demo-data.ts.
      if (!written.ok) throw new Error(`demo data invalid: ${written.error.message}`);
      if (entry.kind === 'terminal') {
        const { id, lineId, name } = entry.row;
        terminalTokens[id] = (await issueTerminal(trx, { id, lineId, name })).token;
      }
    }
    const admin = await issueAdminToken(trx, 'demo admin');
    return { seeded: true, terminalTokens, adminToken: admin.token };
  });
}

/** Why the database does not count as empty, or undefined when it does (admin tokens alone are fine). */
async function nonEmptyReason(db: Db): Promise<string | undefined> {
  for (const table of ['master_data', 'terminals', 'events'] as const) {
    const row = await db.selectFrom(table).select((eb) => eb.lit(1).as('one')).limit(1).executeTakeFirst();
    if (row) return `table ${table} already holds data`;
  }
  return undefined;
}
