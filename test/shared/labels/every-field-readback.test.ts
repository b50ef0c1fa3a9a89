import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseBarcode } from '../../../shared/barcode';
import { BUILT_IN_TEMPLATES, compileZpl, isSymbol, listTemplates, renderTemplate, symbolContent, type LabelModel } from '../../../shared/labels';
import { example } from './examples';
import { scanImage, zplToPng } from './readback';
import { zplFields, zplTexts } from './zpl-fields';

/**
 * Every text field of every built-in template, fed any printable ASCII value
 * (ZPL's own command and escape characters weighted up): the label is either
 * refused with a coded error that names the field, or it prints and the
 * independent render (zpl-renderer-js) read by an independent decoder
 * (zxing-wasm) gives back exactly what the symbols should carry, the value
 * itself included. A value printed only as text cannot be read back without
 * OCR; its printed field, decoded from the ZPL, must hold it exactly.
 */
const FIELDS = listTemplates().flatMap((t) => t.fields.filter((f) => f.type === 'string').map((f) => [t.id, f.name] as const));
// Code 39 (VDA 4902) takes only 0-9 A-Z space - . $ / + %: values from that set reach the printer instead of the refusal.
const CODE39 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%';

const printable = fc.oneof(
  fc.constantFrom('_', '^', '~', '>', '\\', '#', ' ', '%', '<', ':'),
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
);
const value = fc.oneof(
  fc.array(printable, { minLength: 1, maxLength: 14 }).map((a) => a.join('')),
  fc.array(fc.constantFrom(...CODE39), { minLength: 1, maxLength: 14 }).map((a) => a.join('')),
);

function symbolsShouldSay(model: LabelModel): string[] {
  return model.elements.filter(isSymbol).map((e) => {
    const c = symbolContent(e);
    if (!c.ok) throw new Error(c.error.message);
    return c.value.aim + c.value.text;
  }).sort();
}

/** `]A1` is zxing's "the last character happens to be a valid mod-43 check": all characters still arrive, as printed (see below). */
function code39ChanceCheckAsPrinted(scan: string): string {
  return scan.startsWith(']A1') && mod43(scan.slice(3, -1)) === scan.at(-1) ? `]A0${scan.slice(3)}` : scan;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('every text field of every label template', () => {
  it('covers each template', () => {
    expect(new Set(FIELDS.map(([id]) => id))).toEqual(new Set(Object.keys(BUILT_IN_TEMPLATES)));
  });

  it('reads back exactly from the rendered label, or is refused with a coded error naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIELDS), value, async ([id, field], v) => {
        const data = { ...(example(id) as Record<string, unknown>), [field]: v };
        const r = renderTemplate(id, data);
        if (!r.ok) {
          expect(['label-data-invalid', 'label-value-unencodable']).toContain(r.error.code);
          // "<template>: <field>[, <field>…]: <why>": the field is named, not an element of the layout.
          expect(r.error.message).toMatch(new RegExp(`^${id}: (?:\\w+, )*${escapeRe(field)}(?:, \\w+)*: `));
          return;
        }
        const zpl = compileZpl(r.value.model);
        if (!zpl.ok) throw new Error(zpl.error.message);
        const scanned = (await scanImage(await zplToPng(zpl.value, r.value.model))).map(code39ChanceCheckAsPrinted).sort();
        expect(scanned).toEqual(symbolsShouldSay(r.value.model));
        // The value as the template accepted it (its schema may trim the ends).
        const accepted = String((BUILT_IN_TEMPLATES[id]!.schema.parse(data) as Record<string, unknown>)[field] ?? '');
        if (accepted === '') return;
        const inSymbols = scanned.some((s) => s.includes(accepted));
        // A long value wraps inside its cell: its lines, joined back, hold it.
        const inText = [...zplFields(zpl.value), ...zplTexts(zpl.value)].some((f) => f.includes(accepted));
        expect(inSymbols || inText, `${id}.${field} = ${JSON.stringify(accepted)} is neither in a symbol nor in a text field`).toBe(true);
      }),
      { numRuns: 45 },
    );
  }, 60_000);
});

/**
 * VDA 4902 prints Code 39 without a check character (zpl.ts: `^B3N,N`), so one
 * value in 43 happens to end in the mod-43 check character of the characters
 * before it (ISO/IEC 16388 annex A). A reader that verifies by chance says so
 * with the AIM modifier 1 ("validated and transmitted", ISO/IEC 15424) and still
 * transmits every character; Takt reads the whole value for both modifiers, so
 * such a value is never shortened. (A reader set to "validate and strip", AIM
 * modifier 3, would drop the last character: VDA 4902 readers must have check
 * characters off, as the README's notes for plant IT say.)
 */
function mod43(s: string): string {
  return CODE39[[...s].reduce((sum, c) => sum + CODE39.indexOf(c), 0) % 43]!;
}

describe('Code 39 without a check character', () => {
  // Package numbers that end in the mod-43 check of what precedes them (identifier S included), and the same without it.
  const chance = ['900000042', '7124459563', '12AB-7', '4711-0815'].map((b) => b + mod43(`S${b}`));
  it.each([...chance.map((v) => [v, true] as const), ...chance.map((v) => [v.slice(0, -1), false] as const)])(
    'package number %s reads back whole (last character a chance check: %s)',
    async (packageNumber, lastIsCheck) => {
      expect(mod43(`S${packageNumber}`.slice(0, -1)) === packageNumber.at(-1)).toBe(lastIsCheck);
      const r = renderTemplate('vda-4902', { ...(example('vda-4902') as object), packageNumber });
      if (!r.ok) throw new Error(r.error.message);
      const zpl = compileZpl(r.value.model);
      if (!zpl.ok) throw new Error(zpl.error.message);
      expect(zpl.value).toContain(`^B3N,N,`);
      const scans = await scanImage(await zplToPng(zpl.value, r.value.model));
      const packageScan = scans.find((s) => /^\]A\dS/.test(s));
      expect(packageScan?.slice(4), scans.join(' | ')).toBe(packageNumber);
      // Modifier 1 exactly when the last character matches the check of the rest (by chance), else 0.
      expect(packageScan!.slice(0, 3)).toBe(lastIsCheck ? ']A1' : ']A0');
      const parsed = parseBarcode(packageScan!);
      expect(parsed.ok ? parsed.fields : parsed.error).toMatchObject({ packageId: packageNumber });
    },
    30_000,
  );
});
