// Validates one AI value against its components from the Syntax Dictionary:
// lengths, character set, then the linters of each component.
import { CHARSET_NAMES, firstInvalidChar } from './charsets';
import { fail, type Step, done } from './errors';
import type { Gs1AiDefinition } from './gs1-ai-types';
import { maxLength } from './gs1-ai-lookup';
import type { Gs1RawElement } from './gs1-element';
import { runLinter, type LintContext } from './gs1-linters';

export function validateGs1Value(def: Gs1AiDefinition, el: Gs1RawElement, ctx: LintContext): Step<null> {
  const { value, valueAt } = el;
  const name = `AI (${def.ai})`;
  let p = 0;
  for (const comp of def.components) {
    const remaining = value.length - p;
    if (remaining === 0) {
      if (comp.optional) break; // no mandatory component may follow an optional one
      return fail('gs1-length', valueAt + p, `${name} is too short: ${value.length} characters, needs ${minLength(def)}.`);
    }
    const fixed = comp.min === comp.max;
    if (fixed && remaining < comp.max) {
      return fail('gs1-length', valueAt + value.length, `${name} is too short: ${value.length} characters, needs ${p + comp.max}.`);
    }
    const part = fixed ? value.slice(p, p + comp.max) : value.slice(p);
    if (part.length > comp.max) {
      return fail('gs1-length', valueAt + p + comp.max, `${name} is too long: ${value.length} characters, at most ${maxLength(def)}.`);
    }
    const bad = firstInvalidChar(part, comp.type);
    if (bad !== -1) {
      return fail('gs1-charset', valueAt + p + bad,
        `${name} contains ${describeChar(part[bad]!)}, which is not allowed (${CHARSET_NAMES[comp.type]} only).`);
    }
    for (const linter of comp.linters) {
      const problem = runLinter(linter, part, ctx);
      if (problem) return fail(problem.code, valueAt + p + problem.offset, `${name}: ${problem.message}.`);
    }
    p += part.length;
  }
  if (p < value.length) {
    return fail('gs1-length', valueAt + p, `${name} is too long: ${value.length} characters, at most ${maxLength(def)}.`);
  }
  return done(null);
}

function minLength(def: Gs1AiDefinition): number {
  return def.components.filter((c) => !c.optional).reduce((n, c) => n + c.min, 0);
}

export function describeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `the control character 0x${code.toString(16).padStart(2, '0').toUpperCase()}`;
  if (c === ' ') return 'a space';
  return `"${c}"`;
}
