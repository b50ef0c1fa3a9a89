import type { Transaction } from 'kysely';
import { ok } from '../shared/errors';
import { serverFail, type ServerResult } from './errors';
import { SsccRange, type BlockedBatch, type MasterKind } from '../shared/master-data';
import type { Database } from './db/schema';

/**
 * Rules and indexes that some master-data kinds carry beyond their row:
 * SSCC ranges must never overlap (two terminals numbering the same container
 * offline would be a collision no one can untangle later), and blocked
 * batches are mirrored into a table the push path can look up by batch.
 * Both run inside the writing transaction, after the revision counter is
 * taken, so in PostgreSQL concurrent writers are already serialised.
 */

type Trx = Transaction<Database>;

/** A reason the row may not be written, or ok. */
export async function checkMasterWrite(trx: Trx, kind: MasterKind, row: { id: string }): Promise<ServerResult<null>> {
  if (kind !== 'sscc-range') return ok(null);
  const range = row as SsccRange;
  const others = await trx.selectFrom('master_data').select(['id', 'data']).where('kind', '=', 'sscc-range').where('deleted', '=', 0).where('id', '!=', range.id).execute();
  for (const other of others) {
    const parsed = SsccRange.safeParse(JSON.parse(other.data ?? 'null'));
    if (!parsed.success) continue;
    const o = parsed.data;
    if (o.companyPrefix === range.companyPrefix && o.extensionDigit === range.extensionDigit && o.from <= range.to && range.from <= o.to) {
      return serverFail(
        'sscc-range-overlap',
        `SSCC range ${range.id} (${range.extensionDigit}/${range.companyPrefix} ${range.from}–${range.to}) overlaps range ${o.id} of terminal ${o.terminalId} (${o.from}–${o.to})`,
      );
    }
  }
  return ok(null);
}

/** Keeps derived tables in step with a written row (`row`) or a tombstone (`null`). */
export async function afterMasterWrite(trx: Trx, kind: MasterKind, id: string, row: object | null): Promise<void> {
  if (kind !== 'blocked-batch') return;
  await trx.deleteFrom('blocked_batches').where('master_id', '=', id).execute();
  if (row === null) return;
  const blocked = row as BlockedBatch;
  await trx.insertInto('blocked_batches').values({ master_id: id, material_id: blocked.materialId, batch: blocked.batch, reason: blocked.reason }).execute();
}
