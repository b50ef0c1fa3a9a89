import { fail } from '../errors';

/**
 * Stable codes for everything the label pipeline refuses, so the UI can say
 * why a label was not printed and nothing half-valid ever reaches a printer.
 */
export const LABEL_ERROR_CODES = [
  /** The value is valid data but the symbology (or the printer's encoder) cannot carry it unchanged. */
  'label-value-unencodable',
  /** The template's data does not match its schema, or a GS1 / ISO 15434 rule. */
  'label-data-invalid',
  'label-template-unknown',
  /** A master-data template row could not be read as a layout. */
  'label-template-invalid',
  /** A text is longer than its cell holds even at the smallest readable height: the message names the text. */
  'label-text-too-long',
  /** Master data a goods receipt needs (customer part, unloading point, weights, plant address) is missing: the message names the field. */
  'label-master-data-missing',
  'sscc-range-exhausted',
  'sscc-invalid',
  'print-job-transition',
  'print-reprint-reason-missing',
] as const;
export type LabelErrorCode = (typeof LABEL_ERROR_CODES)[number];

export const labelFail = (code: LabelErrorCode, message: string) => fail(code, message);
