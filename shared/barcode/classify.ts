// Decides what a parsed scan means on the shop floor by looking it up in master
// data. Order of precedence: exact badge, exact order number, container
// (SSCC / license plate / package / returnable asset), then material by GTIN,
// part number or the material's own barcode rules.
import type { ParseResult, ScanFields } from './types';

export type BarcodeRule =
  | { readonly kind: 'gtin'; readonly gtin: string }
  | { readonly kind: 'part-number'; readonly value: string }
  | { readonly kind: 'prefix'; readonly prefix: string }
  /** Regular expression source; named groups "batch", "serial" and "quantity" are picked up. */
  | { readonly kind: 'pattern'; readonly regex: string };

export interface ScanContext {
  readonly operators: readonly { readonly id: string; readonly badge: string }[];
  readonly orders: readonly { readonly id: string; readonly number: string }[];
  readonly materials: readonly {
    readonly id: string;
    readonly number: string;
    readonly gtin?: string;
    readonly barcodeRules: readonly BarcodeRule[];
  }[];
}

export type ScanClassification =
  | { readonly kind: 'badge'; readonly operatorId: string }
  | { readonly kind: 'order'; readonly orderId: string }
  | { readonly kind: 'material-batch'; readonly materialId: string; readonly batch: string; readonly quantity?: number; readonly expiry?: string }
  | { readonly kind: 'part-serial'; readonly serial: string; readonly materialId?: string }
  | { readonly kind: 'container'; readonly id: string }
  | { readonly kind: 'unknown'; readonly reason: string };

type Material = ScanContext['materials'][number];

interface MaterialMatch {
  readonly material: Material;
  readonly groups?: Readonly<Record<string, string | undefined>>;
}

export function classifyScan(parsed: ParseResult, context: ScanContext): ScanClassification {
  if (!parsed.ok) return { kind: 'unknown', reason: parsed.error.message };
  const { text, fields } = parsed;

  const operator = context.operators.find((o) => o.badge === text);
  if (operator) return { kind: 'badge', operatorId: operator.id };
  const order = context.orders.find((o) => o.number === text);
  if (order) return { kind: 'order', orderId: order.id };

  const container = fields.sscc ?? fields.licensePlate ?? fields.packageId ?? fields.returnableAsset;
  if (container !== undefined) return { kind: 'container', id: container };

  const match = findMaterial(parsed.scheme === 'plain' ? text : undefined, fields, context);
  const serial = fields.serial ?? match?.groups?.['serial'];
  const batch = fields.batch ?? match?.groups?.['batch'];
  if (match) {
    const materialId = match.material.id;
    if (batch !== undefined) return materialBatch(materialId, batch, fields, match.groups);
    if (serial !== undefined) return { kind: 'part-serial', serial, materialId };
    if (parsed.scheme === 'plain') return materialBatch(materialId, text, fields, match.groups);
    return { kind: 'unknown', reason: `The code identifies material ${match.material.number} but carries no batch or serial number.` };
  }
  if (serial !== undefined) return { kind: 'part-serial', serial };
  const product = fields.gtin ?? fields.contentGtin ?? fields.partNumber ?? fields.supplierPartNumber;
  if (product !== undefined) return { kind: 'unknown', reason: `No material is set up for ${product}.` };
  if (batch !== undefined) return { kind: 'unknown', reason: `Batch ${batch} does not name its material.` };
  return { kind: 'unknown', reason: `"${text}" matches no operator, order, container or material.` };
}

function materialBatch(
  materialId: string,
  batch: string,
  fields: ScanFields,
  groups: MaterialMatch['groups'],
): ScanClassification {
  const groupQty = groups?.['quantity'] !== undefined ? Number(groups['quantity']) : undefined;
  const quantity = fields.quantity ?? (Number.isFinite(groupQty) ? groupQty : undefined);
  return {
    kind: 'material-batch',
    materialId,
    batch,
    ...(quantity !== undefined ? { quantity } : {}),
    ...(fields.expiry !== undefined ? { expiry: fields.expiry } : {}),
  };
}

const gtin14 = (g: string): string => (/^[0-9]{8,14}$/.test(g) ? g.padStart(14, '0') : g);

function findMaterial(plainText: string | undefined, fields: ScanFields, context: ScanContext): MaterialMatch | undefined {
  const gtins = [fields.gtin, fields.contentGtin].filter((g): g is string => g !== undefined).map(gtin14);
  const parts = [fields.partNumber, fields.customerPartNumber, fields.supplierPartNumber].filter(
    (p): p is string => p !== undefined,
  );
  for (const material of context.materials) {
    if (material.gtin !== undefined && gtins.includes(gtin14(material.gtin))) return { material };
    if (parts.includes(material.number)) return { material };
    for (const rule of material.barcodeRules) {
      if (rule.kind === 'gtin' && gtins.includes(gtin14(rule.gtin))) return { material };
      if (rule.kind === 'part-number' && parts.includes(rule.value)) return { material };
    }
  }
  // Prefix and pattern rules describe plain codes only.
  if (plainText === undefined) return undefined;
  for (const material of context.materials) {
    for (const rule of material.barcodeRules) {
      if (rule.kind === 'prefix' && rule.prefix !== '' && plainText.startsWith(rule.prefix)) return { material };
      if (rule.kind === 'pattern') {
        const m = safeRegex(rule.regex)?.exec(plainText);
        if (m) return { material, groups: m.groups ?? {} };
      }
    }
  }
  return undefined;
}

const regexCache = new Map<string, RegExp | null>();

// Master data is typed by people: a bad pattern must disable the rule, not crash the scan.
function safeRegex(source: string): RegExp | undefined {
  if (!regexCache.has(source)) {
    let compiled: RegExp | null = null;
    try {
      compiled = new RegExp(source, 'u');
    } catch {
      compiled = null;
    }
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(source, compiled);
  }
  return regexCache.get(source) ?? undefined;
}
