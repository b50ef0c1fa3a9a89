import type { ScanError } from './errors';

export type Scheme = 'gs1' | 'iso15434' | 'di' | 'plain';

export type Symbology =
  | 'gs1-128'
  | 'gs1-datamatrix'
  | 'gs1-qr'
  | 'gs1-databar'
  | 'gs1-dotcode'
  | 'ean-13'
  | 'ean-8'
  | 'upc-e'
  | 'ean-addon'
  | 'code128'
  | 'code39'
  | 'code93'
  | 'codabar'
  | 'itf'
  | 'datamatrix'
  | 'qr'
  | 'pdf417'
  | 'aztec'
  | 'dotcode'
  | 'databar'
  | 'other'
  | 'unknown';

/** One data element in scan order: a GS1 AI, an ANSI MH10.8.2 data identifier, or 'raw'. */
export interface ScanElement {
  readonly id: string;
  readonly value: string;
  readonly title: string;
}

/** Normalised meanings. Dates are ISO YYYY-MM-DD; quantities are numbers. */
export interface ScanFields {
  gtin?: string;
  /** GTIN of the trade items contained in a logistic unit (GS1 AI 02). */
  contentGtin?: string;
  sscc?: string;
  batch?: string;
  serial?: string;
  expiry?: string;
  bestBefore?: string;
  productionDate?: string;
  packDate?: string;
  sellBy?: string;
  dueDate?: string;
  quantity?: number;
  /** 'pcs' for counts, 'kg', 'm', 'l', … for GS1 measures, the ANSI X12.3 code for DI 7Q. */
  unit?: string;
  partNumber?: string;
  customerPartNumber?: string;
  supplierPartNumber?: string;
  revision?: string;
  supplier?: string;
  manufacturer?: string;
  licensePlate?: string;
  /** Package number (VDA 4902 "S", MH10.8.2 3S/4S/5S). */
  packageId?: string;
  /** Returnable asset such as a bin or rack (GS1 GRAI, AI 8003). */
  returnableAsset?: string;
  /** Individual asset (GS1 GIAI, AI 8004). */
  assetId?: string;
  orderNumber?: string;
  supplierOrderNumber?: string;
  deliveryNote?: string;
  packingList?: string;
  kanban?: string;
  containerType?: string;
  shipTo?: string;
  location?: string;
  countryOfOrigin?: string;
  /** GS1 AIs 91-99 (company internal), keyed by AI. */
  internal?: Record<string, string>;
}

export interface ParsedScan {
  readonly ok: true;
  readonly symbology: Symbology;
  readonly scheme: Scheme;
  readonly elements: readonly ScanElement[];
  readonly fields: ScanFields;
  /** The scanned data without the AIM symbology identifier (what master-data rules match against). */
  readonly text: string;
}

export interface FailedScan {
  readonly ok: false;
  readonly error: ScanError;
}

export type ParseResult = ParsedScan | FailedScan;

export interface ParseOptions {
  /**
   * Year used for the GS1 century window of two-digit years (GS1 General
   * Specifications 7.12). Defaults to the current UTC year; inject it in tests.
   */
  readonly referenceYear?: number;
  /**
   * Check the req=/ex= AI pairings of the Syntax Dictionary (default true). Turn
   * off for labels whose GS1 data is split over several symbols, as the
   * dictionary says pairings apply to the combined data of a physical item.
   */
  readonly checkAssociations?: boolean;
}
