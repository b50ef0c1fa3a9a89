import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDesadv, type DespatchAdvice, type DesadvProfile } from '../../shared/edi/messages/desadv';
import { writeVda4913 } from '../../shared/edi/vda/vda4913';
import type { Db } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { archive, loadCustomers, loadPlant, nextCounter } from './store';

/**
 * After the push committed: every pending shipment gets its despatch advice
 * in each configured format, written to the outbox folder (temp file, then
 * rename, so a gateway never picks up half a file) and archived. A shipment
 * is claimed by one UPDATE before it is written, so two server instances
 * never write the same one twice.
 */

export const OUT_FORMATS = ['DESADV-D96A', 'DESADV-GLOBAL-D07A', 'VDA4913'] as const;
export type OutFormat = (typeof OUT_FORMATS)[number];

export interface OutboxOptions {
  outboxDir: string;
  formats?: readonly OutFormat[];
  now?: () => Date;
}

export interface WrittenShipment {
  shipmentId: string;
  status: 'written' | 'failed';
  files: string[];
  error?: string;
}

function writeAtomically(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  const tmp = join(dir, `.${name}.tmp`);
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, path);
  return path;
}

export async function writeOutbox(db: Db, options: OutboxOptions): Promise<WrittenShipment[]> {
  const pending = await db.selectFrom('edi_shipments').selectAll().where('status', '=', 'pending').orderBy('dispatched_at').limit(100).execute();
  const results: WrittenShipment[] = [];
  if (pending.length === 0) return results;
  const customers = await loadCustomers(db);
  const plant = await loadPlant(db);
  for (const shipment of pending) {
    const claimed = await db.updateTable('edi_shipments').set({ status: 'writing' }).where('shipment_id', '=', shipment.shipment_id).where('status', '=', 'pending').executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue;
    const customer = customers.find((c) => c.id === shipment.customer_id);
    if (!customer) {
      const error = `customer ${shipment.customer_id} is not in master data`;
      await db.updateTable('edi_shipments').set({ status: 'failed', error }).where('shipment_id', '=', shipment.shipment_id).execute();
      results.push({ shipmentId: shipment.shipment_id, status: 'failed', files: [], error });
      continue;
    }
    const lines = await db.selectFrom('edi_shipment_lines').selectAll().where('shipment_id', '=', shipment.shipment_id).orderBy('line_no').execute();
    const advice: Omit<DespatchAdvice, 'profile'> = {
      deliveryNoteNumber: shipment.delivery_note!,
      shipmentId: shipment.shipment_id,
      despatchedAt: shipment.dispatched_at,
      supplier: { number: customer.supplierNumber, ...(plant ? { name: plant.name } : {}) },
      customer: { id: customer.id, name: customer.name },
      shipTo: { name: customer.shipTo.name, unloadingPoint: customer.shipTo.unloadingPoint },
      items: lines.map((l) => ({
        containerId: l.container_id,
        ...(l.sscc ? { sscc: l.sscc } : {}),
        materialId: l.material_id,
        customerPartNumber: l.customer_part_number,
        quantity: Number(l.quantity),
        batches: JSON.parse(l.batches) as { batch: string }[],
      })),
    };
    const at = (options.now ?? (() => new Date()))().toISOString();
    const files: string[] = [];
    try {
      await inTransaction(db, async (trx) => {
      for (const format of options.formats ?? OUT_FORMATS) {
        let text: string;
        let reference: string;
        if (format === 'VDA4913') {
          const n = await nextCounter(trx, `edi_vda4913_${customer.id}`);
          reference = String(n);
          text = writeVda4913({ ...advice, profile: 'D96A' }, { transmissionOld: n - 1, transmissionNew: n, shipmentNumber: shipment.delivery_note! });
        } else {
          reference = `D${String(await nextCounter(trx, 'edi_out_ref')).padStart(9, '0')}`;
          const profile: DesadvProfile = format === 'DESADV-D96A' ? 'D96A' : 'GLOBAL-D07A';
          text = writeDesadv({ ...advice, profile }, { controlRef: reference, preparedAt: at });
        }
        const fileName = `${customer.id}-${shipment.delivery_note}-${format}.${format === 'VDA4913' ? 'vda' : 'edi'}`;
        files.push(writeAtomically(options.outboxDir, fileName, text));
        await archive(trx, { direction: 'out', format, partner: customer.id, reference, source: 'outbox', file_name: fileName, at, status: 'written', raw: text, parsed: null, warnings: '[]', error: null, effect: JSON.stringify({ shipmentId: shipment.shipment_id, deliveryNote: shipment.delivery_note }), answer: null });
      }
      await trx.updateTable('edi_shipments').set({ status: 'written', error: null }).where('shipment_id', '=', shipment.shipment_id).execute();
      });
    } catch (err) {
      // A full disk or a value a format cannot hold: the shipment keeps the reason (GET /api/v1/edi/shipments).
      const error = err instanceof Error ? err.message : String(err);
      await db.updateTable('edi_shipments').set({ status: 'failed', error }).where('shipment_id', '=', shipment.shipment_id).execute();
      results.push({ shipmentId: shipment.shipment_id, status: 'failed', files, error });
      continue;
    }
    results.push({ shipmentId: shipment.shipment_id, status: 'written', files });
  }
  return results;
}
