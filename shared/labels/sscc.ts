import { gs1CheckDigit } from '../barcode/check-digits';
import { ok, type Result } from '../errors';
import { labelFail } from './errors';

/**
 * SSCC (GS1 General Specifications 2.2.1 and 3.2, AI 00): extension digit,
 * GS1 company prefix, serial reference (together 17 digits) and the mod-10
 * check digit (7.9.1). The serial reference comes from the range the server
 * allocated to this terminal (master data `sscc-range`), so terminals never
 * collide, also offline; the caller persists `lastUsed` in the journal in the
 * same transaction as the label, so a restart never hands out one twice.
 */

export interface SsccRangeLike {
  companyPrefix: string;
  extensionDigit: number;
  from: number;
  to: number;
}

export function ssccCheckDigit(body17: string): number {
  return gs1CheckDigit(body17);
}

export function isValidSscc(sscc: string): boolean {
  return /^\d{18}$/.test(sscc) && ssccCheckDigit(sscc.slice(0, 17)) === Number(sscc[17]);
}

export function buildSscc(range: Pick<SsccRangeLike, 'companyPrefix' | 'extensionDigit'>, serialReference: number): Result<string> {
  const { companyPrefix, extensionDigit } = range;
  if (!/^\d{7,10}$/.test(companyPrefix)) return labelFail('sscc-invalid', 'GS1 company prefix must have 7 to 10 digits');
  if (!Number.isInteger(extensionDigit) || extensionDigit < 0 || extensionDigit > 9) return labelFail('sscc-invalid', 'extension digit must be 0 to 9');
  const serialDigits = 16 - companyPrefix.length;
  if (!Number.isSafeInteger(serialReference) || serialReference < 0 || serialReference >= 10 ** serialDigits) {
    return labelFail('sscc-invalid', `serial reference must have at most ${serialDigits} digits`);
  }
  const body = `${extensionDigit}${companyPrefix}${String(serialReference).padStart(serialDigits, '0')}`;
  return ok(body + ssccCheckDigit(body));
}

export interface SsccAllocation {
  sscc: string;
  /** Store this as the new `lastUsed`. */
  serialReference: number;
}

/** The next SSCC after `lastUsed` (or the first of the range), or `sscc-range-exhausted`. */
export function allocateSscc({ range, lastUsed }: { range: SsccRangeLike; lastUsed: number | null | undefined }): Result<SsccAllocation> {
  const next = lastUsed === null || lastUsed === undefined ? range.from : Math.max(lastUsed + 1, range.from);
  if (next > range.to) {
    return labelFail('sscc-range-exhausted', `SSCC range ${range.companyPrefix}/${range.from}–${range.to} is used up; ask for a new range`);
  }
  const sscc = buildSscc(range, next);
  return sscc.ok ? ok({ sscc: sscc.value, serialReference: next }) : sscc;
}
