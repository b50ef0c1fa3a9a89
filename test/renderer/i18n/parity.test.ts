import { describe, expect, it } from 'vitest';
import { resources } from '../../../renderer/i18n';

/**
 * Every visible string exists in German and English: the same keys in both,
 * none empty, and the same {{placeholders}} in each pair (a sentence that
 * drops the batch number in one language hides it from that operator).
 */
function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}${key}`;
    if (typeof value === 'string') out.set(path, value);
    else if (value && typeof value === 'object') for (const [k, v] of flatten(value as object, `${path}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const de = flatten(resources.de.translation);
  const en = flatten(resources.en.translation);

  it('have the same keys in German and English', () => {
    expect([...de.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !de.has(k))).toEqual([]);
    expect(de.size).toBeGreaterThan(300);
  });

  it('have no empty string and the same placeholders in both languages', () => {
    const empty = [...de, ...en].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
    const differing = [...de.keys()].filter((k) => en.has(k) && placeholders(de.get(k)!).join() !== placeholders(en.get(k)!).join());
    expect(differing).toEqual([]);
  });
});
