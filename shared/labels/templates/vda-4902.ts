import { z } from 'zod';
import { caption, code128, defineTemplate, hline, box, text, vline } from './types';

/**
 * VDA 4902 "Warenanhänger" (transport / KLT container label), version 4:
 * receiver, unloading point, delivery note no. (N), supplier, weights, number
 * of packages, customer part no. (P), quantity (Q), description, supplier part
 * no., supplier no. (V), date, change level, package no. (S), batch (H).
 * The standard draws the bar codes in Code 39; this model prints the same data
 * identifier + value in Code 128, which the same readers accept. Bar codes
 * keep a quiet zone of at least 10 modules from every line (ISO/IEC 15417).
 */
const Id = z.string().trim().min(1).max(20).regex(/^[\x20-\x7e]+$/, 'printable ASCII only (bar code)');

export const Vda4902Data = z.object({
  receiver: z.string().min(1).max(60).describe('Warenempfänger (1)'),
  unloadingPoint: z.string().max(20).default('').describe('Abladestelle / Lagerort (2)'),
  deliveryNote: Id.describe('Lieferschein-Nr. (3), bar code N'),
  supplier: z.string().min(1).max(60).describe('Lieferant, name and address (4)'),
  netWeightKg: z.number().nonnegative().optional().describe('Gewicht netto in kg (5)'),
  grossWeightKg: z.number().nonnegative().optional().describe('Gewicht brutto in kg (5)'),
  packageCount: z.number().int().positive().optional().describe('Anzahl Packstücke (6)'),
  customerPartNumber: Id.describe('Sach-Nr. Kunde (7), bar code P'),
  quantity: z.number().int().positive().max(99_999_999).describe('Füllmenge (8), bar code Q'),
  description: z.string().max(60).default('').describe('Bezeichnung Lieferung / Leistung (9)'),
  supplierPartNumber: z.string().max(20).default('').describe('Sach-Nr. Lieferant (10)'),
  supplierNumber: Id.describe('Lieferanten-Nr. (11), bar code V'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('Datum (12), ISO date'),
  changeLevel: z.string().max(10).default('').describe('Änderungsstand Konstruktion (13)'),
  packageNumber: Id.describe('Packstück-Nr. (14), bar code S'),
  batch: z.string().max(20).regex(/^[\x20-\x7e]*$/, 'printable ASCII only (bar code)').default('').describe('Chargen-Nr. (15), bar code H'),
});

const kg = (v: number | undefined) => (v === undefined ? '' : `${v} kg`);

export const vda4902 = defineTemplate({
  id: 'vda-4902',
  title: 'VDA 4902 container label (KLT)',
  citation: 'VDA 4902 Version 4 (Warenanhänger, barcodefähig), fields 1–15',
  schema: Vda4902Data,
  bindings: (d) => ({
    ...Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v === undefined ? '' : String(v)])),
    weights: [d.netWeightKg !== undefined ? `net ${kg(d.netWeightKg)}` : '', d.grossWeightKg !== undefined ? `gross ${kg(d.grossWeightKg)}` : ''].filter(Boolean).join(' / '),
    packageCount: d.packageCount === undefined ? '' : String(d.packageCount),
    barN: `N${d.deliveryNote}`,
    barP: `P${d.customerPartNumber}`,
    barQ: `Q${d.quantity}`,
    barV: `V${d.supplierNumber}`,
    barS: `S${d.packageNumber}`,
    barH: d.batch ? `H${d.batch}` : '',
  }),
  // 210 × 74 mm at 8 dots/mm.
  layout: {
    widthDots: 1680,
    heightDots: 592,
    dpi: 203,
    elements: [
      box(0, 0, 1680, 592, 3),
      hline(0, 148, 1680), hline(0, 296, 1680), hline(0, 444, 1680),
      vline(420, 0, 148), vline(700, 0, 148), vline(1260, 0, 148),
      caption(8, 6, '(1) Warenempfaenger'), text(8, 40, '{{receiver}}', 28),
      caption(428, 6, '(2) Abladestelle'), text(428, 40, '{{unloadingPoint}}'),
      caption(708, 6, '(3) Lieferschein-Nr. (N)'), text(708, 30, '{{deliveryNote}}', 28), code128(728, 66, '{{barN}}', 70),
      caption(1268, 6, '(4) Lieferant'), text(1268, 30, '{{supplier}}', 20),
      caption(1268, 62, '(5) Gewicht  (6) Packstuecke'), text(1268, 86, '{{weights}}', 24), text(1268, 114, '{{packageCount}}', 24),
      vline(1120, 148, 148),
      caption(8, 154, '(7) Sach-Nr. Kunde (P)'), text(8, 178, '{{customerPartNumber}}', 36), code128(420, 160, '{{barP}}', 120),
      caption(1128, 154, '(8) Fuellmenge (Q)'), text(1128, 178, '{{quantity}}', 36), code128(1148, 220, '{{barQ}}', 70),
      vline(560, 296, 148), vline(1120, 296, 148),
      caption(8, 302, '(9) Bezeichnung'), text(8, 330, '{{description}}', 28),
      caption(568, 302, '(10) Sach-Nr. Lieferant  (13) Aenderungsstand'), text(568, 330, '{{supplierPartNumber}}', 28), text(568, 380, '{{changeLevel}}', 28),
      caption(1128, 302, '(11) Lieferanten-Nr. (V)'), text(1128, 326, '{{supplierNumber}}', 28), code128(1148, 362, '{{barV}}', 70),
      vline(280, 444, 148), vline(560, 444, 148), vline(1120, 444, 148),
      caption(8, 450, '(12) Datum'), text(8, 480, '{{date}}'),
      caption(288, 450, '(15) Chargen-Nr. (H)'), text(288, 480, '{{batch}}', 28),
      caption(568, 450, '(15) Chargen-Nr., bar code H'), code128(588, 500, '{{barH}}', 70),
      caption(1128, 450, '(14) Packstueck-Nr. (S)'), text(1128, 474, '{{packageNumber}}', 28), code128(1148, 510, '{{barS}}', 70),
    ],
  },
});
