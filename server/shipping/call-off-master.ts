import type { ScheduleLine } from '../../shared/edi/schedule';
import { openSummary } from '../../shared/shipping/allocate';
import type { Db } from '../db/schema';
import { upsertMaster } from '../master-data-store';

/**
 * Publishes what a customer part's call-off still asks for as master data
 * (kind `call-off`), so dispatch terminals load trucks against it offline.
 * In the caller's transaction: the figure and the schedule it comes from
 * commit together.
 */
export async function publishCallOff(db: Db, customerId: string, customerPartNumber: string, at: string): Promise<void> {
  const row = await db.selectFrom('delivery_schedules').selectAll().where('customer_id', '=', customerId).where('customer_part_number', '=', customerPartNumber).executeTakeFirst();
  if (!row) return;
  const summary = openSummary(JSON.parse(row.lines) as ScheduleLine[], Number(row.shipped_since));
  const written = await upsertMaster(db, 'call-off', {
    id: `${customerId}/${customerPartNumber}`,
    customerId,
    customerPartNumber,
    ...(row.material_id ? { materialId: row.material_id } : {}),
    scheduleNumber: row.schedule_number.slice(0, 35),
    ...summary,
    updatedAt: at,
  });
  if (!written.ok) throw new Error(`call-off ${customerId}/${customerPartNumber}: ${written.error.message}`);
}
