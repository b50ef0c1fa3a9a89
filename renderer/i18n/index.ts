import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import countsDe from './counts.de.json';
import countsEn from './counts.en.json';
import approvalDe from './approval.de.json';
import approvalEn from './approval.en.json';
import de from './de.json';
import dispatchDe from './dispatch.de.json';
import dispatchEn from './dispatch.en.json';
import downtimeDe from './downtime.de.json';
import downtimeEn from './downtime.en.json';
import en from './en.json';
import errorsDe from './errors.de.json';
import errorsEn from './errors.en.json';
import { registerFormats } from './format';
import jisDe from './jis.de.json';
import jisEn from './jis.en.json';
import journalDe from './journal.de.json';
import journalEn from './journal.en.json';
import machineDe from './machine.de.json';
import machineEn from './machine.en.json';
import printJobsDe from './print-jobs.de.json';
import printJobsEn from './print-jobs.en.json';
import securityDe from './security.de.json';
import securityEn from './security.en.json';
import truthDe from './truth.de.json';
import truthEn from './truth.en.json';
import workflowDe from './workflow.de.json';
import workflowEn from './workflow.en.json';

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const resources = {
  de: { translation: { ...de, ...workflowDe, ...jisDe, ...printJobsDe, ...securityDe, ...journalDe, ...truthDe, ...countsDe, ...approvalDe, ...dispatchDe, ...machineDe, ...downtimeDe, ...errorsDe } },
  en: { translation: { ...en, ...workflowEn, ...jisEn, ...printJobsEn, ...securityEn, ...journalEn, ...truthEn, ...countsEn, ...approvalEn, ...dispatchEn, ...machineEn, ...downtimeEn, ...errorsEn } },
} as const;

/** The first candidate that names a supported language ("de-AT" → "de"); German otherwise (the plant default). */
export function resolveLanguage(...candidates: (string | null | undefined)[]): Language {
  for (const c of candidates) {
    const base = c?.toLowerCase().split(/[-_]/)[0];
    if (base && (LANGUAGES as readonly string[]).includes(base)) return base as Language;
  }
  return 'de';
}

export function otherLanguage(lang: string): Language {
  return resolveLanguage(lang) === 'de' ? 'en' : 'de';
}

/** A fresh i18next instance (tests create one each; the app one). */
export async function createI18n(language: Language): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  registerFormats(instance);
  return instance;
}
