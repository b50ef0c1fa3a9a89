import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GS1_AI_TABLE } from '../../../shared/barcode/gs1-ai-table';
import { GCP_MIN_LENGTH, LINTERS } from '../../../shared/barcode/gs1-linters';
import { scan } from './helpers';

// GS1 General Specifications, "GS1 Company Prefix": every GS1 identification key
// begins with a GS1 Company Prefix, and the shortest one allocated has four
// digits. The Barcode Syntax Dictionary marks such components with the
// linters gcppos1 (prefix from the first character) and gcppos2 (from the
// second, after an indicator or extension digit). Both are checked without an
// allocation table: digits only over the shortest prefix length.
describe('GS1 Company Prefix structure', () => {
  it.each([
    ['(401)ABC123', 'non-numeric start of a GINC', 5],
    ['(401)40X612', 'non-digit inside the first four', 7],
    ['(401)400', 'GINC shorter than the shortest prefix', 5],
    ['(8004)A4006381', 'GIAI not starting with digits', 6],
    ['(8010)12-4ABC', 'CPID with a hyphen inside the prefix', 8],
    ['(8013)12AB4JJ', 'GMN not starting with four digits', 8],
  ])('%s is refused: %s', (raw, _why, at) => {
    expect(scan(raw, { checkAssociations: false })).toMatchObject({ ok: false, error: { code: 'gs1-company-prefix', at } });
  });

  it.each([
    ['(401)4006381ABC', '401', '4006381ABC'],
    ['(401)4006', '401', '4006'],
    ['(8004)40063810000A', '8004', '40063810000A'],
    ['(402)40063810000000017', '402', '40063810000000017'],
  ])('%s starts with a prefix and is accepted', (raw, ai, value) => {
    const r = scan(raw, { checkAssociations: false });
    expect(r.ok ? r.elements.map((e) => [e.id, e.value]) : r.error).toEqual([[ai, value]]);
  });

  it('gcppos2 looks past the first character', () => {
    const ctx = { referenceYear: 2026 };
    expect(LINTERS['gcppos2']!('94006', ctx)).toBeNull();
    expect(LINTERS['gcppos2']!('9400', ctx)).toMatchObject({ code: 'gs1-company-prefix', offset: 0 });
    expect(LINTERS['gcppos2']!('9A006', ctx)).toMatchObject({ code: 'gs1-company-prefix', offset: 1 });
    expect(LINTERS['gcppos1']!('A4006', ctx)).toMatchObject({ code: 'gs1-company-prefix', offset: 0 });
    // The dictionary's former names for the same rules.
    expect(LINTERS['key']!('40A6', ctx)).toMatchObject({ offset: 2 });
    expect(LINTERS['keyoff1']!('I40A6', ctx)).toMatchObject({ offset: 3 });
  });

  it('every linter the generated table names has a check (unknown names would fail closed)', () => {
    const named = new Set(Object.values(GS1_AI_TABLE).flatMap((d) => d.components.flatMap((c) => c.linters)));
    expect([...named].filter((n) => !LINTERS[n])).toEqual([]);
  });
});

// Property over every AI whose component must start with a prefix and whose
// character set lets a non-digit in (X, Y): the value scans iff its first four
// (or, for gcppos2, second to fifth) characters are digits.
const KEY_COMPONENTS = Object.values(GS1_AI_TABLE).flatMap((def) =>
  def.components.length === 1 && def.components[0]!.type !== 'N' && def.components[0]!.linters.some((l) => l === 'gcppos1' || l === 'gcppos2')
    ? [{ ai: def.ai, comp: def.components[0]! }]
    : []);

describe('generated keys with and without a valid prefix', () => {
  it(`covers the alphanumeric keys (${KEY_COMPONENTS.map((k) => k.ai).join(', ')})`, () => {
    expect(KEY_COMPONENTS.map((k) => k.ai)).toEqual(expect.arrayContaining(['401', '8004', '8010']));
  });

  it('accepted exactly when the prefix is digits over its minimum length', () => {
    const letters = fc.constantFrom(...'ABCXYZ-/');
    const value = fc.oneof(
      fc.stringMatching(/^[0-9]{4,12}[0-9A-Z]{0,10}$/),
      fc.tuple(fc.stringMatching(/^[0-9]{0,3}$/), letters, fc.stringMatching(/^[0-9A-Z]{0,10}$/)).map(([a, b, c]) => a + b + c),
      fc.stringMatching(/^[0-9]{1,3}$/),
    );
    const sample = fc.constantFrom(...KEY_COMPONENTS.filter((k) => !k.comp.linters.includes('csumalpha')));
    fc.assert(fc.property(sample, value, ({ ai, comp }, v) => {
      const ok = /^[0-9]{4}/.test(v);
      const r = scan(`]C1${ai}${v.slice(0, comp.max)}`, { checkAssociations: false });
      if (ok) expect(r.ok ? r.elements[0] : r.error).toMatchObject({ id: ai, value: v.slice(0, comp.max) });
      else expect(r).toMatchObject({ ok: false, error: { code: 'gs1-company-prefix' } });
    }), { numRuns: 2000 });
    expect(GCP_MIN_LENGTH).toBe(4);
  });
});
