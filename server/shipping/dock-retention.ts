import type { Db } from '../db/schema';
import { deleteMaster } from '../master-data-store';

/**
 * Retires the dock's copies of containers that left the plant for good: a
 * `dock-container` row whose container went out on a shipment the server
 * accepted (despatch advice written) more than `days` ago becomes a
 * tombstone under a new revision, so the shipping terminals drop it with
 * their next pull and their caches do not grow with every truck. A pending
 * or refused shipment keeps the row: the container may still be offered
 * again. The record itself (containers, shipments, genealogy) stays.
 */

export const DEFAULT_DOCK_RETENTION_DAYS = 14;

/** At most this many rows per run, so that a first run over a long history does not hold up the EDI tick it shares. */
const PER_RUN = 500;

const DAY_MS = 86_400_000;

export async function retireShippedContainers(db: Db, options: { days: number; now: Date }): Promise<string[]> {
  const cutoff = new Date(options.now.getTime() - options.days * DAY_MS).toISOString();
  const rows = await db
    .selectFrom('master_data as m')
    .innerJoin('shipment_containers as sc', 'sc.container_id', 'm.id')
    .innerJoin('edi_shipments as s', 's.shipment_id', 'sc.shipment_id')
    .select('m.id')
    .distinct()
    .where('m.kind', '=', 'dock-container')
    .where('m.deleted', '=', 0)
    .where('s.status', '=', 'written')
    .where('s.dispatched_at', '<', cutoff)
    .orderBy('m.id')
    .limit(PER_RUN)
    .execute();
  const retired: string[] = [];
  for (const { id } of rows) {
    const gone = await deleteMaster(db, 'dock-container', id);
    if (gone.ok && gone.value.changed) retired.push(id);
  }
  return retired;
}

/** TAKT_DOCK_RETENTION_DAYS: whole days, at least 1; anything else stops the start with a message naming it. */
export function dockRetentionDays(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_DOCK_RETENTION_DAYS;
  const days = Number(raw);
  if (!/^\d+$/.test(raw) || days < 1) throw new RangeError(`TAKT_DOCK_RETENTION_DAYS must be a whole number of days, at least 1: ${raw}`);
  return days;
}
