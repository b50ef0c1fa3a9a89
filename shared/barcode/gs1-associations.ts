// Mandatory (req=) and invalid (ex=) AI pairings from the Syntax Dictionary,
// plus the rule that an AI may repeat only with the same value (GS1 General
// Specifications 4.14, "Rules for combining element strings").
import { fail, type Step, done } from './errors';
import { getAi } from './gs1-ai-lookup';
import type { Gs1RawElement } from './gs1-element';

/** "310n" matches 3100…3109; "35nn" matches 3500…3599; otherwise exact. */
export function aiMatches(pattern: string, ai: string): boolean {
  if (pattern.length !== ai.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === 'n' ? !/[0-9]/.test(ai[i]!) : pattern[i] !== ai[i]) return false;
  }
  return true;
}

export function checkDuplicates(elements: readonly Gs1RawElement[]): Step<null> {
  const seen = new Map<string, string>();
  for (const el of elements) {
    const prev = seen.get(el.ai);
    if (prev !== undefined && prev !== el.value) {
      return fail('gs1-duplicate-ai', el.at, `AI (${el.ai}) occurs twice with different values ("${prev}" and "${el.value}").`);
    }
    seen.set(el.ai, el.value);
  }
  return done(null);
}

export function checkAssociations(elements: readonly Gs1RawElement[]): Step<null> {
  const present = [...new Set(elements.map((e) => e.ai))];
  const has = (pattern: string) => present.some((ai) => aiMatches(pattern, ai));
  for (const el of elements) {
    const def = getAi(el.ai);
    if (!def) continue;
    for (const pattern of def.ex) {
      const other = present.find((ai) => ai !== el.ai && aiMatches(pattern, ai));
      if (other) {
        return fail('gs1-exclusive', el.at, `AI (${el.ai}) must not be used together with (${other}).`);
      }
    }
    for (const group of def.req) {
      if (!group.some((alternative) => alternative.every(has))) {
        const options = group.map((alt) => alt.map((p) => `(${p})`).join('+')).join(' or ');
        return fail('gs1-req-missing', el.at, `AI (${el.ai}) requires ${options} in the same scan.`);
      }
    }
  }
  return done(null);
}
