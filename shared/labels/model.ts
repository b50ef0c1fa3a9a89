import { z } from 'zod';

/**
 * The label model: elements positioned in printer dots on a label of a given
 * size and resolution. Both outputs (ZPL for the printer, SVG for the screen)
 * are computed from this one structure. Every string here is data, never
 * printer syntax: the compiler escapes it.
 */

export const DPIS = [203, 300] as const;
export type Dpi = (typeof DPIS)[number];
/** Dots per millimetre of each resolution (8 and 12, as the printers are built). */
export const DOTS_PER_MM: Record<Dpi, number> = { 203: 8, 300: 12 };

const Dots = z.number().int().min(0).max(32000);
const Size = z.number().int().min(1).max(32000);
/** ZPL ^FD data is limited to 3072 bytes for the 2D symbologies; text gets the same cap. */
export const MAX_VALUE_LENGTH = 3072;
const Value = z.string().max(MAX_VALUE_LENGTH);

export const TextElement = z.object({
  type: z.literal('text'),
  x: Dots,
  y: Dots,
  /** Character height in dots (ZPL scalable font 0). */
  height: z.number().int().min(10).max(32000),
  value: Value,
  /** The cell's width in dots: a longer value wraps and shrinks to fit it (see text-fit.ts), never crosses it. */
  maxWidth: Size.optional(),
  /** The cell's height in dots (default: one line of `height`); a wrapped text uses as many lines as fit in it. */
  maxHeight: Size.optional(),
});

export const BoxElement = z.object({ type: z.literal('box'), x: Dots, y: Dots, width: Size, height: Size, thickness: Size });

export const LineElement = z.object({
  type: z.literal('line'),
  x: Dots,
  y: Dots,
  length: Size,
  thickness: Size,
  direction: z.enum(['horizontal', 'vertical']),
});

/** One GS1 element string: application identifier and its value. */
export const Gs1Element = z.object({ ai: z.string().regex(/^\d{2,4}$/), value: Value });
export type Gs1Element = z.infer<typeof Gs1Element>;

/** One ANSI MH10.8.2 data identifier and its value, as carried in ISO/IEC 15434 format 06. */
export const DiField = z.object({ di: z.string().regex(/^\d{0,3}[A-Z]$/), value: Value });
export type DiField = z.infer<typeof DiField>;

const Linear = { x: Dots, y: Dots, height: Size, moduleWidth: z.number().int().min(1).max(10) };

export const Code128Element = z.object({ type: z.literal('code128'), ...Linear, value: Value });
/**
 * Code 39 (ISO/IEC 16388) as VDA 4902 goods-receipt scanners read it: the 43
 * characters 0-9 A-Z space - . $ / + %, no check character, wide bars three
 * times the narrow ones (`moduleWidth` is the narrow bar).
 */
export const Code39Element = z.object({ type: z.literal('code39'), ...Linear, value: Value });
export const Gs1_128Element = z.object({ type: z.literal('gs1-128'), ...Linear, elements: z.array(Gs1Element).min(1).max(20) });

export const DataMatrixContent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), value: Value }),
  z.object({ kind: z.literal('gs1'), elements: z.array(Gs1Element).min(1).max(40) }),
  /** ISO/IEC 15434 envelope `[)>` RS `06` GS field GS field … RS EOT. */
  z.object({ kind: z.literal('iso15434'), format: z.literal('06'), fields: z.array(DiField).min(1).max(60) }),
]);
export type DataMatrixContent = z.infer<typeof DataMatrixContent>;

export const DataMatrixElement = z.object({
  type: z.literal('datamatrix'),
  x: Dots,
  y: Dots,
  moduleSize: z.number().int().min(1).max(40),
  content: DataMatrixContent,
});

export const QrElement = z.object({
  type: z.literal('qr'),
  x: Dots,
  y: Dots,
  magnification: z.number().int().min(1).max(10),
  errorCorrection: z.enum(['L', 'M', 'Q', 'H']).default('M'),
  value: Value,
});

export const Pdf417Element = z.object({
  type: z.literal('pdf417'),
  x: Dots,
  y: Dots,
  moduleWidth: z.number().int().min(1).max(10),
  rowHeight: z.number().int().min(2).max(255),
  securityLevel: z.number().int().min(0).max(8).default(3),
  columns: z.number().int().min(1).max(30).optional(),
  value: Value,
});

export const LabelElement = z.discriminatedUnion('type', [
  TextElement,
  BoxElement,
  LineElement,
  Code128Element,
  Code39Element,
  Gs1_128Element,
  DataMatrixElement,
  QrElement,
  Pdf417Element,
]);
export type LabelElement = z.infer<typeof LabelElement>;
export type SymbolElement = Extract<LabelElement, { type: 'code128' | 'code39' | 'gs1-128' | 'datamatrix' | 'qr' | 'pdf417' }>;

export const LabelModel = z.object({
  widthDots: Size,
  heightDots: Size,
  dpi: z.union([z.literal(203), z.literal(300)]),
  elements: z.array(LabelElement).max(200),
});
export type LabelModel = z.infer<typeof LabelModel>;

export const isSymbol = (e: LabelElement): e is SymbolElement =>
  e.type === 'code128' || e.type === 'code39' || e.type === 'gs1-128' || e.type === 'datamatrix' || e.type === 'qr' || e.type === 'pdf417';

/** Rescales a model to another resolution (layouts are drawn at 203 dpi). */
export function atDpi(model: LabelModel, dpi: Dpi): LabelModel {
  if (model.dpi === dpi) return model;
  const f = DOTS_PER_MM[dpi] / DOTS_PER_MM[model.dpi];
  const s = (n: number) => Math.max(1, Math.round(n * f));
  const p = (n: number) => Math.round(n * f);
  const elements = model.elements.map((e): LabelElement => {
    switch (e.type) {
      case 'text':
        return { ...e, x: p(e.x), y: p(e.y), height: s(e.height) };
      case 'box':
        return { ...e, x: p(e.x), y: p(e.y), width: s(e.width), height: s(e.height), thickness: s(e.thickness) };
      case 'line':
        return { ...e, x: p(e.x), y: p(e.y), length: s(e.length), thickness: s(e.thickness) };
      case 'code128':
      case 'code39':
      case 'gs1-128':
        return { ...e, x: p(e.x), y: p(e.y), height: s(e.height), moduleWidth: Math.min(10, s(e.moduleWidth)) };
      case 'datamatrix':
        return { ...e, x: p(e.x), y: p(e.y), moduleSize: s(e.moduleSize) };
      case 'qr':
        return { ...e, x: p(e.x), y: p(e.y), magnification: Math.min(10, s(e.magnification)) };
      case 'pdf417':
        return { ...e, x: p(e.x), y: p(e.y), moduleWidth: Math.min(10, s(e.moduleWidth)), rowHeight: Math.min(255, s(e.rowHeight)) };
    }
  });
  return { widthDots: s(model.widthDots), heightDots: s(model.heightDots), dpi, elements };
}
