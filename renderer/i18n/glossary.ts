import type { Language } from './index';

/**
 * One word per thing, per language. An operator who reads "Schichtführer" on
 * one screen and "Schichtleitung" on the next wonders whether two people are
 * meant. Every translation uses the `term`; the `avoid` words are the other
 * spellings that crept in before (the glossary test forbids them).
 */
export interface GlossaryEntry {
  readonly term: string;
  readonly avoid: readonly string[];
}

export const GLOSSARY: Readonly<Record<Language, Readonly<Record<string, GlossaryEntry>>>> = {
  de: {
    shiftLead: { term: 'Schichtleitung', avoid: ['Schichtführer', 'Schichtführerin', 'Schichtleiter', 'Schichtleiterin', 'Vorarbeiter', 'Meister'] },
    operator: { term: 'Werker', avoid: ['Bediener', 'Mitarbeiter', 'Arbeiter'] },
    rack: { term: 'Gestell', avoid: ['Rack', 'Regal'] },
    container: { term: 'Behälter', avoid: ['Kiste', 'Gebinde', 'Box'] },
    batch: { term: 'Charge', avoid: ['Los', 'Batch'] },
  },
  en: {
    shiftLead: { term: 'shift lead', avoid: ['shift leader', 'supervisor', 'foreman'] },
    operator: { term: 'operator', avoid: ['worker', 'user'] },
    rack: { term: 'rack', avoid: ['shelf'] },
    container: { term: 'container', avoid: ['box', 'crate', 'bin'] },
    batch: { term: 'batch', avoid: ['lot'] },
  },
};
