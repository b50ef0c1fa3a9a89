import { Material, Operator, Order, type ScrapReason } from '../../../shared/master-data';

/** Master data of a small line: one order with a BOM of two batch-tracked materials and one bulk material. */
export const materials: Material[] = [
  Material.parse({ id: 'm-housing', number: '4711', name: 'Housing' }),
  Material.parse({ id: 'm-pcb', number: '4712', name: 'PCB' }),
  Material.parse({ id: 'm-grease', number: '9000', name: 'Grease', batchTracked: false }),
  Material.parse({ id: 'm-other', number: '5555', name: 'Not in BOM' }),
];

export const order: Order = Order.parse({
  id: 'o-1',
  number: 'FA-1001',
  lineId: 'L1',
  materialId: 'm-product',
  quantity: 100,
  dueDate: '2026-11-26',
  status: 'released',
  bom: [
    { materialId: 'm-housing', quantityPerUnit: 1 },
    { materialId: 'm-pcb', quantityPerUnit: 2 },
    { materialId: 'm-grease', quantityPerUnit: 0.01 },
  ],
});

export const operators = {
  anna: Operator.parse({ id: 'op-anna', name: 'Anna', badge: 'B1', role: 'operator', lineIds: ['L1'] }),
  ben: Operator.parse({ id: 'op-ben', name: 'Ben', badge: 'B2', role: 'operator' }),
  carla: Operator.parse({ id: 'op-carla', name: 'Carla', badge: 'B3', role: 'operator', lineIds: ['L2'] }),
  lead: Operator.parse({ id: 'op-lead', name: 'Lea', badge: 'B9', role: 'shift-lead' }),
  quality: Operator.parse({ id: 'op-q', name: 'Quinn', badge: 'B8', role: 'quality' }),
};

export const scrapReasons: ScrapReason[] = [
  { id: 'r-scratch', code: 'SCR', group: 'surface', label: { de: 'Kratzer', en: 'Scratch' } },
  { id: 'r-dent', code: 'DNT', group: 'surface', label: { de: 'Delle', en: 'Dent' } },
  { id: 'r-solder', code: 'SOL', group: 'electrical', label: { de: 'Lötfehler', en: 'Solder defect' } },
  { id: 'r-short', code: 'SHO', group: 'electrical', label: { de: 'Kurzschluss', en: 'Short circuit' } },
  { id: 'r-other', code: 'OTH', group: 'other', label: { de: 'Sonstiges', en: 'Other' } },
];
