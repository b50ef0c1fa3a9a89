import { classifyScan, parseBarcode, type ScanClassification } from '../../shared/barcode';
import type { Material, Operator, Order } from '../../shared/master-data';
import type { ExecutionStatus } from '../../shared/production';
import { normalizeScan } from '../scan/scan-text';

/**
 * What a scan on the open order's screen asks for: pure, so the routing is
 * tested without a store. The workflow slice carries the command out (the
 * domain core then judges bookings and material loads).
 */

export interface OrderScanSituation {
  operators: readonly Operator[];
  orders: readonly Order[];
  materials: readonly Material[];
  /** A NOK verdict is shown: it waits for acknowledgement, scans meanwhile do nothing. */
  waitingForAck: boolean;
  /** Trace mode: scans are looked up, not booked. */
  tracing: boolean;
  /** The scrap panel is open: a part serial names the scrapped part. */
  scrapping: boolean;
  /** "Hand over" was pressed: the next badge takes the order over. */
  handover: boolean;
  executionStatus: ExecutionStatus;
}

export type OrderScanCommand =
  | { kind: 'ignore' }
  | { kind: 'trace-batch'; materialId: string; batch: string }
  | { kind: 'trace-part'; serial: string }
  | { kind: 'trace-container'; id: string }
  | { kind: 'trace-unknown' }
  | { kind: 'hand-over'; operator: Operator }
  | { kind: 'switch-operator'; operator: Operator }
  | { kind: 'name-scrap-serial'; serial: string }
  | { kind: 'book-part'; serial: string; materialId?: string }
  /** Anything else is judged as a material load (which refuses what is not a batch label). */
  | { kind: 'load-material'; classified: Exclude<ScanClassification, { kind: 'badge' } | { kind: 'part-serial' }> };

export function routeOrderScan(raw: string, at: OrderScanSituation): OrderScanCommand {
  if (at.waitingForAck) return { kind: 'ignore' };
  const parsed = parseBarcode(normalizeScan(raw));
  if (at.tracing) {
    // A trace looks up material, parts and containers only: badges and orders are no trace subjects.
    const classified = classifyScan(parsed, { operators: [], orders: [], materials: at.materials });
    if (classified.kind === 'material-batch') return { kind: 'trace-batch', materialId: classified.materialId, batch: classified.batch };
    if (classified.kind === 'part-serial') return { kind: 'trace-part', serial: classified.serial };
    if (classified.kind === 'container') return { kind: 'trace-container', id: classified.id };
    return { kind: 'trace-unknown' };
  }
  const classified = classifyScan(parsed, { operators: at.operators, orders: at.orders, materials: at.materials });
  if (classified.kind === 'badge') {
    const operator = at.operators.find((o) => o.id === classified.operatorId);
    if (!operator) return { kind: 'ignore' };
    // A badge on a running order hands it over (with or without "Hand over" pressed first); otherwise it switches the operator.
    const running = at.executionStatus === 'started' || at.executionStatus === 'paused';
    return { kind: at.handover || running ? 'hand-over' : 'switch-operator', operator };
  }
  if (classified.kind === 'part-serial') {
    if (at.scrapping) return { kind: 'name-scrap-serial', serial: classified.serial };
    return { kind: 'book-part', serial: classified.serial, ...(classified.materialId ? { materialId: classified.materialId } : {}) };
  }
  return { kind: 'load-material', classified };
}
