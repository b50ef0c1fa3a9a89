import { describe, expect, it } from 'vitest';
import { compileZpl, isValidSscc, renderTemplate } from '../../../shared/labels';
import type { Customer, SsccRange } from '../../../shared/master-data';
import { isMixedLoad, masterLabelData, masterLabelLines, nextMasterSscc } from '../../../shared/shipping/master-label';
import type { ShipmentItem } from '../../../shared/shipping/shipment';
import { scanImage, zplToPng } from '../labels/readback';
import { zplTexts } from '../labels/zpl-fields';

const item = (containerId: string, customerPartNumber: string, quantity: number): ShipmentItem => ({ containerId, materialId: 'M-1', customerPartNumber, quantity, batches: [] });
const load = [item('R1', '5Q0-857-001-A', 1), item('R1', '5Q0-857-002', 1), item('R2', '5Q0-857-001-A', 2), item('C-7', '8W0-907-468-B', 20)];
const range: SsccRange = { id: 'sr-1', terminalId: 'T-1', companyPrefix: '4012345', extensionDigit: 3, from: 100, to: 102 };
const customer: Customer = { id: 'C-AWS', name: 'Autowerk Sued AG', supplierNumber: '47110815', shipTo: { name: 'Autowerk Sued AG Werk Ingolstadt', address: 'Tor 3', unloadingPoint: 'WE-03-L7' }, parts: [] } as Customer;

describe('the master label of a mixed load', () => {
  it('is for a load of several packages, with one line per part: quantity and packages', () => {
    expect(isMixedLoad(load)).toBe(true);
    expect(isMixedLoad(load.slice(0, 2))).toBe(false);
    expect(masterLabelLines(load)).toEqual([
      { customerPartNumber: '5Q0-857-001-A', quantity: 3, packages: 2 },
      { customerPartNumber: '5Q0-857-002', quantity: 1, packages: 1 },
      { customerPartNumber: '8W0-907-468-B', quantity: 20, packages: 1 },
    ]);
  });

  it('takes the next SSCC of the terminal\'s range after those its journal used, and says when there is none', () => {
    const first = nextMasterSscc([range], 'T-1', []);
    expect(first).toMatchObject({ ok: true, value: expect.stringMatching(/^34012345000000100\d$/) });
    const second = nextMasterSscc([range], 'T-1', [first.ok ? first.value : '', '340123450000000017']);
    expect(second.ok && second.value.slice(0, 17)).toBe('34012345000000101');
    expect(second.ok && isValidSscc(second.value)).toBe(true);
    const used = [100, 101, 102].map((n) => nextMasterSscc([{ ...range, from: n }], 'T-1', [])).map((r) => (r.ok ? r.value : ''));
    expect(nextMasterSscc([range], 'T-1', used)).toMatchObject({ ok: false, error: { code: 'sscc-range-exhausted' } });
    expect(nextMasterSscc([range], 'T-2', [])).toMatchObject({ ok: false, error: { code: 'sscc-range-missing' } });
  });

  it('prints through the gs1-mixed-load template and reads back: the SSCC in GS1-128, the content as text', async () => {
    const sscc = nextMasterSscc([range], 'T-1', []);
    if (!sscc.ok) throw new Error(sscc.error.message);
    const data = masterLabelData({ sscc: sscc.value, shipmentId: 'SH-0193', items: load, customer, plant: { id: 'P1', name: 'Takt Demo GmbH', address: 'Musterstadt' } });
    if (!data.ok) throw new Error(data.error.message);
    const rendered = renderTemplate('gs1-mixed-load', data.value);
    if (!rendered.ok) throw new Error(rendered.error.message);
    const zpl = compileZpl(rendered.value.model);
    if (!zpl.ok) throw new Error(zpl.error.message);
    expect(await scanImage(await zplToPng(zpl.value, rendered.value.model))).toEqual([`]C100${sscc.value}`]);
    const texts = zplTexts(zpl.value);
    for (const t of ['5Q0-857-001-A  3 PCE  2 PKG', '5Q0-857-002  1 PCE  1 PKG', '8W0-907-468-B  20 PCE  1 PKG', 'Takt Demo GmbH, Musterstadt', 'Autowerk Sued AG Werk Ingolstadt, Tor 3', 'WE-03-L7', '3', '24', `(00) ${sscc.value}`]) expect(texts).toContain(t);
  });

  it('refuses without the plant (the sender) and folds parts beyond ten lines into the last', () => {
    expect(masterLabelData({ sscc: '340123450000000017', shipmentId: 'S', items: load, customer, plant: undefined })).toMatchObject({ ok: false, error: { code: 'label-master-data-missing' } });
    const many = Array.from({ length: 12 }, (_, i) => item(`C-${i}`, `P-${i}`, 1));
    const data = masterLabelData({ sscc: '340123450000000017', shipmentId: 'S', items: many, customer, plant: { id: 'P1', name: 'Takt' } });
    expect(data.ok && (data.value.lines as unknown[]).length).toBe(10);
    expect(data.ok && (data.value.lines as unknown[])[9]).toEqual({ customerPartNumber: '+3 MORE PARTS', quantity: 3, packages: 3 });
    expect(data.ok && renderTemplate('gs1-mixed-load', data.value).ok).toBe(true);
    // Several packages of one part are a master load, not a mixed one.
    const onepart = masterLabelData({ sscc: '340123450000000017', shipmentId: 'S', items: [item('C-1', 'P-1', 5), item('C-2', 'P-1', 5)], customer, plant: { id: 'P1', name: 'Takt' } });
    const rendered = onepart.ok ? renderTemplate('gs1-mixed-load', onepart.value) : undefined;
    expect(rendered?.ok && rendered.value.model.elements).toContainEqual(expect.objectContaining({ type: 'text', value: 'MASTER LOAD' }));
  });
});
