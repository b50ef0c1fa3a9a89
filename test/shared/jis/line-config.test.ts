import { describe, expect, it } from 'vitest';
import { DEFAULT_PART_LABEL, jisConfigFromLine } from '../../../shared/jis';
import { LineSettings } from '../../../shared/master-data';

describe('JIS configuration from the line’s master data', () => {
  it.each([
    { name: 'no settings: built-in defaults', settings: undefined, config: {}, maxAge: null, warnings: 0 },
    { name: 'settings without JIS fields: defaults', settings: { containerCapacity: 40 }, config: {}, maxAge: null, warnings: 0 },
    {
      name: 'rack size, recheck and call-off age',
      settings: { jisRackSlots: 4, jisRecheckSlots: true, jisCallOffMaxAgeMinutes: 45 },
      config: { rackSlots: 4, recheckSlots: true },
      maxAge: 45 * 60_000,
      warnings: 0,
    },
    { name: 'variant from a known scan field', settings: { jisVariantSource: { kind: 'field', field: 'supplierPartNumber' } }, config: { partLabel: { variant: { kind: 'field', field: 'supplierPartNumber' } } }, maxAge: null, warnings: 0 },
    { name: 'variant field that is no scan field: default, with a warning', settings: { jisVariantSource: { kind: 'field', field: 'colour' } }, config: { partLabel: DEFAULT_PART_LABEL }, maxAge: null, warnings: 1 },
    { name: 'quantity is a number field, not text: default, with a warning', settings: { jisVariantSource: { kind: 'field', field: 'quantity' } }, config: { partLabel: DEFAULT_PART_LABEL }, maxAge: null, warnings: 1 },
    { name: 'variant as a suffix', settings: { jisVariantSource: { kind: 'suffix', separator: '-' } }, config: { partLabel: { variant: { kind: 'suffix', separator: '-' } } }, maxAge: null, warnings: 0 },
    { name: 'variant in a GS1 internal AI', settings: { jisVariantSource: { kind: 'internal', ai: '91' } }, config: { partLabel: { variant: { kind: 'internal', ai: '91' } } }, maxAge: null, warnings: 0 },
    { name: 'no variant on the label', settings: { jisVariantSource: { kind: 'none' } }, config: { partLabel: { variant: { kind: 'none' } } }, maxAge: null, warnings: 0 },
  ])('$name', ({ settings, config, maxAge, warnings }) => {
    const parsed = settings === undefined ? undefined : LineSettings.parse(settings);
    const result = jisConfigFromLine(parsed);
    expect(result.config).toEqual(config);
    expect(result.callOffMaxAgeMs).toBe(maxAge);
    expect(result.warnings).toHaveLength(warnings);
  });
});
