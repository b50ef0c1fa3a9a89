import type { ParseResult, ScanFields } from '../barcode';

/**
 * How a JIS part label names its part. The part number is the
 * label's customer part number (DI 1P… / `customerPartNumber`), else its part
 * number (DI P, `partNumber`), else the whole text of a plain code. The
 * variant is configured per customer, because labels carry it differently:
 *
 * - `field`: a normalised scan field, by default `revision` (DI 2P on
 *   VDA 4994 / Odette labels);
 * - `internal`: a GS1 company-internal AI (91–99);
 * - `suffix`: the part number ends in `<separator><variant>`, e.g. `5G0807217-GRU`
 *   with separator `-` (split at the last separator);
 * - `none`: the label carries no variant.
 *
 * Comparison ignores whitespace and letter case (customer part numbers are
 * printed with spaces: `5G0 807 217`). A position with an empty variant
 * accepts any variant; a position with a variant needs that exact variant.
 */

export type VariantSource =
  | { readonly kind: 'none' }
  | { readonly kind: 'field'; readonly field: StringField }
  | { readonly kind: 'internal'; readonly ai: string }
  | { readonly kind: 'suffix'; readonly separator: string };

export type StringField = { [K in keyof ScanFields]-?: NonNullable<ScanFields[K]> extends string ? K : never }[keyof ScanFields];

// Every text field of a scan, checked complete by the compiler (a field added to ScanFields must be listed here).
const STRING_FIELD_SET: Record<StringField, true> = {
  gtin: true, contentGtin: true, sscc: true, batch: true, serial: true, expiry: true, bestBefore: true, productionDate: true,
  packDate: true, sellBy: true, dueDate: true, unit: true, partNumber: true, customerPartNumber: true, supplierPartNumber: true,
  revision: true, supplier: true, manufacturer: true, licensePlate: true, packageId: true, returnableAsset: true, assetId: true,
  orderNumber: true, supplierOrderNumber: true, deliveryNote: true, packingList: true, kanban: true, containerType: true,
  shipTo: true, location: true, countryOfOrigin: true,
};

/** Whether `name` is a scan field a variant can be read from (master data names it as a plain string). */
export function isStringField(name: string): name is StringField {
  return Object.hasOwn(STRING_FIELD_SET, name);
}

export interface PartLabelConfig {
  readonly variant: VariantSource;
}

export const DEFAULT_PART_LABEL: PartLabelConfig = { variant: { kind: 'field', field: 'revision' } };

/** What a part label says about the part; also what a caller may pass directly (manual entry, tests). */
export interface PartIdentity {
  readonly partNumber: string;
  readonly variant?: string;
  readonly serial?: string;
}

function isIdentity(scan: ParseResult | PartIdentity): scan is PartIdentity {
  return 'partNumber' in scan;
}

export function readPartLabel(scan: ParseResult | PartIdentity, config: PartLabelConfig = DEFAULT_PART_LABEL): PartIdentity | null {
  if (isIdentity(scan)) return scan.partNumber.trim() === '' ? null : scan;
  if (!scan.ok) return null;
  const { fields } = scan;
  let partNumber = fields.customerPartNumber ?? fields.partNumber ?? (scan.scheme === 'plain' ? scan.text : undefined);
  if (partNumber === undefined || partNumber.trim() === '') return null;
  let variant: string | undefined;
  const source = config.variant;
  if (source.kind === 'field') variant = fields[source.field];
  else if (source.kind === 'internal') variant = fields.internal?.[source.ai];
  else if (source.kind === 'suffix' && source.separator !== '') {
    const at = partNumber.lastIndexOf(source.separator);
    if (at > 0) {
      variant = partNumber.slice(at + source.separator.length);
      partNumber = partNumber.slice(0, at);
    }
  }
  return {
    partNumber,
    ...(variant !== undefined && variant.trim() !== '' ? { variant } : {}),
    ...(fields.serial !== undefined ? { serial: fields.serial } : {}),
  };
}

const normal = (s: string | undefined) => (s ?? '').replace(/\s+/g, '').toUpperCase();

export function matchesPosition(part: PartIdentity, position: { customerPartNumber: string; variant: string }): boolean {
  if (normal(part.partNumber) !== normal(position.customerPartNumber)) return false;
  return normal(position.variant) === '' || normal(part.variant) === normal(position.variant);
}

/** The text an event or a screen shows for a part: `partNumber` or `partNumber / variant`. */
export function describePart(part: { partNumber?: string; customerPartNumber?: string; variant?: string }): string {
  const number = (part.partNumber ?? part.customerPartNumber ?? '').trim();
  const variant = (part.variant ?? '').trim();
  return variant === '' ? number : `${number} / ${variant}`;
}
