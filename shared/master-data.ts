import { z } from 'zod';
import { OEE_MASTER_KINDS, type OeeMasterRowByKind } from './master-data-oee';
import { DespatchAdviceFormat, SHIPPING_MASTER_KINDS, type ShippingMasterRowByKind } from './master-data-shipping';

/**
 * Master data flows server → terminal (DESIGN §3). Every row has an `id`; the
 * server wraps rows in a change record with a revision (see sync-protocol.ts).
 */

export const Plant = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Postal address; with the name it is the supplier (sender) on every label the plant prints. */
  address: z.string().max(60).optional(),
});
export type Plant = z.infer<typeof Plant>;

/**
 * Per-line settings plant IT keeps in master data (imported like any row).
 * Every field is optional: a terminal falls back to its built-in default, so
 * a line imported before a setting existed keeps working.
 */
export const LineSettings = z.object({
  /** Parts per container when the material names no packaging capacity. */
  containerCapacity: z.number().int().positive().max(100_000).optional(),
  /** Scrap bookings of more than this many parts need a shift lead. */
  scrapApprovalThreshold: z.number().int().nonnegative().optional(),
  /** Good-quantity corrections of more than this many parts (either way) need a shift lead. */
  correctionApprovalThreshold: z.number().int().nonnegative().optional(),
  /** How long a scrap booking can be undone by the operator who booked it. */
  scrapUndoWindowSeconds: z.number().int().positive().max(86_400).optional(),
  /** Auto-logout after this many minutes without a touch, key or scan. */
  inactivityLogoutMinutes: z.number().int().positive().max(24 * 60).optional(),
  /** JIS: slots per rack. */
  jisRackSlots: z.number().int().positive().max(500).optional(),
  /** JIS: the final rack check scans every slot again, not only the rack label. */
  jisRecheckSlots: z.boolean().optional(),
  /** JIS: where the part label carries the variant (see shared/jis/part-label.ts). */
  jisVariantSource: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('none') }),
      z.object({ kind: z.literal('field'), field: z.string().min(1) }),
      z.object({ kind: z.literal('internal'), ai: z.string().regex(/^9[1-9]$/) }),
      z.object({ kind: z.literal('suffix'), separator: z.string().min(1).max(3) }),
    ])
    .optional(),
  /** JIS: warn when the cached call-off is older than this. */
  jisCallOffMaxAgeMinutes: z.number().int().positive().max(7 * 24 * 60).optional(),
  /** OEE: a machine stop shorter than this is a micro-stop (performance loss, no reason asked); absent = 120 s. */
  microStopSeconds: z.number().int().positive().max(3600).optional(),
});
export type LineSettings = z.infer<typeof LineSettings>;

export const Line = z.object({
  id: z.string().min(1),
  plantId: z.string().min(1),
  name: z.string().min(1),
  settings: LineSettings.optional(),
});
export type Line = z.infer<typeof Line>;

export const Terminal = z.object({
  id: z.string().min(1),
  lineId: z.string().min(1),
  name: z.string().min(1),
  /** Loads trucks (a dock terminal, or a line terminal used in dispatch mode): it receives the plant's closed containers. */
  ships: z.boolean().optional(),
});
export type Terminal = z.infer<typeof Terminal>;

export const BarcodeRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('gtin'), gtin: z.string().regex(/^\d{14}$/) }),
  z.object({ kind: z.literal('part-number'), value: z.string().min(1) }),
  z.object({ kind: z.literal('prefix'), prefix: z.string().min(1) }),
  z.object({ kind: z.literal('pattern'), regex: z.string().min(1) }),
]);
export type BarcodeRule = z.infer<typeof BarcodeRule>;

export const Material = z.object({
  id: z.string().min(1),
  number: z.string().min(1),
  name: z.string().min(1),
  unit: z.string().min(1).default('pcs'),
  batchTracked: z.boolean().default(true),
  gtin: z.string().regex(/^\d{14}$/).optional(),
  barcodeRules: z.array(BarcodeRule).default([]),
  /** Parts of this material per container (packaging master data); overrides the line's default. */
  containerCapacity: z.number().int().positive().max(100_000).optional(),
});
export type Material = z.infer<typeof Material>;

export const BomItem = z.object({
  materialId: z.string().min(1),
  quantityPerUnit: z.number().positive(),
});
export type BomItem = z.infer<typeof BomItem>;

export const Operation = z.object({
  number: z.string().min(1),
  name: z.string().min(1),
  workCenter: z.string().optional(),
});
export type Operation = z.infer<typeof Operation>;

export const ORDER_STATUSES = ['released', 'started', 'paused', 'completed', 'cancelled'] as const;

export const Order = z.object({
  id: z.string().min(1),
  number: z.string().min(1),
  lineId: z.string().min(1),
  materialId: z.string().min(1),
  quantity: z.number().int().positive(),
  dueDate: z.string().min(1),
  status: z.enum(ORDER_STATUSES),
  /** The lot the order's output is booked under (the ERP's production batch); the order number when absent. */
  lot: z.string().min(1).max(20).optional(),
  bom: z.array(BomItem).default([]),
  operations: z.array(Operation).default([]),
});
export type Order = z.infer<typeof Order>;

export const ROLES = ['operator', 'shift-lead', 'quality', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles that may approve overrides must prove who they are with a PIN. */
export function roleRequiresPin(role: Role): boolean {
  return role !== 'operator';
}

export const Operator = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  badge: z.string().min(1),
  role: Role,
  lineIds: z.array(z.string()).default([]),
  /** `scrypt$N$r$p$salt$hash` (see shared/pin.ts); absent when no PIN is set. */
  pinHash: z.string().optional(),
});
export type Operator = z.infer<typeof Operator>;

export const ScrapReason = z.object({
  id: z.string().min(1),
  code: z.string().min(1),
  group: z.string().min(1),
  label: z.object({ de: z.string().min(1), en: z.string().min(1) }),
});
export type ScrapReason = z.infer<typeof ScrapReason>;

export const JisPosition = z.object({
  sequenceNumber: z.number().int().nonnegative(),
  vehicleNumber: z.string().min(1),
  customerPartNumber: z.string().min(1),
  variant: z.string().default(''),
  quantity: z.number().int().positive().default(1),
  dueTime: z.string().min(1),
  unloadingPoint: z.string().default(''),
  rack: z.string().default(''),
  slot: z.number().int().positive().optional(),
  status: z.enum(['open', 'cancelled']).default('open'),
});
export type JisPosition = z.infer<typeof JisPosition>;

export const JisSequence = z.object({
  id: z.string().min(1),
  lineId: z.string().min(1),
  customer: z.string().min(1),
  callOffRevision: z.number().int().nonnegative(),
  positions: z.array(JisPosition),
});
export type JisSequence = z.infer<typeof JisSequence>;

/** A batch quality has blocked: terminals refuse it; a booking made offline meanwhile raises a flag on the server. */
export const BlockedBatch = z.object({
  id: z.string().min(1),
  materialId: z.string().min(1),
  batch: z.string().min(1),
  reason: z.string().min(1),
});
export type BlockedBatch = z.infer<typeof BlockedBatch>;

/** A label layout; `model` (the label model of shared/labels) or raw `zpl`, kept generic until the label model settles. */
export const LabelTemplate = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    kind: z.string().min(1),
    zpl: z.string().min(1).optional(),
    model: z.unknown().optional(),
  })
  .refine((t) => t.zpl !== undefined || t.model !== undefined, { message: 'a label template needs zpl or model', path: ['zpl'] });
export type LabelTemplate = z.infer<typeof LabelTemplate>;

/**
 * Serial references a terminal may use offline for SSCCs (extension digit +
 * company prefix + serial reference + check digit = 18 digits). Ranges of the
 * same prefix and extension digit never overlap (the server refuses).
 */
export const SsccRange = z
  .object({
    id: z.string().min(1),
    terminalId: z.string().min(1),
    companyPrefix: z.string().regex(/^\d{7,10}$/),
    extensionDigit: z.number().int().min(0).max(9),
    from: z.number().int().nonnegative(),
    to: z.number().int().nonnegative(),
  })
  .refine((r) => r.from <= r.to, { message: 'from must not exceed to', path: ['to'] })
  .refine((r) => r.to < 10 ** (16 - r.companyPrefix.length), { message: 'to has more digits than the serial reference allows', path: ['to'] });
export type SsccRange = z.infer<typeof SsccRange>;

/**
 * Customer master data (DESIGN §10): what the customer's goods receipt expects
 * on our labels. Field numbers are those of VDA 4902 (Warenanhänger).
 */
export const CustomerPart = z.object({
  /** Our material this customer part is. */
  materialId: z.string().min(1),
  /** Sach-Nr. Kunde (7): the customer's part number. */
  customerPartNumber: z.string().min(1).max(30),
  /** Änderungsstand Konstruktion (13): the customer's engineering change level. */
  changeLevel: z.string().max(10).default(''),
  /** Bezeichnung (9) as the customer names the part; our material name otherwise. */
  description: z.string().max(60).optional(),
  /** Net weight of one part in kg, for the weights of field (5). */
  unitWeightKg: z.number().positive().max(10_000).optional(),
  /** Weight of the empty container (the customer's packaging) in kg: gross = net + tare. */
  containerTareKg: z.number().nonnegative().max(10_000).optional(),
});
export type CustomerPart = z.infer<typeof CustomerPart>;

export const ShipTo = z.object({
  /** Warenempfänger (1): the receiving plant's name. */
  name: z.string().min(1).max(60),
  address: z.string().max(60).default(''),
  /** Abladestelle (2): dock, gate or line-side store at the receiving plant. */
  unloadingPoint: z.string().max(20).default(''),
});
export type ShipTo = z.infer<typeof ShipTo>;

export const Customer = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(60),
  /** Lieferanten-Nr. (11): our supplier number, assigned by this customer. */
  supplierNumber: z.string().min(1).max(20),
  shipTo: ShipTo,
  parts: z.array(CustomerPart).default([]),
  /** The despatch advices this customer's goods receipt reads; absent = every format the server is set to write. */
  despatchAdvice: z.array(DespatchAdviceFormat).min(1).optional(),
});
export type Customer = z.infer<typeof Customer>;

/** The customer who buys a material and how they know it, or undefined when no customer lists it. */
export function customerPartOf(customers: readonly Customer[], materialId: string): { customer: Customer; part: CustomerPart } | undefined {
  for (const customer of customers) {
    const part = customer.parts.find((p) => p.materialId === materialId);
    if (part) return { customer, part };
  }
  return undefined;
}

/** Every kind of master data and its row schema: one table drives validation everywhere. */
export const MASTER_KINDS = {
  plant: Plant,
  line: Line,
  terminal: Terminal,
  material: Material,
  order: Order,
  operator: Operator,
  'scrap-reason': ScrapReason,
  'jis-sequence': JisSequence,
  'blocked-batch': BlockedBatch,
  'label-template': LabelTemplate,
  'sscc-range': SsccRange,
  customer: Customer,
  ...OEE_MASTER_KINDS,
  ...SHIPPING_MASTER_KINDS,
} as const;

export type MasterKind = keyof typeof MASTER_KINDS;
export const MasterKindName = z.enum(Object.keys(MASTER_KINDS) as [MasterKind, ...MasterKind[]]);

export interface MasterRowByKind extends OeeMasterRowByKind, ShippingMasterRowByKind {
  plant: Plant;
  line: Line;
  terminal: Terminal;
  material: Material;
  order: Order;
  operator: Operator;
  'scrap-reason': ScrapReason;
  'jis-sequence': JisSequence;
  'blocked-batch': BlockedBatch;
  'label-template': LabelTemplate;
  'sscc-range': SsccRange;
  customer: Customer;
}
