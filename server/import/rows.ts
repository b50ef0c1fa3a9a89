import type { z } from 'zod';
import { MASTER_KINDS, type MasterKind } from '../../shared/master-data';
import { CsvSyntaxError, parseCsv } from './csv';

/**
 * Turns an import file into raw rows, each with the row number people see:
 * the file line for CSV (the header is line 1), the 1-based position in the
 * array for JSON. CSV cells are converted by the kind's schema: numbers and
 * booleans from text, nested fields (BOM, operations, barcode rules,
 * positions, labels) as JSON in the cell; an empty cell means "not given".
 */

export interface RawRow {
  row: number;
  value: unknown;
}

export interface RowError {
  row: number;
  message: string;
}

/** The rows that could be read, and the problems of those that could not (row 0: the file as a whole). */
export interface Rows {
  rows: RawRow[];
  errors: RowError[];
}

export function rowsFromJson(text: string): Rows {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { rows: [], errors: [{ row: 0, message: `not JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(list)) return { rows: [], errors: [{ row: 0, message: 'expected a JSON array of rows (or { "rows": [...] })' }] };
  return { rows: list.map((value, i) => ({ row: i + 1, value })), errors: [] };
}

type FieldType = 'string' | 'number' | 'boolean' | 'json';

/** What a column holds, read from the zod schema (optional/default/nullable unwrapped). */
function fieldType(schema: z.ZodType): FieldType {
  let def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType } } })._zod.def;
  while ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') && def.innerType) {
    def = (def.innerType as unknown as { _zod: { def: typeof def } })._zod.def;
  }
  if (def.type === 'number' || def.type === 'int') return 'number';
  if (def.type === 'boolean') return 'boolean';
  if (def.type === 'string' || def.type === 'enum' || def.type === 'literal') return 'string';
  return 'json';
}

export function rowsFromCsv(kind: MasterKind, text: string): Rows {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) return { rows: [], errors: [{ row: 0, message: err.message }] };
    throw err;
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ row: 1, message: 'empty file: expected a header row' }] };
  const shape = (MASTER_KINDS[kind] as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
  // Operators may carry a plain `pin` column; it is hashed before the row is stored.
  const extra: Record<string, FieldType> = kind === 'operator' ? { pin: 'string' } : {};
  const columns = header.cells.map((c) => c.trim());
  const unknown = columns.filter((c) => !(c in shape) && !(c in extra));
  if (unknown.length) return { rows: [], errors: [{ row: header.line, message: `unknown column(s) ${unknown.join(', ')} for ${kind} (known: ${Object.keys(shape).join(', ')})` }] };

  const rows: RawRow[] = [];
  const errors: RowError[] = [];
  for (const record of body) {
    if (record.cells.length !== columns.length) {
      errors.push({ row: record.line, message: `${record.cells.length} cells, the header has ${columns.length}` });
      continue;
    }
    const value: Record<string, unknown> = {};
    const problems: string[] = [];
    columns.forEach((column, i) => {
      const cell = record.cells[i]!;
      if (cell === '') return;
      const converted = convert(cell, extra[column] ?? fieldType(shape[column]!));
      if (converted.ok) value[column] = converted.value;
      else problems.push(`${column}: ${converted.message}`);
    });
    if (problems.length) errors.push({ row: record.line, message: problems.join('; ') });
    else rows.push({ row: record.line, value });
  }
  return { rows, errors };
}

function convert(cell: string, type: FieldType): { ok: true; value: unknown } | { ok: false; message: string } {
  switch (type) {
    case 'string':
      return { ok: true, value: cell };
    case 'number': {
      const n = Number(cell.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2'));
      return Number.isFinite(n) && cell.trim() !== '' ? { ok: true, value: n } : { ok: false, message: `not a number: ${cell}` };
    }
    case 'boolean': {
      const v = cell.trim().toLowerCase();
      if (['true', '1', 'yes', 'ja'].includes(v)) return { ok: true, value: true };
      if (['false', '0', 'no', 'nein'].includes(v)) return { ok: true, value: false };
      return { ok: false, message: `not a boolean: ${cell}` };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(cell) };
      } catch {
        return { ok: false, message: `not JSON: ${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}` };
      }
  }
}
