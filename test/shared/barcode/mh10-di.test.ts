import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseBarcode } from '../../../shared/barcode';
import { DATA_IDENTIFIERS } from '../../../shared/barcode/data-identifiers';
import { MH10_CATEGORIES, MH10_DATA_IDENTIFIERS } from '../../../shared/barcode/mh10-di-table';

const RS = '\u001e';
const GS = '\u001d';
const EOT = '\u0004';
const envelope = (...fields: string[]) => `[)>${RS}06${GS}${fields.join(GS)}${RS}${EOT}`;

// ISO/IEC 15434 format 06 with ANSI MH10.8.2-2021 data identifiers (clause 6 of ISO/IEC 15434: DI + data, GS between).
describe('ANSI MH10.8.2 data identifiers, the whole table', () => {
  it('reads a German pharmacy pack: IFA PPN 9N, batch 1T, expiry D, serial S', () => {
    const r = parseBarcode(envelope('9N111234567842', '1TABC123', 'D261231', 'SX1Y2Z3W4'));
    expect(r.ok ? r.elements.map((e) => [e.id, e.value]) : r.error).toEqual([
      ['9N', '111234567842'],
      ['1T', 'ABC123'],
      ['D', '261231'],
      ['S', 'X1Y2Z3W4'],
    ]);
    expect(r.ok && r.elements[0]!.title).toMatch(/Pharmacy Product Number/);
  });

  it('checks each identifier against the format the standard gives it', () => {
    // 9N is an5..22; D is YYMMDD; a numeric n9 identifier takes digits only.
    expect(parseBarcode(envelope('9N1234', 'SX1'))).toMatchObject({ ok: false, error: { code: 'di-format' } });
    expect(parseBarcode(envelope('9N111234567842', 'D261332'))).toMatchObject({ ok: false, error: { code: 'di-format' } });
    const n9 = Object.values(MH10_DATA_IDENTIFIERS).find((d) => d.format === 'n9')!;
    expect(parseBarcode(envelope(`${n9.di}12345678A`))).toMatchObject({ ok: false, error: { code: 'di-format' } });
    expect(parseBarcode(envelope(`${n9.di}123456789`))).toMatchObject({ ok: true });
  });

  it('holds every identifier of the edition, by category, with its format', () => {
    const all = Object.values(MH10_DATA_IDENTIFIERS);
    expect(all.length).toBeGreaterThanOrEqual(470);
    for (const d of all) {
      expect(d.di).toMatch(/^\d{0,3}[A-Z]$/);
      expect(d.di.endsWith(d.category)).toBe(true);
      expect(MH10_CATEGORIES[d.category]).toBeDefined();
      expect(d.format).not.toBe('');
      expect(DATA_IDENTIFIERS.get(d.di)).toMatchObject({ di: d.di, category: d.category, standardFormat: d.format });
    }
    // Categories with identifiers, from B (container information) to Z (mutually defined).
    expect(new Set(all.map((d) => d.category))).toEqual(new Set('BCDEFHIJKLMNPQRSTUVWZ'.split('')));
    // The ones automotive labels use keep the layouts checked before.
    expect(DATA_IDENTIFIERS.get('16D')?.format).toBe('yyyymmdd');
    expect(DATA_IDENTIFIERS.get('Q')?.format).toBe('decimal');
  });

  it('is generated from the committed source table (scripts/build/gen-mh10-table.mjs --check)', () => {
    const root = new URL('../../..', import.meta.url).pathname;
    expect(() => execFileSync(process.execPath, ['scripts/build/gen-mh10-table.mjs', '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow();
  });
});
