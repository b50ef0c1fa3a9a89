import type { ShipmentItem } from '../../shipping/shipment';
import { writeInterchange, type SegmentData } from '../edifact/write';

/**
 * DESADV (despatch advice message) for a dispatched shipment, in two
 * profiles: the classic UN/EDIFACT D.96A message, and the Global DESADV of
 * VDA 4987 on directory D.07A, which adds the consignor/consignee parties,
 * the gross weight (MEA+AAX+AAD), the transport (TDT+12, C040 the carrier's name) and a package
 * hierarchy with counts: CPS+1 the whole consignment with its PAC totals,
 * CPS+n+1 one handling unit each, PAC+1 its type, PCI+17 with GIN+ML its
 * label number (the rack id for a JIS rack) and GIN+BJ its SSCC, then the
 * LIN group: LIN (7140 the customer part, IN), PIA+1 our material (SA),
 * QTY+12 the despatched quantity, and PCI+10 with GIN+BX the batch numbers.
 * BGM+351 carries the delivery note number, DTM+137 the document date and
 * DTM+11 the despatch time (format 203).
 *
 * A mixed load under one master label (the dispatch screen's GS1 master
 * label) adds one package level, in both profiles, as the VDA 4987 package
 * hierarchy nests handling units: CPS+2+1 the master handling unit (PAC+1 a
 * pallet, PX in UN/ECE Rec. 21; PCI+17 with GIN+BJ its SSCC), and each
 * container's CPS then names 2 as its parent. CPS+1 stays the consignment.
 * Without a master SSCC the message is the one it always was.
 */

export type DesadvProfile = 'D96A' | 'GLOBAL-D07A';

export interface DespatchAdvice {
  profile: DesadvProfile;
  deliveryNoteNumber: string;
  shipmentId: string;
  /** ISO time of dispatch. */
  despatchedAt: string;
  supplier: { number: string; name?: string };
  customer: { id: string; name: string };
  shipTo: { name: string; unloadingPoint: string };
  carrier?: string;
  vehicleId?: string;
  grossWeightKg?: number;
  /** The SSCC of the master label over a mixed load (ShipmentDispatched.masterSscc). */
  masterSscc?: string;
  items: readonly ShipmentItem[];
}

/** The Global DESADV's UNH 0057 association code (VDA 4987 / Odette profile identifier). */
export const GLOBAL_DESADV_ASSOCIATION = 'GAVF13';

/** The master handling unit's package type: a pallet (UN/ECE Recommendation 21, code PX). */
const MASTER_PACKAGING = 'PX';

export function edifactTime(iso: string): string {
  const t = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}`;
}

export function desadvSegments(a: DespatchAdvice, preparedAt: string): SegmentData[] {
  const global = a.profile === 'GLOBAL-D07A';
  const s: SegmentData[] = [
    ['BGM', '351', a.deliveryNoteNumber, '9'],
    ['DTM', ['137', edifactTime(preparedAt), '203']],
    ['DTM', ['11', edifactTime(a.despatchedAt), '203']],
  ];
  if (global && a.grossWeightKg !== undefined) s.push(['MEA', 'AAX', 'AAD', ['KGM', a.grossWeightKg.toFixed(3)]]);
  s.push(['RFF', ['CU', a.shipmentId]]);
  if (global) s.push(['NAD', 'CZ', [a.supplier.number, '', '92'], '', a.supplier.name ?? '']);
  s.push(['NAD', 'SE', [a.supplier.number, '', '92'], '', a.supplier.name ?? '']);
  s.push(['NAD', global ? 'CN' : 'BY', [a.customer.id, '', '92'], '', a.customer.name]);
  s.push(['NAD', 'ST', '', '', a.shipTo.name]);
  if (a.shipTo.unloadingPoint) s.push(['LOC', '11', a.shipTo.unloadingPoint]);
  // The vehicle's registration travels in VDA 4913 (712); in TDT it would need C401 filled, which a despatch by road has not.
  if (global && a.carrier) s.push(['TDT', '12', '', '', '', ['', '', '', a.carrier]]);
  s.push(['CPS', '1']);
  if (global) s.push(['PAC', String(new Set(a.items.map((i) => i.containerId)).size), '', 'PK']);
  // Items of one container or rack share one package (CPS/PAC); each is one LIN line in it.
  const packages = new Map<string, ShipmentItem[]>();
  for (const item of a.items) packages.set(item.containerId, [...(packages.get(item.containerId) ?? []), item]);
  // The master handling unit sits between the consignment and the containers: they hang from it.
  let parent = '1';
  if (a.masterSscc) {
    s.push(['CPS', '2', '1'], ['PAC', '1', '', MASTER_PACKAGING], ['PCI', '17'], ['GIN', 'BJ', a.masterSscc]);
    parent = '2';
  }
  const firstId = Number(parent) + 1;
  let line = 0;
  [...packages.values()].forEach((items, i) => {
    const first = items[0]!;
    s.push(['CPS', String(i + firstId), parent]);
    s.push(['PAC', '1', '', first.packagingType ?? (first.sequenceNumbers ? 'RACK' : 'PK')]);
    s.push(['PCI', '17']);
    s.push(['GIN', 'ML', first.containerId]);
    if (first.sscc) s.push(['GIN', 'BJ', first.sscc]);
    for (const item of items) {
      s.push(['LIN', String(++line), '', [item.customerPartNumber, 'IN']]);
      s.push(['PIA', '1', [item.materialId, 'SA']]);
      s.push(['QTY', ['12', String(item.quantity), 'PCE']]);
      if (item.batches.length > 0) {
        s.push(['PCI', '10']);
        for (const b of item.batches) s.push(['GIN', 'BX', b.batch]);
      }
    }
  });
  return s;
}

export interface DesadvEnvelope {
  controlRef: string;
  preparedAt: string;
}

export function writeDesadv(a: DespatchAdvice, env: DesadvEnvelope): string {
  const global = a.profile === 'GLOBAL-D07A';
  return writeInterchange({
    syntax: { id: 'UNOC', version: global ? 4 : 3 },
    sender: { id: a.supplier.number, qualifier: 'ZZZ' },
    recipient: { id: a.customer.id, qualifier: 'ZZZ' },
    preparedAt: new Date(env.preparedAt),
    controlRef: env.controlRef,
    lineBreaks: true,
    messages: [
      {
        ref: a.deliveryNoteNumber,
        type: 'DESADV',
        version: 'D',
        release: global ? '07A' : '96A',
        agency: 'UN',
        ...(global ? { association: GLOBAL_DESADV_ASSOCIATION } : {}),
        segments: desadvSegments(a, env.preparedAt),
      },
    ],
  });
}
