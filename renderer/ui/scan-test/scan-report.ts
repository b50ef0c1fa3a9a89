import type { RawScan } from '../../../shared/bridge';
import { classifyScan, parseBarcode, showControlChars, type ParseResult, type ScanClassification, type ScanContext } from '../../../shared/barcode';
import type { Material, Operator, Order } from '../../../shared/master-data';

/** Everything the Scan test screen shows about one scan, computed once when it arrives. */
export interface ScanReport {
  readonly id: number;
  readonly scan: RawScan;
  /** The scan with GS/RS/EOT and other control characters as <GS>, <RS>, <EOT>, <0xNN>. */
  readonly visible: string;
  /** Each character as two hex digits (scans are latin1: one byte per character). */
  readonly hex: string;
  /** The AIM symbology identifier the scan started with, if any (`]C1`, `]d2`, …). */
  readonly aim: string | null;
  readonly result: ParseResult;
  readonly classification: ScanClassification;
  /** Master-data names for the classification (operator, order, material), for display. */
  readonly subject: string | null;
}

export interface MasterView {
  readonly operators: readonly Operator[];
  readonly orders: readonly Order[];
  readonly materials: Readonly<Record<string, Material>>;
}

export function scanContext(master: MasterView): ScanContext {
  return {
    operators: master.operators.map((o) => ({ id: o.id, badge: o.badge })),
    orders: master.orders.map((o) => ({ id: o.id, number: o.number })),
    materials: Object.values(master.materials).map((m) => ({
      id: m.id,
      number: m.number,
      ...(m.gtin !== undefined ? { gtin: m.gtin } : {}),
      barcodeRules: m.barcodeRules,
    })),
  };
}

export function buildScanReport(id: number, scan: RawScan, master: MasterView): ScanReport {
  const raw = scan.raw.replace(/[\r\n]+$/, '');
  const result = parseBarcode(raw);
  const classification = classifyScan(result, scanContext(master));
  return {
    id,
    scan,
    visible: showControlChars(raw),
    hex: [...raw].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')).join(' '),
    aim: /^\][A-Za-z][0-9A-Za-z]/.exec(raw)?.[0] ?? null,
    result,
    classification,
    subject: subjectOf(classification, master),
  };
}

function subjectOf(c: ScanClassification, master: MasterView): string | null {
  switch (c.kind) {
    case 'badge':
      return master.operators.find((o) => o.id === c.operatorId)?.name ?? c.operatorId;
    case 'order':
      return master.orders.find((o) => o.id === c.orderId)?.number ?? c.orderId;
    case 'material-batch':
    case 'part-serial': {
      const material = c.materialId !== undefined ? master.materials[c.materialId] : undefined;
      return material ? `${material.number} · ${material.name}` : (c.materialId ?? null);
    }
    case 'container':
      return c.id;
    case 'unknown':
      return null;
  }
}

/** The comparable core of a parse (what must be equal whichever channel a label came through). */
export function parseSignature(result: ParseResult): string {
  if (!result.ok) return JSON.stringify({ error: result.error.code, at: result.error.at });
  return JSON.stringify({ symbology: result.symbology, scheme: result.scheme, elements: result.elements.map((e) => [e.id, e.value]), fields: result.fields });
}
