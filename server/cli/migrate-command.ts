import { parseArgs } from 'node:util';
import { openDatabase } from '../db/create-database';
import { migrateToLatest } from '../db/migrate';
import { databaseSettings } from './config';
import { EXIT_OK, envOf, printJson, type CliIo } from './io';

export const MIGRATE_USAGE = 'takt migrate [--data DIR] [--json]';

/** `takt migrate`: bring the schema up to date (the server also does this on start). */
export async function runMigrate(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
  const database = openDatabase(databaseSettings(values, envOf(io)));
  try {
    const { applied } = await migrateToLatest(database.db, database.dialect);
    if (values.json) {
      printJson(io, { applied, database: database.dialect, location: database.location });
      return EXIT_OK;
    }
    io.stdout.write(
      applied.length ? `Applied ${applied.join(', ')} to ${database.location}\n` : `Database at ${database.location} is up to date\n`,
    );
    return EXIT_OK;
  } finally {
    await database.close();
  }
}
