import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EOT, GS, RS, SCAN_ERROR_CODES, parseBarcode, type ParseResult } from '../../../shared/barcode';
import { CSET39, CSET64, CSET82 } from '../../../shared/barcode/charsets';
import { gs1CheckDigit, gs1CheckPair } from '../../../shared/barcode/check-digits';
import { GS1_AI_TABLE } from '../../../shared/barcode/gs1-ai-table';
import type { Gs1AiDefinition, Gs1Component } from '../../../shared/barcode/gs1-ai-types';
import { GCP_MIN_LENGTH } from '../../../shared/barcode/gs1-linters';
import { ISO3166_NUMERIC, ISO4217_NUMERIC } from '../../../shared/barcode/iso-codes';

// The issue asks for a million arbitrary inputs. TAKT_FUZZ_RUNS lowers it for quick local runs.
const FUZZ_RUNS = Number(process.env['TAKT_FUZZ_RUNS'] ?? 1_000_000);
const options = { referenceYear: 2026 };

const SCHEMES: ReadonlySet<string> = new Set(['gs1', 'iso15434', 'di', 'plain']);
const CODES: ReadonlySet<string> = new Set(SCAN_ERROR_CODES);

/**
 * The conditions of expectWellFormed as plain checks. A million runs each
 * building four `expect` assertions spent nine tenths of the test's time in
 * the assertion library, not in the parser; so every input is checked here
 * and only an input that fails goes through expectWellFormed, whose message
 * names what is wrong (and fast-check shrinks it as before).
 */
function isWellFormed(raw: string, r: ParseResult): boolean {
  if (r.ok) return SCHEMES.has(r.scheme) && r.elements.length > 0;
  const { code, at, message } = r.error;
  return CODES.has(code) && code !== 'scan-internal' && Number.isInteger(at) && at >= 0 && at <= raw.length && message.length > 0;
}

function expectWellFormed(raw: string, r: ParseResult): void {
  if (r.ok) {
    expect(['gs1', 'iso15434', 'di', 'plain']).toContain(r.scheme);
    expect(r.elements.length).toBeGreaterThan(0);
  } else {
    expect(SCAN_ERROR_CODES).toContain(r.error.code);
    expect(r.error.code).not.toBe('scan-internal');
    expect(Number.isInteger(r.error.at) && r.error.at >= 0 && r.error.at <= raw.length).toBe(true);
    expect(r.error.message.length).toBeGreaterThan(0);
  }
}

// Fragments that steer random input into every branch of the parser.
const fragment = fc.oneof(
  fc.constantFrom(GS, RS, EOT, '[)>', '06', '05', ']C1', ']d2', ']E0', ']Q1', '(', ')', '(01)', '(10)', '01', '10', '17', '21',
    '00', '3103', '8013', '09501101530003', '251231', 'https://x.example/01/', '/10/', '?17=', '&', '%', '=', 'P', 'Q', '1J', '7Q',
    '14D', 'S', 'H', ' ', '-', '\\(', '\r', '\u0000', 'é', '😀'),
  fc.string({ unit: 'binary-ascii', maxLength: 3 }),
);
const scanLike = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.array(fragment, { maxLength: 25 }).map((a) => a.join('')));

describe('parseBarcode never throws', () => {
  it(`gives ok or a coded error for arbitrary input (${FUZZ_RUNS} runs)`, () => {
    fc.assert(fc.property(scanLike, (raw) => {
      const r = parseBarcode(raw, options);
      if (!isWellFormed(raw, r)) expectWellFormed(raw, r);
    }), { numRuns: FUZZ_RUNS });
  }, 20_000 + FUZZ_RUNS / 5);

  it('checks each input as expectWellFormed does: the plain check refuses what it refuses', () => {
    const good = parseBarcode(']C10109501101530003', options); // isWellFormed reads `raw` only for an error's position
    const failed = parseBarcode('', options);
    if (!good.ok || failed.ok) throw new Error('fixtures: one parsed and one failed scan expected');
    const bad: ParseResult[] = [
      { ...good, scheme: 'other' as never },
      { ...good, elements: [] },
      ...[{ code: 'no-such-code' }, { code: 'scan-internal' }, { at: -1 }, { at: 0.5 }, { at: 1 }, { message: '' }]
        .map((change) => ({ ok: false as const, error: { ...failed.error, ...change } as never })),
    ];
    for (const r of [good, failed]) {
      expect(isWellFormed('', r)).toBe(true);
      expect(() => expectWellFormed('', r)).not.toThrow();
    }
    for (const r of bad) {
      expect(isWellFormed('', r), JSON.stringify(r)).toBe(false);
      expect(() => expectWellFormed('', r), JSON.stringify(r)).toThrow();
    }
  });

  it('tolerates non-string input from untyped callers', () => {
    expect(parseBarcode(undefined as unknown as string)).toMatchObject({ ok: false, error: { code: 'scan-empty' } });
  });
});

// ---- valid element strings generated from the table ----

const GENERATABLE_LINTERS = new Set(['csum', 'csumalpha', 'yymmdd', 'yymmd0', 'iso3166', 'iso4217', 'pcenc', 'gcppos1', 'gcppos2']);
const SELECTED = Object.values(GS1_AI_TABLE).filter((def) =>
  def.components.every((c) => c.linters.every((l) => GENERATABLE_LINTERS.has(l))),
);

const charsOf = (type: Gs1Component['type']): string =>
  type === 'N' ? '0123456789' : type === 'X' ? CSET82.replace('%', '') : type === 'Y' ? CSET39 : CSET64.replace('=', '');

function componentValue(c: Gs1Component): fc.Arbitrary<string> {
  const pick = (set: ReadonlySet<string>) => fc.constantFrom(...set);
  if (c.linters.includes('iso3166')) return pick(ISO3166_NUMERIC);
  if (c.linters.includes('iso4217')) return pick(ISO4217_NUMERIC);
  if (c.linters.includes('yymmdd') || c.linters.includes('yymmd0')) {
    const dayMin = c.linters.includes('yymmd0') ? 0 : 1;
    return fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: dayMin, max: 28 }))
      .map((parts) => parts.map((n) => String(n).padStart(2, '0')).join(''));
  }
  const prefixEnd = companyPrefixEnd(c);
  const checkChars = c.linters.includes('csumalpha') ? 2 : c.linters.includes('csum') ? 1 : 0;
  const min = Math.max(c.min, checkChars, prefixEnd + (c.type === 'N' ? 0 : checkChars));
  const free = fc.string({ unit: fc.constantFrom(...charsOf(c.type)), minLength: min, maxLength: c.max });
  // A GS1 key starts with a GS1 Company Prefix: four digits at least, after the indicator digit for gcppos2.
  const text = prefixEnd === 0 ? free : fc.tuple(free, fc.stringMatching(/^[0-9]{4}$/))
    .map(([s, gcp]) => s.slice(0, prefixEnd - 4) + gcp + s.slice(prefixEnd));
  if (c.linters.includes('csum')) return text.map((s) => s.slice(0, -1) + gs1CheckDigit(s.slice(0, -1)));
  if (c.linters.includes('csumalpha')) return text.map((s) => s.slice(0, -2) + gs1CheckPair(s.slice(0, -2)));
  return text;
}

/** Where the shortest GS1 Company Prefix of a key component ends (0: the component is no key). */
function companyPrefixEnd(c: Gs1Component): number {
  if (c.linters.includes('gcppos1')) return GCP_MIN_LENGTH;
  if (c.linters.includes('gcppos2')) return 1 + GCP_MIN_LENGTH;
  return 0;
}

/**
 * One arbitrary per AI, built on first use: the element lists below pick AIs
 * in `chain`, and building the component arbitraries afresh on every run
 * took over half of the Digital Link test's time. An arbitrary holds no
 * state, so the values drawn are the same.
 */
const aiValues = new Map<Gs1AiDefinition, fc.Arbitrary<string>>();
function aiValue(def: Gs1AiDefinition): fc.Arbitrary<string> {
  let arbitrary = aiValues.get(def);
  if (!arbitrary) aiValues.set(def, (arbitrary = buildAiValue(def)));
  return arbitrary;
}

function buildAiValue(def: Gs1AiDefinition): fc.Arbitrary<string> {
  const firstOptional = def.components.findIndex((c) => c.optional);
  const mandatory = firstOptional === -1 ? def.components.length : firstOptional;
  return fc.integer({ min: mandatory, max: def.components.length })
    .chain((n) => fc.tuple(...def.components.slice(0, n).map(componentValue)))
    .map((parts) => parts.join(''));
}

const elementList = fc
  .uniqueArray(fc.constantFrom(...SELECTED), { minLength: 1, maxLength: 5, selector: (d) => d.ai })
  .chain((defs) => fc.tuple(...defs.map((d) => aiValue(d).map((value) => ({ def: d, value })))));

function toElementString(els: { def: Gs1AiDefinition; value: string }[]): string {
  return els.map((e, i) => e.def.ai + e.value + (e.def.predefinedLength || i === els.length - 1 ? '' : GS)).join('');
}

describe('valid element strings round-trip', () => {
  const noPairing = { ...options, checkAssociations: false };

  it(`covers ${SELECTED.length} AIs of the table`, () => {
    expect(SELECTED.length).toBeGreaterThan(400);
  });

  it('raw form with AIM identifier and GS separators', () => {
    fc.assert(
      fc.property(elementList, fc.constantFrom(']C1', ']d2', ']Q3', ']e0', ']J1'), (els, aim) => {
        const r = parseBarcode(aim + toElementString(els), noPairing);
        expect(r.ok ? r.elements.map((e) => [e.id, e.value]) : r.error).toEqual(els.map((e) => [e.def.ai, e.value]));
      }),
      { numRuns: 3000 },
    );
  });

  it('bracketed form', () => {
    fc.assert(
      fc.property(elementList, (els) => {
        const raw = els.map((e) => `(${e.def.ai})${e.value.replace(/\(/g, '\\(')}`).join('');
        const r = parseBarcode(raw, noPairing);
        expect(r.ok ? r.elements.map((e) => [e.id, e.value]) : r.error).toEqual(els.map((e) => [e.def.ai, e.value]));
      }),
      { numRuns: 3000 },
    );
  });

  it('Digital Link form (GTIN key, qualifiers, data attributes)', () => {
    const def = (ai: string) => GS1_AI_TABLE[ai]!;
    const attrs = SELECTED.filter((d) => d.digitalLink && !d.dlpkey && !['22', '10', '21', '235'].includes(d.ai));
    fc.assert(
      fc.property(
        aiValue(def('01')),
        fc.option(aiValue(def('10'))),
        fc.option(aiValue(def('21'))),
        fc.uniqueArray(fc.constantFrom(...attrs), { maxLength: 3, selector: (d) => d.ai })
          .chain((ds) => fc.tuple(...ds.map((d) => aiValue(d).map((value) => ({ def: d, value }))))),
        (gtin, batch, serial, query) => {
          const path = [['01', gtin], ['10', batch], ['21', serial]].filter((p): p is [string, string] => p[1] !== null);
          const uri = 'https://id.example.com/' + path.map(([ai, v]) => `${ai}/${encodeURIComponent(v)}`).join('/') +
            (query.length ? '?' + query.map((q) => `${q.def.ai}=${encodeURIComponent(q.value)}`).join('&') : '');
          const r = parseBarcode(uri, noPairing);
          expect(r.ok ? r.elements.map((e) => [e.id, e.value]) : r.error)
            .toEqual([...path, ...query.map((q) => [q.def.ai, q.value])]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
