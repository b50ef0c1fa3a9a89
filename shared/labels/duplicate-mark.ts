import { DOTS_PER_MM, atDpi, type LabelElement, type LabelModel } from './model';

/**
 * A reprinted label says so (DESIGN §7: never printed twice unnoticed): a
 * framed "DUPLIKAT / DUPLICATE" in a corner of the layout that no symbol
 * uses, so the goods receipt sees at a glance that a second label for the
 * same package exists, while every bar code stays byte for byte the same.
 * Positions are in 203-dpi dots, per built-in layout; any other layout gets
 * the top right corner.
 */
export const DUPLICATE_WORDS = ['DUPLIKAT', 'DUPLICATE'] as const;

const MARK_WIDTH = 300;
const MARK_HEIGHT = 92;

const AT: Readonly<Record<string, { x: number; y: number }>> = {
  // Right of the package number's bar code S in the bottom row.
  'vda-4902': { x: 1368, y: 488 },
  // Under the licence plate's Code 128, left of the DataMatrix.
  'vda-4994': { x: 960, y: 1084 },
  // Right of the batch in the content block.
  'gs1-logistic': { x: 470, y: 328 },
  // Under the sequence range, right of the positions count.
  'jis-rack': { x: 880, y: 98 },
  // Bottom right of the content block, above the SSCC (content lines are short and left-aligned).
  'gs1-mixed-load': { x: 520, y: 622 },
};

function markElements(x: number, y: number): LabelElement[] {
  return [
    { type: 'box', x, y, width: MARK_WIDTH, height: MARK_HEIGHT, thickness: 4 },
    { type: 'text', x: x + 14, y: y + 10, height: 32, value: DUPLICATE_WORDS[0] },
    { type: 'text', x: x + 14, y: y + 50, height: 32, value: DUPLICATE_WORDS[1] },
  ];
}

export const hasDuplicateMark = (model: LabelModel): boolean =>
  model.elements.some((e) => e.type === 'text' && e.value === DUPLICATE_WORDS[0]) && model.elements.some((e) => e.type === 'text' && e.value === DUPLICATE_WORDS[1]);

/** The model with the duplicate mark added (once: a reprint of a reprint is marked the same). */
export function markDuplicate(model: LabelModel, templateId: string): LabelModel {
  if (hasDuplicateMark(model)) return model;
  const scale = DOTS_PER_MM[model.dpi] / DOTS_PER_MM[203];
  const width203 = Math.round(model.widthDots / scale);
  const height203 = Math.round(model.heightDots / scale);
  const known = AT[templateId];
  // A layout replaced from master data may be smaller than the built-in: then the top right corner.
  const fits = known !== undefined && known.x + MARK_WIDTH <= width203 && known.y + MARK_HEIGHT <= height203;
  const at = fits ? known : { x: Math.max(0, width203 - MARK_WIDTH - 12), y: 12 };
  const mark = atDpi({ widthDots: width203, heightDots: height203, dpi: 203, elements: markElements(at.x, at.y) }, model.dpi).elements;
  return { ...model, elements: [...model.elements, ...mark] };
}
