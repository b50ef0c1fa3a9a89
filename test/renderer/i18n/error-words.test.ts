import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors';
import { LANGUAGES, resources } from '../../../renderer/i18n';
import { ERROR_WORDS } from '../../../renderer/i18n/error-words';
import { JOURNAL_COPY_KEYS } from '../../../renderer/storage/storage-refusal';

/** The sentence under a dotted key in one language, or undefined. */
function sentence(language: (typeof LANGUAGES)[number], key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), resources[language].translation);
}

describe('every error code an operator can see has words in German and English', () => {
  for (const language of LANGUAGES) {
    it(`${language}: a sentence for each of the ${ERROR_CODES.length} codes, without placeholders it would not fill`, () => {
      const missing = ERROR_CODES.filter((code) => {
        const text = sentence(language, ERROR_WORDS[code]);
        return typeof text !== 'string' || text.trim() === '' || text.includes('{{');
      });
      expect(missing).toEqual([]);
    });
  }

  it('words exactly the closed set: no code left out, no words for a code that is gone', () => {
    expect(Object.keys(ERROR_WORDS).sort()).toEqual([...ERROR_CODES].sort());
    const errorsSection = Object.keys(resources.en.translation.errors);
    expect(errorsSection.filter((code) => !(ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
    expect(errorsSection.filter((code) => ERROR_WORDS[code as keyof typeof ERROR_WORDS] !== `errors.${code}`)).toEqual([]);
  });

  it('lists each code once', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('a refused journal copy reads the same sentence on every screen', () => {
    expect(JOURNAL_COPY_KEYS).toEqual({
      'journal-copy-failed': 'journalCopy.writeFailed',
      'journal-copy-corrupt': 'journalCopy.corrupt',
      'journal-copy-unavailable': 'journalCopy.unavailable',
      'journal-copy-conflict': 'journalCopy.conflict',
    });
  });
});
