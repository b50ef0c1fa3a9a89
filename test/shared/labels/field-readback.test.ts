import { describe, expect, it } from 'vitest';
import { parseBarcode } from '../../../shared/barcode';
import { compileZpl, isSymbol, renderTemplate, symbolContent, type LabelModel } from '../../../shared/labels';
import { example } from './examples';
import { scanImage, zplToPng } from './readback';

// What the symbols carry, as the preview draws them (symbol-content is the single source).
function screenSays(model: LabelModel): string[] {
  return model.elements.filter(isSymbol).map((e) => {
    const c = symbolContent(e);
    if (!c.ok) throw new Error(c.error.message);
    return c.value.aim + c.value.text;
  }).sort();
}

async function printAndScan(model: LabelModel): Promise<string[]> {
  const zpl = compileZpl(model);
  if (!zpl.ok) throw new Error(zpl.error.message);
  return scanImage(await zplToPng(zpl.value, model));
}

const render = (id: string, patch: Record<string, unknown>) => renderTemplate(id, { ...(example(id) as object), ...patch });

// VDA 4994 / Odette GTL: the 2D symbol is ISO/IEC 15434 format 06, whose data
// elements may hold any printable character except the envelope's separators
// (ISO/IEC 15434 clause 6); `_` is such a character.
describe('VDA 4994 DataMatrix carries "_" in every field', () => {
  it('batch, part numbers, supplier id, delivery note and unloading point with "_" print and read back equal', async () => {
    const patch = { batch: '2026_0042', customerPartNumber: '4711_0815', supplierPartNumber: 'TD_12_L', supplierId: 'S_12345', deliveryNote: 'LS_99887', unloadingPoint: 'DOCK_7', changeLevel: 'C_1' };
    const r = render('vda-4994', patch);
    if (!r.ok) throw new Error(r.error.message);
    const scanned = await printAndScan(r.value.model);
    expect(scanned).toEqual(screenSays(r.value.model));
    const dm = parseBarcode(scanned.find((s) => s.startsWith(']d1'))!);
    expect(dm.ok ? Object.fromEntries(dm.elements.map((e) => [e.id, e.value])) : dm.error).toMatchObject({
      '1T': '2026_0042', P: '4711_0815', '1P': 'TD_12_L', V: 'S_12345', N: 'LS_99887', '20L': 'DOCK_7', '2P': 'C_1',
    });
  });

  it('a value the DataMatrix really cannot carry is refused naming its field', () => {
    // Twenty distinct punctuation characters leave the ZPL encoder no escape character.
    const r = render('vda-4994', { unloadingPoint: '_#`|@$!&*=?[]{}\\<>;:' });
    expect(r).toMatchObject({ ok: false, error: { code: 'label-value-unencodable' } });
    expect(r.ok ? '' : r.error.message).toMatch(/^vda-4994: unloadingPoint: /);
  });
});
