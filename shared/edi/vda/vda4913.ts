import type { DespatchAdvice } from '../messages/desadv';
import { writeVdaRecord } from './engine';
import { VDA_4913 } from './formats';

/**
 * VDA 4913 (Datenfernübertragung von Lieferschein- und Transportdaten) for a
 * dispatched shipment: 711 header, 712 transport, 713 the delivery note, 714
 * one position per customer part and batch, 715 the packages of that
 * position, 719 the trailer with record counts. The transmission numbers of
 * 711 (old/new) let the customer see a gap. Field layout: format-4913.ts.
 *
 * Each container or rack is one 715 with Label-Kennung S (single package):
 * its packaging, one package, the position it belongs to, its quantity, and
 * its package number in Packstück-Nummer von/bis where the number fits the
 * nine digits (ours have twelve, so the label number also stays in
 * Packmittel-Nummer Lieferant, as it always was). A mixed load under one
 * master label adds one 715 for the load carrier, flagged the way the
 * Label-Kennung codes name a package that holds others: G (different parts
 * inside) or M (all the same part). It is one pallet (PX, UN/ECE
 * Recommendation 21, as the DESADV names it) with Füllmenge 0, our choice,
 * since its parts are counted in the packages inside. A 715 belongs to a
 * 714, so the master's follows the first position, before that position's
 * packages. Version 03 has no field for an SSCC; ours go into the record's
 * filler (see format-4913.ts).
 */

export interface Vda4913Envelope {
  transmissionOld: number;
  transmissionNew: number;
  /** Digits of the shipment (Sendungs-Ladungs-Bezugsnummer), at most 8. */
  shipmentNumber: string;
}

/** The load carrier of a mixed load: a pallet (UN/ECE Recommendation 21, code PX). */
export const MASTER_PACKAGING = 'PX';

const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
/** Quantities travel with three implied decimals (n13, 10 + 3). */
const milli = (quantity: number) => Math.round(quantity * 1000);
const packageNumberField = (label: string) => (/^\d{1,9}$/.test(label) ? label : undefined);

type Item = DespatchAdvice['items'][number];

export function writeVda4913(a: DespatchAdvice, env: Vda4913Envelope): string {
  const lines: string[] = [];
  const counts: Record<string, number> = {};
  const add = (type: string, values: Record<string, string | number | undefined>) => {
    counts[type] = (counts[type] ?? 0) + 1;
    lines.push(writeVdaRecord(VDA_4913, type, type === '719' ? '02' : '03', values));
  };
  const when = new Date(a.despatchedAt).toISOString();
  add('711', { customerNumber: a.customer.id.slice(0, 9), supplierNumber: a.supplier.number, transmissionOld: env.transmissionOld, transmissionNew: env.transmissionNew, transmissionDate: yymmdd(when) });
  add('712', {
    shipmentNumber: env.shipmentNumber,
    carrierNumber: a.carrier?.slice(0, 14),
    handoverDate: yymmdd(when),
    handoverTime: when.slice(11, 13) + when.slice(14, 16),
    grossWeight: a.grossWeightKg !== undefined ? Math.round(a.grossWeightKg) : undefined,
    packageCount: new Set(a.items.map((i) => i.containerId)).size + (a.masterSscc ? 1 : 0),
    vehicleId: a.vehicleId,
  });
  add('713', { deliveryNote: a.deliveryNoteNumber, despatchDate: yymmdd(when), unloadingPoint: a.shipTo.unloadingPoint.slice(0, 5) });
  // One position per part and batch set: the customer books goods receipt by part, traceability by batch.
  const positions = new Map<string, Item[]>();
  for (const item of a.items) {
    const key = `${item.customerPartNumber}\u0000${item.batches.map((b) => b.batch).join(',')}`;
    positions.set(key, [...(positions.get(key) ?? []), item]);
  }
  const mixed = new Set(a.items.map((i) => i.customerPartNumber)).size > 1;
  [...positions.values()].forEach((items, index) => {
    const first = items[0]!;
    const itemNumber = index + 1;
    add('714', {
      customerPart: first.customerPartNumber,
      supplierPart: first.materialId.slice(0, 22),
      quantity: milli(items.reduce((sum, i) => sum + i.quantity, 0)),
      unit: 'ST',
      itemNumber,
      batch: first.batches.map((b) => b.batch).join(',').slice(0, 15),
    });
    if (index === 0 && a.masterSscc) {
      add('715', { packagingCustomer: MASTER_PACKAGING, packageCount: 1, itemNumber, quantityPerPackage: 0, labelKind: mixed ? 'G' : 'M', sscc: a.masterSscc });
    }
    for (const item of items) {
      const label = packageNumberField(item.containerId);
      add('715', {
        packagingCustomer: item.packagingType ?? '',
        packagingSupplier: item.containerId.slice(0, 22),
        packageCount: 1,
        itemNumber,
        quantityPerPackage: milli(item.quantity),
        packageFrom: label,
        packageTo: label,
        labelKind: 'S',
        sscc: item.sscc,
      });
    }
  });
  const trailer: Record<string, number> = { ...counts, '719': 1 };
  add('719', Object.fromEntries(['711', '712', '713', '714', '715', '716', '717', '718', '719'].map((t) => [`count${t}`, trailer[t] ?? 0])));
  return lines.join('\r\n') + '\r\n';
}
