import { z } from 'zod';
import { CODE39_CHARACTERS } from '../symbol-content';
import { caption, cellText, code39, defineTemplate, hline, box, text, vline } from './types';

/**
 * VDA 4902 "Warenanhänger" (barcode-capable goods tag), version 4, in the
 * 210 × 74 mm KLT size. Fields: (1) receiver, (2) unloading point,
 * (3) delivery note no., (4) supplier, (5) net / gross weight, (6) number of
 * packages, (7) customer part no., (8) quantity, (9) description,
 * (10) supplier part no., (11) supplier no., (12) date, (13) change level,
 * (14) package no., (15) batch no.
 * Bar codes (section 3.3 data identifiers, section 4 symbology): Code 39
 * without check character, each symbol one field led by its identifier:
 * N (3), P (7), Q (8), V (11), S (14), H (15) — what goods-receipt scanners
 * are set up for. So every bar-coded value is refused unless Code 39 can carry
 * it (0-9 A-Z space - . $ / + %; no lower case).
 * Geometry: narrow bar 2 dots (0.25 mm), wide 3:1, so a symbol of n
 * characters (identifier included) is about 32n + 64 dots; at the
 * 20-character maximum (736 dots) it fits half the label with the 10-module
 * quiet zones of ISO/IEC 16388 on both sides. Bars are 13 mm high.
 */
const Code39Value = (max: number) => z.string().trim().max(max).regex(CODE39_CHARACTERS, 'Code 39 characters only: 0-9 A-Z space - . $ / + % (bar code)');
const Id = Code39Value(20).min(1);

export const Vda4902Data = z.object({
  receiver: z.string().min(1).max(100).describe('Warenempfänger (1)'),
  unloadingPoint: z.string().max(20).default('').describe('Abladestelle / Lagerort (2)'),
  // Empty until the container is on a shipment: the production order is not a delivery note.
  deliveryNote: Code39Value(20).default('').describe('Lieferschein-Nr. (3), bar code N; empty before dispatch'),
  supplier: z.string().min(1).max(100).describe('Lieferant, name and address (4)'),
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
  batch: Code39Value(20).default('').describe('Chargen-Nr. (15), bar code H'),
});

const kg = (v: number | undefined) => (v === undefined ? '' : `${v} kg`);

export const vda4902 = defineTemplate({
  id: 'vda-4902',
  title: 'VDA 4902 container label (KLT)',
  citation: 'VDA 4902 Version 4 (Warenanhänger, barcodefähig), fields 1–15; bar codes Code 39 with data identifiers N, P, Q, V, S, H',
  schema: Vda4902Data,
  bindings: (d) => ({
    ...Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v === undefined ? '' : String(v)])),
    weights: [d.netWeightKg !== undefined ? `net ${kg(d.netWeightKg)}` : '', d.grossWeightKg !== undefined ? `gross ${kg(d.grossWeightKg)}` : ''].filter(Boolean).join(' / '),
    packageCount: d.packageCount === undefined ? '' : String(d.packageCount),
    barN: d.deliveryNote ? `N${d.deliveryNote}` : '',
    barP: `P${d.customerPartNumber}`,
    barQ: `Q${d.quantity}`,
    barV: `V${d.supplierNumber}`,
    barS: `S${d.packageNumber}`,
    barH: d.batch ? `H${d.batch}` : '',
  }),
  // 210 × 74 mm at 8 dots/mm: four rows of 148 dots, bar-coded fields in halves of 840 dots.
  layout: {
    widthDots: 1680,
    heightDots: 592,
    dpi: 203,
    elements: [
      box(0, 0, 1680, 592, 3),
      hline(0, 148, 1680), hline(0, 296, 1680), hline(0, 444, 1680),
      vline(840, 0, 592), vline(1260, 0, 148), vline(1260, 148, 148), vline(1260, 296, 148),
      caption(8, 6, '(3) Lieferschein-Nr. (N)'), cellText(340, 4, '{{deliveryNote}}', 28, 492), code39(28, 36, '{{barN}}', 104),
      caption(848, 6, '(1) Warenempfaenger'), cellText(848, 28, '{{receiver}}', 24, 404, 34),
      caption(848, 62, '(2) Abladestelle'), cellText(848, 84, '{{unloadingPoint}}', 28, 404),
      caption(1268, 6, '(4) Lieferant'), cellText(1268, 28, '{{supplier}}', 18, 404, 34),
      caption(1268, 62, '(5) Gewicht  (6) Packstuecke'), cellText(1268, 86, '{{weights}}', 22, 404), text(1268, 114, '{{packageCount}}', 22),
      caption(8, 154, '(7) Sach-Nr. Kunde (P)'), cellText(340, 152, '{{customerPartNumber}}', 32, 492), code39(28, 186, '{{barP}}', 104),
      caption(848, 154, '(8) Fuellmenge (Q)'), text(1100, 152, '{{quantity}}', 32), code39(868, 186, '{{barQ}}', 104),
      caption(1268, 154, '(9) Bezeichnung'), cellText(1268, 178, '{{description}}', 22, 404, 112),
      caption(8, 302, '(11) Lieferanten-Nr. (V)'), cellText(340, 300, '{{supplierNumber}}', 28, 492), code39(28, 334, '{{barV}}', 104),
      caption(848, 302, '(10) Sach-Nr. Lieferant'), cellText(848, 326, '{{supplierPartNumber}}', 28, 404),
      caption(848, 370, '(13) Aenderungsstand'), cellText(848, 392, '{{changeLevel}}', 28, 404),
      caption(1268, 302, '(12) Datum'), text(1268, 326, '{{date}}', 28),
      caption(8, 450, '(15) Chargen-Nr. (H)'), cellText(340, 448, '{{batch}}', 28, 492), code39(28, 482, '{{barH}}', 104),
      caption(848, 450, '(14) Packstueck-Nr. (S)'), text(1140, 448, '{{packageNumber}}', 28), code39(868, 482, '{{barS}}', 104),
    ],
  },
});
