import { describe, expect, it } from 'vitest';
import type { Operator } from '../../../shared/master-data';
import { initialTerminalState } from '../../../shared/terminal-state';
import { backoffDelay } from '../../../renderer/lib/backoff';
import { decideBadge } from '../../../renderer/state/login-logic';
import { orderViews } from '../../../renderer/state/selectors';
import { resolveLanguage } from '../../../renderer/i18n';

const anna: Operator = { id: 'a', name: 'Anna', badge: 'B1001', role: 'operator', lineIds: [] };
const petra: Operator = { id: 'p', name: 'Petra', badge: 'B9001', role: 'shift-lead', lineIds: [], pinHash: 'scrypt$16$8$1$00$00' };
const quinn: Operator = { id: 'q', name: 'Quinn', badge: 'Q1', role: 'quality', lineIds: [] };

describe('decideBadge', () => {
  it.each([
    ['B1001\r\n', 'login', 'a'],
    ['B9001', 'pin', 'p'],
    ['Q1', 'login', 'q'], // a PIN role without a PIN hash logs in by badge
    ['B1002', 'unknown', undefined],
    ['\r\n', 'unknown', undefined],
  ])('%j → %s', (scan, kind, id) => {
    const d = decideBadge([anna, petra, quinn], scan);
    expect(d.kind).toBe(kind);
    if (d.kind !== 'unknown') expect(d.operator.id).toBe(id);
    else expect(d.scan).toBe(scan.replace(/[\r\n]+$/, ''));
  });
});

describe('orderViews', () => {
  const order = (id: string, status: 'released' | 'started' | 'completed', due: string) => ({
    id, number: `PO-${id}`, lineId: 'L1', materialId: 'm', quantity: 1, dueDate: due, status, bom: [], operations: [],
  });
  it('lists released and started orders by due date; a local start shows as started', () => {
    const views = orderViews(
      [order('1', 'released', '2025-03-03'), order('2', 'completed', '2025-03-01'), order('3', 'started', '2025-03-02'), order('4', 'released', '2025-03-01')],
      { m: { id: 'm', number: '4711', name: 'Bracket', unit: 'pcs', batchTracked: true, barcodeRules: [] } },
      { ...initialTerminalState, activeOrderId: '4', startedOrderIds: ['4'] },
    );
    expect(views.map((v) => [v.id, v.displayStatus, v.active])).toEqual([
      ['4', 'started', true],
      ['3', 'started', false],
      ['1', 'released', false],
    ]);
    expect(views[0]!.materialLabel).toBe('4711 · Bracket');
  });
});

describe('backoffDelay', () => {
  it.each([
    [0, 0, 500],
    [0, 1, 500],
    [3, 0, 2000],
    [3, 1, 4000],
    [10, 1, 30_000],
    [10, 0, 15_000],
  ])('attempt %i, random %d → %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, () => random)).toBe(expected);
  });
});

describe('resolveLanguage', () => {
  it.each([
    [['de-AT'], 'de'],
    [[undefined, 'en-US'], 'en'],
    [['fr', 'en'], 'en'],
    [['fr'], 'de'],
    [['EN'], 'en'],
  ] as const)('%j → %s', (candidates, expected) => {
    expect(resolveLanguage(...candidates)).toBe(expected);
  });
});
