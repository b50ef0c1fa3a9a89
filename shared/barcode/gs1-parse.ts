// Validates located GS1 elements and turns them into a parse result.
import { fail, type Step, done } from './errors';
import { getAi, titleOf } from './gs1-ai-lookup';
import { checkAssociations, checkDuplicates } from './gs1-associations';
import type { Gs1RawElement } from './gs1-element';
import { gs1Fields } from './gs1-fields';
import { validateGs1Value } from './gs1-value';
import type { ScanElement, ScanFields } from './types';

export interface Gs1Settings {
  readonly referenceYear: number;
  readonly checkAssociations: boolean;
}

export function validateGs1(
  raw: Step<Gs1RawElement[]>,
  settings: Gs1Settings,
): Step<{ elements: ScanElement[]; fields: ScanFields }> {
  if (!raw.ok) return raw;
  for (const el of raw.value) {
    const def = getAi(el.ai);
    if (!def) return fail('gs1-unknown-ai', el.at, `(${el.ai}) is not a GS1 Application Identifier.`);
    const checked = validateGs1Value(def, el, settings);
    if (!checked.ok) return checked;
  }
  const dup = checkDuplicates(raw.value);
  if (!dup.ok) return dup;
  if (settings.checkAssociations) {
    const assoc = checkAssociations(raw.value);
    if (!assoc.ok) return assoc;
  }
  return done({
    elements: raw.value.map((el) => ({ id: el.ai, value: el.value, title: titleOf(getAi(el.ai)!) })),
    fields: gs1Fields(raw.value, settings.referenceYear),
  });
}
