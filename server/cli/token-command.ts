import { parseArgs } from 'node:util';
import { issueAdminToken } from '../credentials-store';
import { databaseSettings } from './config';
import { EXIT_OK, UsageError, envOf, printJson, type CliIo } from './io';
import { withDatabase } from './with-database';

export const TOKEN_USAGE = 'takt token add [--name N] [--data DIR] [--json]';

/** `takt token add`: an admin token for administrators and ERP integrations, printed once. */
export async function runToken(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { name: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals[0] !== 'add' || positionals.length !== 1) throw new UsageError('expected "token add"');
  const name = values.name ?? 'admin';
  if (!name.trim() || name.length > 100) throw new UsageError('--name must be 1–100 characters');

  return withDatabase(databaseSettings(values, envOf(io)), async ({ db }) => {
    const issued = await issueAdminToken(db, name);
    if (values.json) printJson(io, { id: issued.id, name: issued.name, token: issued.token });
    else io.stdout.write(`Admin token "${issued.name}" (${issued.id}), shown once:\n${issued.token}\n`);
    return EXIT_OK;
  });
}
