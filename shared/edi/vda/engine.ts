import { EdiError, guarded, type EdiProblem, type EdiResult } from '../problems';

/**
 * The VDA fixed-record engine. VDA recommendations of the 49xx family
 * (4905, 4913, 4915, …) transmit records of exactly 128 characters, each
 * starting with a three-digit record type (Satzart) and a two-digit version;
 * fields are left-aligned and space-filled (alphanumeric, "an") or
 * right-aligned and zero-filled (numeric, "n"). A format is data: a table of
 * records and their fields, in the order and lengths of the recommendation's
 * record descriptions, so a partner's variant is a table, not code.
 *
 * Files arrive with one record per line (CR LF or LF) or as one stream of
 * 128-character records; both are read. A line a gateway trimmed of its
 * trailing spaces is padded back, with a warning.
 */

export const VDA_RECORD_LENGTH = 128;

export interface VdaField {
  name: string;
  length: number;
  type: 'an' | 'n';
}

export interface VdaRecordFormat {
  title: string;
  /** Every field after record type and version; the rest of the 128 characters is filler. */
  fields: readonly VdaField[];
}

export interface VdaFormat {
  name: string;
  records: Readonly<Record<string, VdaRecordFormat>>;
}

export interface VdaRecord {
  type: string;
  version: string;
  /** Position in the file, from 1. */
  index: number;
  values: Record<string, string>;
}

export const an = (name: string, length: number): VdaField => ({ name, length, type: 'an' });
export const n = (name: string, length: number): VdaField => ({ name, length, type: 'n' });

/** Checks a table once: a record longer than 128 characters is a mistake in the table, not in a file. */
export function defineFormat(format: VdaFormat): VdaFormat {
  for (const [type, record] of Object.entries(format.records)) {
    const used = 5 + record.fields.reduce((sum, f) => sum + f.length, 0);
    if (used > VDA_RECORD_LENGTH) throw new Error(`${format.name} record ${type}: fields take ${used} characters, more than ${VDA_RECORD_LENGTH}`);
  }
  return format;
}

function splitRecords(text: string, warnings: EdiProblem[]): string[] {
  let body = text;
  if (body.startsWith('\uFEFF')) {
    body = body.slice(1);
    warnings.push({ code: 'vda-bom', message: 'the file starts with a byte-order mark; it was skipped' });
  }
  if (/[\r\n]/.test(body)) {
    const lines = body.split(/\r?\n|\r/).filter((l, i, all) => l.trim() !== '' || i < all.length - 1);
    return lines.filter((l) => l.trim() !== '');
  }
  const records: string[] = [];
  for (let i = 0; i < body.length; i += VDA_RECORD_LENGTH) records.push(body.slice(i, i + VDA_RECORD_LENGTH));
  const last = records[records.length - 1];
  if (last !== undefined && last.trim() === '') records.pop();
  return records;
}

export function parseVda(text: string, format: VdaFormat): EdiResult<VdaRecord[]> {
  const warnings: EdiProblem[] = [];
  return guarded(warnings, () => readRecords(text, format, warnings));
}

function readRecords(text: string, format: VdaFormat, warnings: EdiProblem[]): VdaRecord[] {
  const out: VdaRecord[] = [];
  const raw = splitRecords(text, warnings);
  if (raw.length === 0) throw new EdiError({ code: 'vda-empty', message: 'the file holds no records', segment: 1, expected: `${format.name} records` });
  let padded = 0;
  raw.forEach((line, i) => {
    const index = i + 1;
    let record = line;
    if (record.length > VDA_RECORD_LENGTH) {
      if (record.slice(VDA_RECORD_LENGTH).trim() !== '') {
        throw new EdiError({ code: 'vda-record-length', message: `record is ${record.length} characters long`, segment: index, tag: record.slice(0, 3), expected: `${VDA_RECORD_LENGTH} characters` });
      }
      record = record.slice(0, VDA_RECORD_LENGTH);
    } else if (record.length < VDA_RECORD_LENGTH) {
      padded += 1;
      if (padded === 1) warnings.push({ code: 'vda-record-short', message: `record is ${record.length} characters long; padded with spaces`, segment: index, tag: record.slice(0, 3), expected: `${VDA_RECORD_LENGTH} characters` });
      record = record.padEnd(VDA_RECORD_LENGTH, ' ');
    }
    const type = record.slice(0, 3);
    const spec = format.records[type];
    if (!spec) {
      if (!/^\d{3}$/.test(type)) throw new EdiError({ code: 'vda-record-type', message: `"${type}" is not a record type`, segment: index, element: 1, expected: `one of ${Object.keys(format.records).join(', ')}` });
      warnings.push({ code: 'vda-unknown-record', message: `record type ${type} is not part of ${format.name}; skipped`, segment: index, tag: type });
      return;
    }
    out.push({ type, version: record.slice(3, 5), index, values: readFields(record, spec, type, index) });
  });
  return out;
}

function readFields(record: string, spec: VdaRecordFormat, type: string, index: number): Record<string, string> {
  const values: Record<string, string> = {};
  let pos = 5;
  spec.fields.forEach((f, i) => {
    const raw = record.slice(pos, pos + f.length);
    pos += f.length;
    if (f.type === 'n') {
      const digits = raw.trim();
      if (digits !== '' && !/^\d+$/.test(digits)) {
        // Field numbers count record type (01) and version (02), as the record descriptions do.
        throw new EdiError({ code: 'vda-not-numeric', message: `${f.name} "${raw}" is not numeric`, segment: index, tag: type, element: i + 3, expected: `${f.length} digits` });
      }
      values[f.name] = digits;
    } else {
      values[f.name] = raw.trimEnd();
    }
  });
  return values;
}

/** One 128-character record; a value longer than its field is refused (a truncated part number would be a wrong one). */
export function writeVdaRecord(format: VdaFormat, type: string, version: string, values: Record<string, string | number | undefined>): string {
  const spec = format.records[type];
  if (!spec) throw new Error(`${format.name} has no record type ${type}`);
  let out = type + version.padStart(2, '0');
  for (const f of spec.fields) {
    const given = values[f.name];
    const text = given === undefined ? '' : String(given);
    if (text.length > f.length) throw new EdiError({ code: 'vda-value-too-long', message: `${f.name} "${text}" is longer than ${f.length}`, tag: type, expected: `at most ${f.length} characters` });
    if (f.type === 'n' && text !== '' && !/^\d+$/.test(text)) throw new EdiError({ code: 'vda-not-numeric', message: `${f.name} "${text}" is not numeric`, tag: type, expected: 'digits' });
    out += f.type === 'n' ? text.padStart(f.length, '0') : text.padEnd(f.length, ' ');
  }
  return out.padEnd(VDA_RECORD_LENGTH, ' ');
}
