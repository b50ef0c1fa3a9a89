import { z } from 'zod';
import { isValidSscc } from '../sscc';
import { caption, cellText, defineTemplate, hline, box, text } from './types';

/**
 * Master label of a load of several containers or racks (a pallet, a
 * truck's stack), of one part (master load) or of several (mixed load). The GS1 Logistic
 * Label Guideline gives a unit of mixed content its SSCC, AI (00), and no
 * content data in bar code: AI (02) / (37) name one trade item and are only
 * for homogeneous units (GS1 General Specifications 2.2.1, 3.3.5). The
 * content is printed as text, one line per customer part: part, quantity and
 * the number of packages it comes in; the packages themselves carry their
 * own labels (VDA 4902, GTL, JIS rack).
 */
const Printable = (max: number) => z.string().max(max).regex(/^[\x20-\x7e]*$/, 'printable ASCII only');
const MAX_LINES = 10;

export const Gs1MixedLoadData = z.object({
  sscc: z.string().regex(/^\d{18}$/).refine(isValidSscc, 'SSCC check digit is wrong').describe('SSCC of the mixed unit, AI (00)'),
  shipFrom: z.string().min(1).max(60).describe('Ship from (name and address)'),
  shipTo: z.string().min(1).max(60).describe('Ship to'),
  unloadingPoint: Printable(25).default('').describe('Unloading point (dock, gate)'),
  shipment: Printable(40).default('').describe('Shipment reference'),
  packages: z.number().int().min(2).max(9999).describe('Containers and racks in the unit'),
  lines: z
    .array(z.object({ customerPartNumber: Printable(35).refine((s) => s.trim() !== '', 'required'), quantity: z.number().int().positive().max(99_999_999), packages: z.number().int().positive().max(9999) }))
    .min(1)
    .max(MAX_LINES)
    .describe('Content per customer part: quantity and packages'),
});

const line = (i: number) => `line${i + 1}`;

export const gs1MixedLoad = defineTemplate({
  id: 'gs1-mixed-load',
  title: 'GS1 logistic label, mixed load (master label)',
  citation: 'GS1 Logistic Label Guideline (mixed logistic units); GS1 General Specifications (AI 00, SSCC)',
  schema: Gs1MixedLoadData,
  bindings: (d) => ({
    sscc: d.sscc,
    shipFrom: d.shipFrom,
    shipTo: d.shipTo,
    unloadingPoint: d.unloadingPoint,
    shipment: d.shipment,
    packages: String(d.packages),
    // Several packages of one part are a master load; of several parts, a mixed one.
    kind: d.lines.length > 1 ? 'MIXED LOAD' : 'MASTER LOAD',
    total: String(d.lines.reduce((sum, l) => sum + l.quantity, 0)),
    ssccHri: `(00) ${d.sscc}`,
    ...Object.fromEntries(Array.from({ length: MAX_LINES }, (_, i) => {
      const l = d.lines[i];
      return [line(i), l ? `${l.customerPartNumber}  ${l.quantity} PCE  ${l.packages} PKG` : ''];
    })),
  }),
  // A6 portrait, 105 × 148 mm at 8 dots/mm, as the GS1 logistic label.
  layout: {
    widthDots: 840,
    heightDots: 1184,
    dpi: 203,
    elements: [
      box(0, 0, 840, 1184, 3),
      caption(16, 10, 'FROM'), cellText(16, 34, '{{shipFrom}}', 28, 808, 44), caption(16, 80, 'TO'), cellText(16, 104, '{{shipTo}}', 28, 808, 44),
      hline(0, 152, 840),
      text(16, 164, '{{kind}}', 48), caption(440, 162, 'PACKAGES'), text(440, 184, '{{packages}}', 40), caption(640, 162, 'PARTS'), text(640, 184, '{{total}}', 40),
      caption(16, 232, 'UNLOADING POINT'), cellText(16, 254, '{{unloadingPoint}}', 28, 400), caption(440, 232, 'SHIPMENT'), cellText(440, 254, '{{shipment}}', 20, 384),
      hline(0, 296, 840),
      caption(16, 304, 'CONTENT: CUSTOMER PART / QUANTITY / PACKAGES'),
      ...Array.from({ length: MAX_LINES }, (_, i) => cellText(16, 330 + i * 38, `{{${line(i)}}}`, 28, 808)),
      hline(0, 720, 840),
      { type: 'gs1-128', x: 70, y: 760, height: 300, moduleWidth: 4, elements: [{ ai: '00', value: '{{sscc}}' }] },
      text(150, 1080, '{{ssccHri}}', 36),
    ],
  },
});
