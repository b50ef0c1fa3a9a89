import { describe, expect, it } from 'vitest';
import { buildContainerLabel, containerShortId, DEFAULT_WORKFLOW_CONFIG, labelBuildFailedVerdict, reasonParams } from '../../../renderer/state/workflow-logic';
import { renderSvg } from '../../../shared/labels/svg';
import workflowDe from '../../../renderer/i18n/workflow.de.json';
import workflowEn from '../../../renderer/i18n/workflow.en.json';

const MASTER = {
  plants: [{ id: 'P1', name: 'Takt Werk Nord', address: 'Industriestr. 12, Wolfsburg' }],
  lines: [{ id: 'L1', plantId: 'P1', name: 'Line 1' }],
  customers: [
    {
      id: 'c-1', name: 'Autowerk', supplierNumber: '47110815', shipTo: { name: 'Autowerk Werk 2', address: '', unloadingPoint: 'WE-03' },
      parts: [{ materialId: 'm-1', customerPartNumber: '8W0-907-468', changeLevel: 'C', unitWeightKg: 0.5, containerTareKg: 1.5 }],
    },
  ],
};

/** A full container of 20 brackets of order PO-1, whose produced lot is the given one. */
const labelFor = (lot: string) =>
  buildContainerLabel({
    container: { containerId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', orderId: 'o-1', capacity: 20, quantity: 20, serials: [], status: 'closed', openedAt: '', closedAt: '' },
    order: { id: 'o-1', number: 'PO-1', lineId: 'L1', materialId: 'm-1', quantity: 100, dueDate: '2025-03-01', status: 'started', bom: [], operations: [], lot },
    material: { id: 'm-1', number: '4711-A', name: 'Bracket', unit: 'pcs', batchTracked: true, barcodeRules: [] },
    master: MASTER,
    config: DEFAULT_WORKFLOW_CONFIG,
    templates: [],
    now: new Date('2025-03-01T06:00:00Z'),
    jobId: 'job-1',
    renderSvg,
  });

describe('workflow logic', () => {
  it('flattens reason params for translation', () => {
    expect(reasonParams({ params: { missing: [{ materialId: 'a', materialNumber: 'A-1' }, { materialId: 'b', materialNumber: 'B-2' }], n: 3, x: undefined } })).toEqual({
      missing: 'A-1, B-2',
      n: 3,
    });
  });

  it('builds a VDA 4902 label with an SVG preview for a closed container', () => {
    const built = labelFor('L1');
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.label.templateId).toBe('vda-4902');
    expect(built.label.svg).toContain('<svg');
    expect(built.label.svg).toContain('8W0-907-468');
    expect(built.label.svg).not.toContain('Takt plant');
    expect(containerShortId('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).toBe(String(0x0c1d2e3f4a5b % 1e12).padStart(12, '0'));
    // A tail that starts with a letter still gives a package number that scans back as one (VDA 4902 field S).
    expect(containerShortId('0190a1b2-c3d4-7e5f-8a9b-bf4834739432')).toMatch(/^\d{12}$/);
    expect(containerShortId('not-a-uuid-at-all')).toMatch(/^\d{12}$/);
  });

  it('refuses a label whose customer master data is missing, naming the field plant IT must fill', () => {
    const built = buildContainerLabel({
      container: { containerId: 'c-1', orderId: 'o-1', capacity: 20, quantity: 0, serials: [], status: 'closed', openedAt: '', closedAt: '' },
      order: { id: 'o-1', number: 'PO-1', lineId: 'L1', materialId: 'm-1', quantity: 100, dueDate: '2025-03-01', status: 'started', bom: [], operations: [] },
      material: undefined,
      master: {},
      config: DEFAULT_WORKFLOW_CONFIG,
      templates: [],
      now: new Date('2025-03-01T06:00:00Z'),
      jobId: 'job-1',
      renderSvg,
    });
    expect(built).toMatchObject({ ok: false, code: 'label-master-data-missing' });
    expect(built.ok ? '' : built.message).toContain('customer.parts[materialId=m-1]');
    expect(labelBuildFailedVerdict(built as { code: string; message: string }).key).toBe('workflow.label.masterDataMissing');
    expect(workflowDe.workflow.label.masterDataMissing).toContain('{{message}}');
  });

  it('refuses a batch Code 39 cannot carry with a coded reason the operator reads in their language', () => {
    const built = labelFor('lot_7a');
    // The VDA 4902 data schema refuses it before any symbol is built, naming the rule.
    expect(built).toMatchObject({ ok: false, code: 'label-data-invalid' });
    if (built.ok) return;
    expect(built.message).toContain('Code 39 characters only');
    const words = labelBuildFailedVerdict(built);
    expect(words).toEqual({ key: 'workflow.label.dataInvalid', params: { message: built.message } });
    expect(workflowEn.workflow.label.dataInvalid).toContain('{{message}}');
    expect(workflowDe.workflow.label.dataInvalid).toContain('{{message}}');
    // A symbol that cannot carry a value has its own sentence in both languages.
    expect(labelBuildFailedVerdict({ code: 'label-value-unencodable', message: 'Code 39 carries only …' })).toEqual({ key: 'workflow.label.unencodable', params: {} });
    expect(workflowEn.workflow.label.unencodable).toContain('Code 39');
    expect(workflowDe.workflow.label.unencodable).toContain('Code-39');
    // Anything else keeps its message.
    expect(labelBuildFailedVerdict({ code: 'x', message: 'broken' })).toEqual({ key: 'workflow.label.buildFailed', params: { message: 'broken' } });
  });
});
