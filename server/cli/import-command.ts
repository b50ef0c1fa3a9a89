import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { MasterKindName } from '../../shared/master-data';
import { importRows, parseImportFile, importFailure, pinPolicyFromEnv, type ImportFailure } from '../import/import-master';
import { databaseSettings } from './config';
import { EXIT_FAILURE, EXIT_OK, UsageError, envOf, printJson, type CliIo } from './io';
import { withDatabase } from './with-database';

export const IMPORT_USAGE = 'takt import <kind> <file> [--format csv|json] [--data DIR] [--json]';

/**
 * `takt import <kind> <file>`: master data from CSV (header row, nested fields
 * as JSON in a cell) or JSON (an array of rows), all rows or none. The format
 * follows the file extension unless --format says otherwise. Plain PINs of
 * approving roles need TAKT_MIN_APPROVER_PIN_DIGITS digits (default 6).
 */
export async function runImport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [kindName, file, ...rest] = positionals;
  if (!kindName || !file || rest.length) throw new UsageError('expected a kind and a file');
  const kind = MasterKindName.safeParse(kindName);
  if (!kind.success) throw new UsageError(`unknown kind ${kindName} (known: ${MasterKindName.options.join(', ')})`);
  const format = values.format ?? (extname(file).toLowerCase() === '.json' ? 'json' : 'csv');
  if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json');

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
  }
  const parsed = parseImportFile(kind.data, text, format);
  // A file that cannot be read as rows at all is refused before the database is opened.
  if (parsed.errors.some((e) => e.row <= 1) && parsed.rows.length === 0) return refuse(io, values.json, importFailure(parsed.errors));

  const env = envOf(io);
  return withDatabase(databaseSettings(values, env), async ({ db }) => {
    const outcome = await importRows(db, kind.data, parsed, pinPolicyFromEnv(env));
    if (!outcome.ok) return refuse(io, values.json, outcome.error);
    if (values.json) printJson(io, { ...outcome.value, file });
    else io.stdout.write(`Imported ${outcome.value.rows} ${kind.data} row(s) from ${file} (${outcome.value.changed} changed)\n`);
    return EXIT_OK;
  });
}

function refuse(io: CliIo, json: boolean, failure: ImportFailure): number {
  if (json) {
    io.stderr.write(`${JSON.stringify({ error: failure })}\n`);
  } else {
    io.stderr.write(`takt import: nothing imported, ${failure.rows.length} problem(s):\n`);
    for (const e of failure.rows) io.stderr.write(e.row ? `  row ${e.row}: ${e.message}\n` : `  ${e.message}\n`);
  }
  return EXIT_FAILURE;
}
