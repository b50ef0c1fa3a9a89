import { z } from 'zod';
import { hasValidGs1CheckDigit } from '../../barcode/check-digits';
import { isValidSscc } from '../sscc';
import { caption, cellText, defineTemplate, gs1Date, hline, box, isoDate, text } from './types';

/**
 * GS1 Logistic Label (GS1 Logistic Label Guideline; GS1 General Specifications
 * 2.2.1 / 6.6): top block free text (ship from / to), middle block content
 * data — GTIN of contained items AI (02) with count AI (37), batch AI (10),
 * best before AI (15) or expiry AI (17), production date AI (11) — and the
 * bottom block the SSCC AI (00) in GS1-128.
 */
const Gtin = z.string().regex(/^\d{14}$/).refine(hasValidGs1CheckDigit, 'GTIN check digit is wrong');
const Cset82 = /^[!-"%-/0-9:-?A-Z_a-z]+$/;

export const Gs1LogisticData = z.object({
  sscc: z.string().regex(/^\d{18}$/).refine(isValidSscc, 'SSCC check digit is wrong').describe('SSCC, AI (00)'),
  shipFrom: z.string().min(1).max(60).describe('Ship from (name and address)'),
  shipTo: z.string().max(60).default('').describe('Ship to'),
  contentGtin: Gtin.describe('GTIN of the contained trade items, AI (02)'),
  count: z.number().int().positive().max(99_999_999).describe('Number of trade items, AI (37)'),
  batch: z.string().max(20).regex(Cset82, 'GS1 AI (10) allows CSET 82 characters only').optional().describe('Batch / lot, AI (10)'),
  bestBefore: z.string().regex(isoDate).optional().describe('Best before date, AI (15)'),
  expiry: z.string().regex(isoDate).optional().describe('Expiry date, AI (17)'),
  productionDate: z.string().regex(isoDate).optional().describe('Production date, AI (11)'),
});

const hri = (ai: string, v: string | undefined) => (v ? `(${ai}) ${v}` : '');

export const gs1Logistic = defineTemplate({
  id: 'gs1-logistic',
  title: 'GS1 logistic label',
  citation: 'GS1 Logistic Label Guideline; GS1 General Specifications (AIs 00, 02, 37, 10, 11, 15, 17)',
  schema: Gs1LogisticData,
  bindings: (d) => ({
    sscc: d.sscc,
    shipFrom: d.shipFrom,
    shipTo: d.shipTo,
    contentGtin: d.contentGtin,
    count: String(d.count),
    batch: d.batch ?? '',
    bestBefore: gs1Date(d.bestBefore),
    expiry: gs1Date(d.expiry),
    productionDate: gs1Date(d.productionDate),
    contentHri: [hri('02', d.contentGtin), hri('37', String(d.count))].join(' '),
    batchHri: [hri('11', gs1Date(d.productionDate)), hri('15', gs1Date(d.bestBefore)), hri('17', gs1Date(d.expiry)), hri('10', d.batch)].filter(Boolean).join(' '),
    ssccHri: `(00) ${d.sscc}`,
  }),
  // A6 portrait, 105 × 148 mm at 8 dots/mm.
  layout: {
    widthDots: 840,
    heightDots: 1184,
    dpi: 203,
    elements: [
      box(0, 0, 840, 1184, 3),
      caption(16, 10, 'FROM'), cellText(16, 34, '{{shipFrom}}', 28, 808, 44), caption(16, 80, 'TO'), cellText(16, 104, '{{shipTo}}', 28, 808, 60),
      hline(0, 160, 840),
      caption(16, 170, 'SSCC'), text(16, 194, '{{sscc}}', 44),
      caption(16, 256, 'CONTENT'), text(16, 280, '{{contentGtin}}', 32), caption(440, 256, 'COUNT'), text(440, 280, '{{count}}', 32),
      caption(16, 330, 'BATCH'), cellText(16, 354, '{{batch}}', 32, 808),
      hline(0, 420, 840),
      // Two symbols, fixed-length AIs first, so each fits the label with its quiet zones.
      { type: 'gs1-128', x: 60, y: 432, height: 110, moduleWidth: 2, elements: [{ ai: '02', value: '{{contentGtin}}' }, { ai: '37', value: '{{count}}' }] },
      text(60, 546, '{{contentHri}}', 24),
      {
        type: 'gs1-128', x: 60, y: 578, height: 110, moduleWidth: 2,
        elements: [{ ai: '11', value: '{{productionDate}}' }, { ai: '15', value: '{{bestBefore}}' }, { ai: '17', value: '{{expiry}}' }, { ai: '10', value: '{{batch}}' }],
      },
      text(60, 692, '{{batchHri}}', 20),
      hline(0, 720, 840),
      { type: 'gs1-128', x: 70, y: 760, height: 300, moduleWidth: 4, elements: [{ ai: '00', value: '{{sscc}}' }] },
      text(150, 1080, '{{ssccHri}}', 36),
    ],
  },
});
