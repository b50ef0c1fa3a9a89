import { describe, expect, it } from 'vitest';
import type { Material, Operator, Order } from '../../../shared/master-data';
import { routeOrderScan, type OrderScanSituation } from '../../../renderer/state/order-scan';

const anna: Operator = { id: 'op-anna', name: 'Anna', badge: 'B1001', role: 'operator', lineIds: [] };
const screw: Material = { id: 'm-2', number: 'SCR-M6', name: 'Screw M6', unit: 'pcs', batchTracked: true, barcodeRules: [], gtin: '04000000000013' };
const bracket: Material = { id: 'm-1', number: '4711-A', name: 'Bracket', unit: 'pcs', batchTracked: true, barcodeRules: [], gtin: '04000000000044' };
const order: Order = { id: 'o-5', number: 'PO-3001', lineId: 'L1', materialId: 'm-1', quantity: 100, dueDate: '2025-03-01', status: 'released', bom: [], operations: [] };

const SCREW_BATCH = '(01)04000000000013(10)B42(17)261231';
const PART = '(01)04000000000044(21)SN-7';
const SSCC = '(00)106141411234567897';

const at = (over: Partial<OrderScanSituation> = {}): OrderScanSituation => ({
  operators: [anna],
  orders: [order],
  materials: [screw, bracket],
  waitingForAck: false,
  tracing: false,
  scrapping: false,
  handover: false,
  executionStatus: 'released',
  ...over,
});

describe('routeOrderScan', () => {
  it('ignores every scan while a NOK waits for acknowledgement', () => {
    for (const raw of ['B1001', PART, SCREW_BATCH]) expect(routeOrderScan(raw, at({ waitingForAck: true }))).toEqual({ kind: 'ignore' });
  });

  it('a badge switches the operator on an order that is not running, and hands a running or paused one over', () => {
    expect(routeOrderScan('B1001\r\n', at())).toEqual({ kind: 'switch-operator', operator: anna });
    expect(routeOrderScan('B1001', at({ executionStatus: 'started' }))).toEqual({ kind: 'hand-over', operator: anna });
    expect(routeOrderScan('B1001', at({ executionStatus: 'paused' }))).toEqual({ kind: 'hand-over', operator: anna });
    expect(routeOrderScan('B1001', at({ handover: true }))).toEqual({ kind: 'hand-over', operator: anna });
  });

  it('a part serial books a good part, or names the scrapped part while the scrap panel is open', () => {
    expect(routeOrderScan(PART, at())).toEqual({ kind: 'book-part', serial: 'SN-7', materialId: 'm-1' });
    expect(routeOrderScan(PART, at({ scrapping: true }))).toEqual({ kind: 'name-scrap-serial', serial: 'SN-7' });
  });

  it('anything else goes to the material check, which judges it (a batch label, an order number, an unknown code)', () => {
    expect(routeOrderScan(SCREW_BATCH, at())).toMatchObject({ kind: 'load-material', classified: { kind: 'material-batch', materialId: 'm-2', batch: 'B42' } });
    expect(routeOrderScan('PO-3001', at())).toMatchObject({ kind: 'load-material', classified: { kind: 'order', orderId: 'o-5' } });
    expect(routeOrderScan('no such code', at())).toMatchObject({ kind: 'load-material', classified: { kind: 'unknown' } });
  });

  it('in trace mode looks batches, parts and containers up and books nothing; a badge is no trace subject', () => {
    const tracing = at({ tracing: true, scrapping: true, handover: true, executionStatus: 'started' });
    expect(routeOrderScan(SCREW_BATCH, tracing)).toEqual({ kind: 'trace-batch', materialId: 'm-2', batch: 'B42' });
    expect(routeOrderScan(PART, tracing)).toEqual({ kind: 'trace-part', serial: 'SN-7' });
    expect(routeOrderScan(SSCC, tracing)).toEqual({ kind: 'trace-container', id: '106141411234567897' });
    expect(routeOrderScan('B1001', tracing)).toEqual({ kind: 'trace-unknown' });
  });
});
