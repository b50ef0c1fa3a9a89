import type { z } from 'zod';
import type { ServerCodedError } from '../errors';
import { MASTER_KINDS, Role, roleRequiresPin, type MasterKind } from '../../shared/master-data';
import { hashPin, MAX_PIN_DIGITS } from '../../shared/pin';
import type { Db } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { upsertMaster, type MasterInput } from '../master-data-store';
import { rowsFromCsv, rowsFromJson, type RawRow, type RowError, type Rows } from './rows';

/**
 * `takt import`: every row is validated first and the file goes in as one
 * transaction, so a file with one bad row imports nothing and says which
 * rows are wrong and why.
 */

export interface ImportOutcome {
  kind: MasterKind;
  rows: number;
  /** Rows that took a new revision (the rest were already exactly so). */
  changed: number;
}

/** A refused import: `rows` names each bad row (0 for the file as a whole). */
export interface ImportFailure extends ServerCodedError {
  rows: RowError[];
}

export function importFailure(rows: RowError[]): ImportFailure {
  const listed = rows.slice(0, 5).map((e) => (e.row ? `row ${e.row}: ${e.message}` : e.message));
  return { code: 'import-invalid', message: `${rows.length} problem(s), nothing imported: ${listed.join('; ')}${rows.length > 5 ? '; …' : ''}`, rows };
}

class RefusedRow extends Error {
  constructor(readonly failure: ImportFailure) {
    super(failure.message);
  }
}

/**
 * Approving roles (shift lead, quality, admin) unlock overrides with their
 * PIN, and a terminal holds its hash: a 4-digit PIN falls to an offline
 * search within minutes, 6 digits cost 100 times more. Plant IT may ask for
 * more (TAKT_MIN_APPROVER_PIN_DIGITS), never for fewer than 6.
 */
export const DEFAULT_MIN_APPROVER_PIN_DIGITS = 6;
/** Any operator's PIN, when one is given. */
const MIN_PIN_DIGITS = 4;

export interface PinPolicy {
  minApproverDigits: number;
}

export const DEFAULT_PIN_POLICY: PinPolicy = { minApproverDigits: DEFAULT_MIN_APPROVER_PIN_DIGITS };

/** From TAKT_MIN_APPROVER_PIN_DIGITS (6 to 12), else the default. */
export function pinPolicyFromEnv(env: Record<string, string | undefined>): PinPolicy {
  const raw = env.TAKT_MIN_APPROVER_PIN_DIGITS;
  const n = raw && /^\d+$/.test(raw) ? Number(raw) : NaN;
  return { minApproverDigits: n >= DEFAULT_MIN_APPROVER_PIN_DIGITS && n <= MAX_PIN_DIGITS ? n : DEFAULT_MIN_APPROVER_PIN_DIGITS };
}

export function parseImportFile(kind: MasterKind, text: string, format: 'csv' | 'json'): Rows {
  return format === 'json' ? rowsFromJson(text) : rowsFromCsv(kind, text);
}

/** Validates every row (schema, duplicate ids) and returns them ready to write, or every error. */
export function validateRows(kind: MasterKind, rows: readonly RawRow[], pins: PinPolicy = DEFAULT_PIN_POLICY): Outcome<{ row: number; value: { id: string } }[]> {
  const schema = MASTER_KINDS[kind] as unknown as z.ZodType<{ id: string }>;
  const errors: RowError[] = [];
  const valid: { row: number; value: { id: string } }[] = [];
  const firstRowOfId = new Map<string, number>();
  for (const { row, value } of rows) {
    const pinProblem = plainPinProblem(kind, value, pins);
    if (pinProblem) {
      errors.push({ row, message: pinProblem });
      continue;
    }
    const parsed = schema.safeParse(withoutPlainPin(kind, value));
    if (!parsed.success) {
      errors.push({ row, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ') });
      continue;
    }
    const seen = firstRowOfId.get(parsed.data.id);
    if (seen !== undefined) {
      errors.push({ row, message: `id ${parsed.data.id} already given in row ${seen}` });
      continue;
    }
    firstRowOfId.set(parsed.data.id, row);
    valid.push({ row, value: parsed.data });
  }
  if (errors.length) return { ok: false, error: importFailure(errors) };
  return { ok: true, value: valid };
}

/** Writes validated rows in one transaction; a refused write (e.g. an overlapping SSCC range) rolls back all. */
export async function importRows(db: Db, kind: MasterKind, file: Rows, pins: PinPolicy = DEFAULT_PIN_POLICY): Promise<Outcome<ImportOutcome>> {
  const { rows } = file;
  const checked = validateRows(kind, rows, pins);
  const errors = [...file.errors, ...(checked.ok ? [] : checked.error.rows)].sort((a, b) => a.row - b.row);
  if (errors.length) return { ok: false, error: importFailure(errors) };
  if (!checked.ok) return checked;
  const rawByRow = new Map(rows.map((r) => [r.row, r.value]));
  const prepared = checked.value.map(({ row, value }) => ({ row, value: hashPlainPin(kind, value, rawByRow.get(row)) }));
  try {
    const changed = await inTransaction(db, async (trx) => {
      let count = 0;
      for (const { row, value } of prepared) {
        const written = await upsertMaster(trx, kind, value as MasterInput<typeof kind>);
        if (!written.ok) throw new RefusedRow(importFailure([{ row, message: `${written.error.code}: ${written.error.message}` }]));
        if (written.value.changed) count += 1;
      }
      return count;
    });
    return { ok: true, value: { kind, rows: prepared.length, changed } };
  } catch (err) {
    if (err instanceof RefusedRow) return { ok: false, error: err.failure };
    throw err;
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ImportFailure };

function plainPinProblem(kind: MasterKind, value: unknown, pins: PinPolicy): string | undefined {
  if (kind !== 'operator' || typeof value !== 'object' || value === null) return undefined;
  const pin = (value as { pin?: unknown }).pin;
  if (pin === undefined || pin === '') return undefined;
  const role = Role.safeParse((value as { role?: unknown }).role);
  const approver = role.success && roleRequiresPin(role.data);
  const min = approver ? pins.minApproverDigits : MIN_PIN_DIGITS;
  if (!new RegExp(`^\\d{${min},${MAX_PIN_DIGITS}}$`).test(String(pin))) {
    return approver ? `pin: a ${role.data} approves overrides and needs ${min}–${MAX_PIN_DIGITS} digits` : `pin: must be ${min}–${MAX_PIN_DIGITS} digits`;
  }
  if ((value as { pinHash?: unknown }).pinHash !== undefined) return 'give pin or pinHash, not both';
  return undefined;
}

function withoutPlainPin(kind: MasterKind, value: unknown): unknown {
  if (kind !== 'operator' || typeof value !== 'object' || value === null || !('pin' in value)) return value;
  const { pin: _pin, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** A plain PIN in an operator row becomes its scrypt hash; the PIN itself is never stored. */
function hashPlainPin(kind: MasterKind, value: { id: string }, raw: unknown): { id: string } {
  if (kind !== 'operator' || typeof raw !== 'object' || raw === null) return value;
  const pin = (raw as { pin?: unknown }).pin;
  if (pin === undefined || pin === '') return value;
  return { ...value, pinHash: hashPin(String(pin)) } as { id: string };
}
