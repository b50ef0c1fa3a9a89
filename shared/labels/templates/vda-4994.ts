import { z } from 'zod';
import type { DiField } from '../model';
import { caption, cellText, code128, defineTemplate, hline, box, text, vline } from './types';

/**
 * VDA 4994 Global Transport Label (GTL; same content as Odette OTL and AIAG
 * B-10): license plate in Code 128 with data identifier 1J (ISO/IEC 15459
 * unique transport unit id), and one 2D symbol carrying the label's data as
 * ISO/IEC 15434 format 06 with ANSI MH10.8.2 data identifiers:
 * 1J license plate, P customer part no., Q quantity, V supplier id,
 * N delivery (advice) note, 1T batch, 2P change level, 1P supplier part no.,
 * 16D production date (YYYYMMDD), 20L unloading point.
 */
const Ascii = (max: number) => z.string().max(max).regex(/^[\x20-\x7e]*$/, 'printable ASCII only (bar code)');
const Required = (max: number) => Ascii(max).refine((s) => s.trim() !== '', 'required');

export const Vda4994Data = z.object({
  licensePlate: z.string().regex(/^[A-Z0-9]{2,3}[A-Z0-9-]{4,32}$/, 'issuing agency code + company id + serial, upper case').describe('License plate 1J (ISO/IEC 15459)'),
  receiver: z.string().min(1).max(100).describe('Receiver'),
  unloadingPoint: Ascii(20).default('').describe('Dock / gate, 20L'),
  // Empty until the container is on a shipment; the field is then left out of the 2D symbol.
  deliveryNote: Ascii(20).default('').describe('Advice note no., N; empty before dispatch'),
  supplier: z.string().min(1).max(100).describe('Supplier name and address'),
  netWeightKg: z.number().nonnegative().optional().describe('Net weight in kg'),
  grossWeightKg: z.number().nonnegative().optional().describe('Gross weight in kg'),
  customerPartNumber: Required(30).describe('Customer part no., P'),
  quantity: z.number().int().positive().max(99_999_999).describe('Quantity, Q'),
  description: z.string().max(60).default('').describe('Description'),
  supplierPartNumber: Ascii(30).default('').describe('Supplier part no., 1P'),
  supplierId: Required(20).describe('Supplier id assigned by the customer, V'),
  productionDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('Production / pack date, 16D'),
  changeLevel: Ascii(10).default('').describe('Engineering change level, 2P'),
  batch: Ascii(20).default('').describe('Batch, 1T'),
});

/** Data identifiers of the 2D symbol, in label order; empty ones are left out at binding. */
const FIELDS: DiField[] = [
  { di: '1J', value: '{{licensePlate}}' },
  { di: 'P', value: '{{customerPartNumber}}' },
  { di: 'Q', value: '{{quantity}}' },
  { di: 'V', value: '{{supplierId}}' },
  { di: 'N', value: '{{deliveryNote}}' },
  { di: '1T', value: '{{batch}}' },
  { di: '2P', value: '{{changeLevel}}' },
  { di: '1P', value: '{{supplierPartNumber}}' },
  { di: '16D', value: '{{productionDateDi}}' },
  { di: '20L', value: '{{unloadingPoint}}' },
];

export const vda4994 = defineTemplate({
  id: 'vda-4994',
  title: 'VDA 4994 Global Transport Label (GTL)',
  citation: 'VDA 4994 Global Transport Label; ISO/IEC 15434 format 06; ANSI MH10.8.2 data identifiers; ISO/IEC 15459 license plate',
  schema: Vda4994Data,
  bindings: (d) => ({
    ...Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v === undefined ? '' : String(v)])),
    weights: [d.netWeightKg !== undefined ? `net ${d.netWeightKg} kg` : '', d.grossWeightKg !== undefined ? `gross ${d.grossWeightKg} kg` : ''].filter(Boolean).join(' / '),
    productionDateDi: d.productionDate ? d.productionDate.replace(/-/g, '') : '',
    bar1J: `1J${d.licensePlate}`,
  }),
  // 210 × 148 mm at 8 dots/mm.
  layout: {
    widthDots: 1680,
    heightDots: 1184,
    dpi: 203,
    elements: [
      box(0, 0, 1680, 1184, 3),
      hline(0, 200, 1680), hline(0, 400, 1680), hline(0, 600, 1680), hline(0, 800, 1680),
      vline(840, 0, 800),
      caption(8, 8, 'Receiver'), cellText(8, 40, '{{receiver}}', 36, 824, 76), caption(8, 120, 'Dock / gate (20L)'), cellText(8, 146, '{{unloadingPoint}}', 36, 824),
      caption(848, 8, 'Supplier'), cellText(848, 40, '{{supplier}}', 28, 824, 76), caption(848, 120, 'Weight'), cellText(848, 146, '{{weights}}', 28, 824),
      caption(8, 208, 'Advice note no. (N)'), text(8, 240, '{{deliveryNote}}', 44),
      caption(848, 208, 'Quantity (Q)'), text(848, 240, '{{quantity}}', 60),
      caption(8, 408, 'Customer part no. (P)'), cellText(8, 440, '{{customerPartNumber}}', 60, 824), cellText(8, 520, '{{description}}', 28, 824, 80),
      caption(848, 408, 'Supplier part no. (1P) / change level (2P)'), cellText(848, 440, '{{supplierPartNumber}}', 36, 824), cellText(848, 500, '{{changeLevel}}', 36, 824),
      caption(8, 608, 'Supplier id (V)'), text(8, 640, '{{supplierId}}', 44), caption(8, 700, 'Batch (1T)'), text(8, 730, '{{batch}}', 36),
      caption(848, 608, 'Date (16D)'), text(848, 640, '{{productionDate}}', 44),
      caption(8, 808, 'License plate (1J)'), text(8, 836, '{{licensePlate}}', 40), code128(40, 890, '{{bar1J}}', 200, 3),
      { type: 'datamatrix', x: 1300, y: 830, moduleSize: 6, content: { kind: 'iso15434', format: '06', fields: FIELDS } },
    ],
  },
});
