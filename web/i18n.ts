import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './i18n/de.json';
import en from './i18n/en.json';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const resources = { de: { translation: de }, en: { translation: en } } as const;

export function resolveLanguage(...candidates: (string | null | undefined)[]): Language {
  for (const c of candidates) {
    const base = c?.toLowerCase().split(/[-_]/)[0];
    if (base && (LANGUAGES as readonly string[]).includes(base)) return base as Language;
  }
  return 'de';
}

export async function createWebI18n(language: Language): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({ resources, lng: language, fallbackLng: 'en', supportedLngs: [...LANGUAGES], interpolation: { escapeValue: false }, returnNull: false });
  return instance;
}
