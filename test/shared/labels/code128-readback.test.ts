import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileZpl, type LabelModel } from '../../../shared/labels';
import { code128Payload } from '../../../shared/labels/code128-zpl';
import { scanImage, zplToPng } from './readback';

// Plain Code 128 (ISO/IEC 15417) carries every printable ASCII character in
// subset B. ZPL writes `^`, `>` and `~` as invocation codes (ZPL II
// Programming Guide, ^BC, "Code 128 Invocation Characters"); the character
// after such a code, when it is the last one, must still be in the symbol.
const label = (value: string): LabelModel => ({
  widthDots: 1200, heightDots: 200, dpi: 203,
  elements: [{ type: 'code128', x: 40, y: 40, height: 120, moduleWidth: 2, value }],
});

async function readBack(value: string): Promise<string[]> {
  const model = label(value);
  const zpl = compileZpl(model);
  if (!zpl.ok) throw new Error(zpl.error.message);
  return scanImage(await zplToPng(zpl.value, model));
}

describe('Code 128: what is printed reads back exactly', () => {
  it.each(['RK>7', 'RK^7', 'RK~7', 'RK>a', 'R', 'a', '>', '>>', '^_', '~}', 'A>`', '12>3'])('%s', async (value) => {
    expect(await readBack(value)).toEqual([`]C0${value}`]);
  });

  it('writes a last character after an invocation code as a subset A pair (ZPL II guide, subsets A and C)', () => {
    expect(code128Payload('RK>7')).toBe('>:RK>0>723');
    expect(code128Payload('R')).toBe('>950');
    expect(code128Payload('RK7')).toBe('>:RK7');
  });

  it('GS1-128: a batch ending in an escaped character after the subset C digits reads back', async () => {
    const model: LabelModel = { ...label('x'), elements: [{ type: 'gs1-128', x: 40, y: 40, height: 120, moduleWidth: 2, elements: [{ ai: '01', value: '09501101530003' }, { ai: '10', value: 'AB>C' }] }] };
    const zpl = compileZpl(model);
    if (!zpl.ok) throw new Error(zpl.error.message);
    expect(await scanImage(await zplToPng(zpl.value, model))).toEqual([']C1010950110153000310AB>C']);
  });

  it('any printable ASCII value, special characters likely', async () => {
    const special = fc.constantFrom('^', '>', '~', '_', '\\', ' ');
    const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 3 });
    const value = fc.array(fc.oneof(special, printable), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('').slice(0, 24));
    await fc.assert(fc.asyncProperty(value, async (v) => {
      expect(await readBack(v)).toEqual([`]C0${v}`]);
    }), { numRuns: 60 });
  }, 120_000);
});
