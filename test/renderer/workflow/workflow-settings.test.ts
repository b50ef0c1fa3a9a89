import { describe, expect, it } from 'vitest';
import { Line, Material } from '../../../shared/master-data';
import { DEFAULT_WORKFLOW_CONFIG } from '../../../renderer/state/workflow-logic';
import { resolveWorkflowConfig, selectWorkflowConfig } from '../../../renderer/state/workflow-settings';

const line = (settings?: Line['settings']) => Line.parse({ id: 'L1', plantId: 'P1', name: 'Line 1', ...(settings ? { settings } : {}) });
const product = (containerCapacity?: number) => Material.parse({ id: 'm-1', number: 'SG-100', name: 'Control unit', ...(containerCapacity ? { containerCapacity } : {}) });
const pick = ({ containerCapacity, scrapApprovalThreshold, scrapUndoWindowMs, inactivityMs }: typeof DEFAULT_WORKFLOW_CONFIG) => ({
  containerCapacity,
  scrapApprovalThreshold,
  scrapUndoWindowMs,
  inactivityMs,
});
const DEFAULTS = pick(DEFAULT_WORKFLOW_CONFIG);

describe('resolveWorkflowConfig: product, then line, then the built-in default', () => {
  it.each([
    { name: 'no line row yet (before the first pull)', line: null, product: undefined, expected: DEFAULTS },
    { name: 'a line imported before settings existed', line: line(), product: product(), expected: DEFAULTS },
    {
      name: 'every line setting, in its own unit',
      line: line({ containerCapacity: 24, scrapApprovalThreshold: 5, scrapUndoWindowSeconds: 90, inactivityLogoutMinutes: 15 }),
      product: product(),
      expected: { containerCapacity: 24, scrapApprovalThreshold: 5, scrapUndoWindowMs: 90_000, inactivityMs: 900_000 },
    },
    {
      name: 'the product’s packaging beats the line’s capacity',
      line: line({ containerCapacity: 24 }),
      product: product(12),
      expected: { ...DEFAULTS, containerCapacity: 12 },
    },
    { name: 'the product’s packaging without a line setting', line: line(), product: product(8), expected: { ...DEFAULTS, containerCapacity: 8 } },
    {
      name: 'a threshold of 0: every scrap booking needs the shift lead',
      line: line({ scrapApprovalThreshold: 0 }),
      product: undefined,
      expected: { ...DEFAULTS, scrapApprovalThreshold: 0 },
    },
    { name: 'JIS settings leave the workflow alone', line: line({ jisRackSlots: 10, jisRecheckSlots: true }), product: undefined, expected: DEFAULTS },
  ])('$name', ({ line: row, product: material, expected }) => {
    expect(pick(resolveWorkflowConfig(DEFAULT_WORKFLOW_CONFIG, row, material))).toEqual(expected);
  });

  it('keeps the fields master data does not hold (feedback time, label data) and the store’s own defaults', () => {
    const defaults = { ...DEFAULT_WORKFLOW_CONFIG, okFeedbackMs: 50, containerCapacity: 3 };
    const resolved = resolveWorkflowConfig(defaults, line({ scrapApprovalThreshold: 5 }));
    expect(resolved).toEqual({ ...defaults, scrapApprovalThreshold: 5 });
  });
});

describe('selectWorkflowConfig', () => {
  const state = {
    workflow: { config: DEFAULT_WORKFLOW_CONFIG, openOrderId: 'o-1' as string | null },
    line: line({ containerCapacity: 24 }),
    orders: [{ id: 'o-1', number: 'PO-1', lineId: 'L1', materialId: 'm-1', quantity: 10, dueDate: '2026-11-26', status: 'released' as const, bom: [], operations: [] }],
    materials: { 'm-1': product(12) },
  };

  it('uses the open order’s product', () => {
    expect(selectWorkflowConfig(state).containerCapacity).toBe(12);
  });

  it('falls back to the line with no order open', () => {
    expect(selectWorkflowConfig({ ...state, workflow: { ...state.workflow, openOrderId: null } }).containerCapacity).toBe(24);
  });
});
