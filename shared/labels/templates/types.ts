import type { z } from 'zod';
import type { Bindings } from '../bind';
import type { LabelElement, LabelModel } from '../model';

/**
 * A built-in template: the published field list it follows, a typed data
 * schema, how data becomes placeholder values, and a default layout drawn at
 * 203 dpi. A master-data row of the same kind may replace the layout.
 */
export interface TemplateDef<S extends z.ZodType = z.ZodType> {
  id: string;
  title: string;
  /** The published field list this template follows. */
  citation: string;
  schema: S;
  bindings(data: z.output<S>): Bindings;
  layout: LabelModel;
}

export const defineTemplate = <S extends z.ZodType>(def: TemplateDef<S>): TemplateDef<S> => def;

/** Layout helpers, all in 203-dpi dots. */
export const caption = (x: number, y: number, value: string): LabelElement => ({ type: 'text', x, y, height: 18, value });
export const text = (x: number, y: number, value: string, height = 32): LabelElement => ({ type: 'text', x, y, height, value });
/** A text confined to its cell of `maxWidth` × `maxHeight` dots: it shrinks and wraps rather than cross the cell's rules. */
export const cellText = (x: number, y: number, value: string, height: number, maxWidth: number, maxHeight = height): LabelElement => ({ type: 'text', x, y, height, value, maxWidth, maxHeight });
export const box = (x: number, y: number, width: number, height: number, thickness = 2): LabelElement => ({ type: 'box', x, y, width, height, thickness });
export const hline = (x: number, y: number, length: number, thickness = 2): LabelElement => ({ type: 'line', x, y, length, thickness, direction: 'horizontal' });
export const vline = (x: number, y: number, length: number, thickness = 2): LabelElement => ({ type: 'line', x, y, length, thickness, direction: 'vertical' });
export const code39 = (x: number, y: number, value: string, height = 70, moduleWidth = 2): LabelElement => ({ type: 'code39', x, y, height, moduleWidth, value });
export const code128 = (x: number, y: number, value: string, height = 70, moduleWidth = 2): LabelElement => ({ type: 'code128', x, y, height, moduleWidth, value });

/** GS1 dates are YYMMDD (GS1 General Specifications 7.12); data arrives as ISO dates. */
export const gs1Date = (iso: string | undefined): string => (iso ? iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10) : '');
export const isoDate = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
