import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDesadv, type DespatchAdvice, type DesadvProfile } from '../../shared/edi/messages/desadv';
import { writeVda4913 } from '../../shared/edi/vda/vda4913';
import { packageNumberOf } from '../../shared/labels/container-label';
import { DESPATCH_ADVICE_FORMATS, type DespatchAdviceFormat } from '../../shared/master-data-shipping';
import type { Db } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { acceptShipment, type Acceptance } from '../shipping/accept-shipment';
import { publishDockContainers } from '../shipping/dock-feed';
import type { Refusal } from '../shipping/verify-dispatch';
import { archive, loadCustomers, loadPlant, nextCounter } from './store';

/**
 * After the push committed: every pending shipment gets its despatch advice
 * in each configured format, written to the outbox folder (temp file, then
 * rename, so a gateway never picks up half a file) and archived. A shipment
 * is claimed by one UPDATE before it is written, so two server instances
 * never write the same one twice. Before it is written it is checked
 * against the plant's record, and refused or left waiting when the record
 * says so (server/shipping/accept-shipment.ts). Each customer gets the formats its master
 * data names (its goods receipt reads one), else every configured format.
 */

export const OUT_FORMATS = DESPATCH_ADVICE_FORMATS;
export type OutFormat = DespatchAdviceFormat;

export interface OutboxOptions {
  outboxDir: string;
  formats?: readonly OutFormat[];
  now?: () => Date;
  /** Default DEFAULT_GRACE_MS (TAKT_EDI_SHIPMENT_GRACE_MS). */
  graceMs?: number;
}

/** How long a shipment may wait for packings the record does not have yet before it is refused for them. */
export const DEFAULT_GRACE_MS = 15 * 60_000;

export interface WrittenShipment {
  shipmentId: string;
  /** waiting: the record may only be behind (see accept-shipment.ts); the next tick looks again. */
  status: 'written' | 'failed' | 'refused' | 'waiting';
  files: string[];
  error?: string;
  refusals?: Refusal[];
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
      shipTo: { name: customer.shipTo.name, unloadingPoint: shipment.unloading_point ?? customer.shipTo.unloadingPoint },
      ...(shipment.master_sscc ? { masterSscc: shipment.master_sscc } : {}),
      items: lines.map((l) => ({
        // The number the customer's goods receipt scans: the label's package number (VDA 4902 field 14; an internal
        // container id is a UUID, longer than GIN 7402's an..35), a JIS rack by its rack id.
        containerId: l.sequence_id ? l.container_id : packageNumberOf(l.container_id),
        ...(l.sscc ? { sscc: l.sscc } : {}),
        materialId: l.material_id,
        customerPartNumber: l.customer_part_number,
        quantity: Number(l.quantity),
        batches: JSON.parse(l.batches) as { batch: string }[],
      })),
    };
    const now = (options.now ?? (() => new Date()))();
    const at = now.toISOString();
    const files: string[] = [];
    let acceptance: Acceptance = { kind: 'accepted' };
    try {
      await inTransaction(db, async (trx) => {
      const decided = await acceptShipment(trx, shipment, customer, now, options.graceMs ?? DEFAULT_GRACE_MS);
      acceptance = decided;
      if (decided.kind !== 'accepted') {
        const error = decided.kind === 'waiting' ? decided.reason : decided.refusals.map((r) => `${r.containerId || shipment.shipment_id}: ${r.code}`).join('; ');
        await trx.updateTable('edi_shipments').set({ status: decided.kind === 'waiting' ? 'pending' : 'refused', error }).where('shipment_id', '=', shipment.shipment_id).execute();
        // A refused truck did not deliver: its containers are offered to the dock again (still checked for holds there).
        if (decided.kind === 'refused') await publishDockContainers(trx, lines.map((l) => l.container_id));
        return;
      }
      for (const format of customer.despatchAdvice ?? options.formats ?? OUT_FORMATS) {
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
    const outcome = acceptance as Acceptance;
    if (outcome.kind === 'refused') results.push({ shipmentId: shipment.shipment_id, status: 'refused', files: [], refusals: outcome.refusals });
    else if (outcome.kind === 'waiting') results.push({ shipmentId: shipment.shipment_id, status: 'waiting', files: [], error: outcome.reason });
    else results.push({ shipmentId: shipment.shipment_id, status: 'written', files });
  }
  return results;
}
