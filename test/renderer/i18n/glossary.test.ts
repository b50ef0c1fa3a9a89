import { describe, expect, it } from 'vitest';
import { LANGUAGES, resources } from '../../../renderer/i18n';
import { GLOSSARY } from '../../../renderer/i18n/glossary';
import webDe from '../../../web/i18n/de.json';
import webEn from '../../../web/i18n/en.json';

/** Every translated sentence, with its key, of one language. */
function sentences(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
    // Placeholders ({{rackId}}) and markup (<n>) are not words the operator reads.
    typeof value === 'string' ? [[`${prefix}${key}`, value.replace(/\{\{[^}]*\}\}|<\/?\w+>/g, ' ')]] : value && typeof value === 'object' ? sentences(value as object, `${prefix}${key}.`) : [],
  );
}

/** A whole word (or word start for German compounds such as "Schichtführers"), case-insensitive. */
const wordPattern = (word: string, language: string) => new RegExp(`(^|[^\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${language === 'de' ? '' : '(?![\\p{L}])'}`, 'iu');

describe('glossary: one word per thing in each language', () => {
  for (const language of LANGUAGES) {
    const all = sentences(resources[language].translation);
    for (const [concept, entry] of Object.entries(GLOSSARY[language])) {
      it(`${language}: "${entry.term}" for ${concept}, never ${entry.avoid.join(' / ')}`, () => {
        const offending = all.filter(([, text]) => entry.avoid.some((w) => wordPattern(w, language).test(text))).map(([key, text]) => `${key}: ${text}`);
        expect(offending).toEqual([]);
        expect(all.some(([, text]) => wordPattern(entry.term, language).test(text))).toBe(true);
      });
    }
  }

  // The plant's web pages name the same people and things as the terminal.
  for (const [language, tree] of [['de', webDe], ['en', webEn]] as const) {
    it(`web pages, ${language}: the terminal's words, never the ones it avoids`, () => {
      const all = sentences(tree);
      const offending = Object.values(GLOSSARY[language]).flatMap((entry) =>
        all.filter(([, text]) => entry.avoid.some((w) => wordPattern(w, language).test(text))).map(([key, text]) => `${key}: ${text} (say ${entry.term})`),
      );
      expect(offending).toEqual([]);
    });
  }

  it('names the shift lead "Schichtleitung" in German', () => {
    expect(GLOSSARY.de['shiftLead']?.term).toBe('Schichtleitung');
  });
});
