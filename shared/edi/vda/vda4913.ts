import type { DespatchAdvice } from '../messages/desadv';
import { writeVdaRecord } from './engine';
import { VDA_4913 } from './formats';

/**
 * VDA 4913 (Datenfernübertragung von Lieferschein- und Transportdaten) for a
 * dispatched shipment: 711 header, 712 transport, 713 the delivery note, 714
 * one position per customer part and batch, 715 the packages of that
 * position (label number, SSCC), 719 the trailer with record counts. The
 * transmission numbers of 711 (old/new) let the customer see a gap.
 */

export interface Vda4913Envelope {
  transmissionOld: number;
  transmissionNew: number;
  /** Digits of the shipment (Sendungs-Ladungs-Bezugsnummer), at most 8. */
  shipmentNumber: string;
}

const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);

export function writeVda4913(a: DespatchAdvice, env: Vda4913Envelope): string {
  const lines: string[] = [];
  const add = (type: string, values: Record<string, string | number | undefined>) => lines.push(writeVdaRecord(VDA_4913, type, '03', values));
  const when = new Date(a.despatchedAt).toISOString();
  add('711', { customerNumber: a.customer.id.slice(0, 9), supplierNumber: a.supplier.number, transmissionOld: env.transmissionOld, transmissionNew: env.transmissionNew, transmissionDate: yymmdd(when) });
  add('712', {
    shipmentNumber: env.shipmentNumber,
    carrierNumber: a.carrier?.slice(0, 14),
    despatchDate: yymmdd(when),
    despatchTime: when.slice(11, 13) + when.slice(14, 16),
    grossWeight: a.grossWeightKg !== undefined ? Math.round(a.grossWeightKg) : undefined,
    packageCount: a.items.length,
    vehicleId: a.vehicleId,
  });
  add('713', { deliveryNote: a.deliveryNoteNumber, deliveryDate: yymmdd(when), unloadingPoint: a.shipTo.unloadingPoint.slice(0, 5) });
  // One position per part and batch set: the customer books goods receipt by part, traceability by batch.
  const positions = new Map<string, DespatchAdvice['items'][number][]>();
  for (const item of a.items) {
    const key = `${item.customerPartNumber}\u0000${item.batches.map((b) => b.batch).join(',')}`;
    positions.set(key, [...(positions.get(key) ?? []), item]);
  }
  let count714 = 0;
  let count715 = 0;
  for (const items of positions.values()) {
    const first = items[0]!;
    count714 += 1;
    add('714', {
      customerPart: first.customerPartNumber,
      supplierPart: first.materialId.slice(0, 22),
      quantity: items.reduce((sum, i) => sum + i.quantity, 0) * 1000,
      unit: 'ST',
      batch: first.batches.map((b) => b.batch).join(',').slice(0, 15),
    });
    for (const item of items) {
      count715 += 1;
      add('715', { packagingCustomer: item.packagingType ?? '', packageCount: 1, quantityPerPackage: item.quantity * 1000, sscc: item.sscc, packagingSupplier: item.containerId.slice(0, 22) });
    }
  }
  add('719', { count711: 1, count712: 1, count713: 1, count714, count715 });
  return lines.join('\r\n') + '\r\n';
}
