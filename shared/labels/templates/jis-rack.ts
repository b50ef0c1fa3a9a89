import { z } from 'zod';
import { caption, cellText, code128, defineTemplate, hline, box, text, vline } from './types';

/**
 * JIS rack label: the rack that carries one slice of the customer's
 * just-in-sequence call-off (EDIFACT DELJIT / VDA 4916): rack id, the range of
 * sequence numbers, and per position the vehicle (or body) number it is built
 * for, plus part number and unloading point. There is no published layout;
 * the fields are those of the call-off. Code 128 carries the rack id; PDF417
 * carries the whole rack (ISO/IEC 15434 is not used: it is an internal code)
 * as lines "sequence;vehicle".
 */
const Ascii = (min: number, max: number) => z.string().min(min).max(max).regex(/^[\x20-\x7e]*$/, 'printable ASCII only (bar code)');
const MAX_POSITIONS = 24;

export const JisRackData = z
  .object({
    rack: Ascii(1, 20).describe('Rack id'),
    customer: z.string().min(1).max(40).describe('Customer / plant'),
    unloadingPoint: Ascii(0, 20).default('').describe('Unloading point (line side)'),
    partNumber: Ascii(1, 30).describe('Customer part number'),
    callOff: Ascii(0, 20).default('').describe('Call-off number'),
    positions: z
      .array(z.object({ sequence: z.number().int().nonnegative().max(999_999_999), vehicle: Ascii(1, 20) }))
      .min(1)
      .max(MAX_POSITIONS)
      .describe('Rack positions in load order: sequence number and vehicle number'),
  })
  .refine((d) => d.positions.every((p, i) => i === 0 || p.sequence > d.positions[i - 1]!.sequence), {
    message: 'sequence numbers must rise from position to position',
    path: ['positions'],
  });

const slot = (i: number) => `pos${i + 1}`;

export const jisRack = defineTemplate({
  id: 'jis-rack',
  title: 'JIS rack label',
  citation: 'Fields of the JIS call-off (EDIFACT DELJIT, VDA 4916): sequence numbers, vehicle numbers, rack; internal layout',
  schema: JisRackData,
  bindings: (d) => {
    const first = d.positions[0]!.sequence;
    const last = d.positions[d.positions.length - 1]!.sequence;
    const slots = Object.fromEntries(
      Array.from({ length: MAX_POSITIONS }, (_, i) => {
        const p = d.positions[i];
        return [slot(i), p ? `${String(i + 1).padStart(2, ' ')}  ${p.sequence}  ${p.vehicle}` : ''];
      }),
    );
    return {
      rack: d.rack,
      customer: d.customer,
      unloadingPoint: d.unloadingPoint,
      partNumber: d.partNumber,
      callOff: d.callOff,
      range: `${first} - ${last}`,
      count: String(d.positions.length),
      rackContent: [`RACK;${d.rack}`, `PART;${d.partNumber}`, ...d.positions.map((p) => `${p.sequence};${p.vehicle}`)].join('\n'),
      ...slots,
    };
  },
  // 150 × 100 mm at 8 dots/mm.
  layout: {
    widthDots: 1200,
    heightDots: 800,
    dpi: 203,
    elements: [
      box(0, 0, 1200, 800, 3),
      caption(12, 8, 'RACK'), text(12, 30, '{{rack}}', 60), code128(40, 100, '{{rack}}', 80, 3),
      caption(620, 8, 'SEQUENCE'), text(620, 30, '{{range}}', 48), caption(620, 90, 'POSITIONS'), text(620, 112, '{{count}}', 36),
      hline(0, 200, 1200),
      caption(12, 208, 'CUSTOMER'), cellText(12, 230, '{{customer}}', 28, 596, 38), caption(620, 208, 'UNLOADING POINT / CALL-OFF'), cellText(620, 230, '{{unloadingPoint}}  {{callOff}}', 28, 572, 38),
      caption(12, 270, 'PART'), cellText(12, 292, '{{partNumber}}', 32, 1176),
      hline(0, 336, 1200), vline(760, 336, 464),
      ...Array.from({ length: MAX_POSITIONS }, (_, i) => text(i < 12 ? 12 : 390, 346 + (i % 12) * 37, `{{${slot(i)}}}`, 26)),
      { type: 'pdf417', x: 780, y: 350, moduleWidth: 2, rowHeight: 6, securityLevel: 3, columns: 6, value: '{{rackContent}}' },
    ],
  },
});
