import { parseArgs } from 'node:util';
import { issueAdminToken, listAdminTokens, revokeAdminToken } from '../credentials-store';
import { databaseSettings } from './config';
import { EXIT_FAILURE, EXIT_OK, UsageError, envOf, printJson, type CliIo } from './io';
import { withDatabase } from './with-database';

export const TOKEN_USAGE = 'takt token add [--name N] | list | revoke <id>  [--data DIR] [--json]';

/**
 * `takt token add`: an admin token for administrators and ERP integrations,
 * printed once. `list` names the tokens (never their hashes); `revoke <id>`
 * deletes one, which ends its use with the next request.
 */
export async function runToken(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { name: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [action, target, ...rest] = positionals;
  const settings = databaseSettings(values, envOf(io));
  if (action === 'list' && target === undefined) {
    return withDatabase(settings, async ({ db }) => {
      const tokens = await listAdminTokens(db);
      if (values.json) printJson(io, { tokens });
      else io.stdout.write(tokens.length ? tokens.map((t) => `${t.id}  ${t.name}  created ${t.createdAt}\n`).join('') : 'No admin tokens.\n');
      return EXIT_OK;
    });
  }
  if (action === 'revoke' && target !== undefined && rest.length === 0) {
    return withDatabase(settings, async ({ db }) => {
      const revoked = await revokeAdminToken(db, target);
      if (values.json) printJson(io, { id: target, revoked });
      if (!revoked) {
        if (!values.json) io.stderr.write(`takt token: no admin token with id ${target} (see takt token list)\n`);
        return EXIT_FAILURE;
      }
      if (!values.json) io.stdout.write(`Revoked admin token ${target}; it no longer authenticates.\n`);
      return EXIT_OK;
    });
  }
  if (action !== 'add' || target !== undefined) throw new UsageError('expected "token add", "token list" or "token revoke <id>"');
  const name = values.name ?? 'admin';
  if (!name.trim() || name.length > 100) throw new UsageError('--name must be 1–100 characters');

  return withDatabase(settings, async ({ db }) => {
    const issued = await issueAdminToken(db, name);
    if (values.json) printJson(io, { id: issued.id, name: issued.name, token: issued.token });
    else io.stdout.write(`Admin token "${issued.name}" (${issued.id}), shown once:\n${issued.token}\n`);
    return EXIT_OK;
  });
}
