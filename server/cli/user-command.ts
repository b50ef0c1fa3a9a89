import { parseArgs } from 'node:util';
import { ROLES } from '../users/roles';
import { addUser, listUsers, removeUser } from '../users/user-store';
import { databaseSettings } from './config';
import { EXIT_FAILURE, EXIT_OK, UsageError, envOf, printJson, type CliIo } from './io';
import { readSecret } from './read-secret';
import { withDatabase } from './with-database';

export const USER_USAGE = `takt user add <username> --role ${ROLES.join('|')} [--name "Full Name"] | list | remove <username>  [--data DIR] [--json]  (password from a prompt or stdin)`;

/**
 * People on the web pages. `add` asks for the password twice at a prompt,
 * or reads it as the first line of stdin; never as an argument.
 */
export async function runUser(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { role: { type: 'string' }, name: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [action, target, ...rest] = positionals;
  const settings = databaseSettings(values, envOf(io));
  if (action === 'list' && target === undefined) {
    return withDatabase(settings, async ({ db }) => {
      const users = await listUsers(db);
      if (values.json) printJson(io, { users });
      else if (users.length === 0) io.stdout.write('No web users.\n');
      else io.stdout.write(users.map((u) => `${u.username}  ${u.role}  ${u.displayName}${u.lockedUntil ? `  locked until ${u.lockedUntil}` : ''}\n`).join(''));
      return EXIT_OK;
    });
  }
  if (action === 'remove' && target !== undefined && rest.length === 0) {
    return withDatabase(settings, async ({ db }) => {
      const removed = await removeUser(db, target);
      if (values.json) printJson(io, { username: target, removed });
      if (!removed) {
        if (!values.json) io.stderr.write(`takt user: no user ${target} (see takt user list)\n`);
        return EXIT_FAILURE;
      }
      if (!values.json) io.stdout.write(`Removed user ${target}; their sessions have ended.\n`);
      return EXIT_OK;
    });
  }
  if (action !== 'add' || target === undefined || rest.length > 0) throw new UsageError('expected "user add <username> --role R", "user list" or "user remove <username>"');
  if (!values.role) throw new UsageError(`--role is required (${ROLES.join(', ')})`);
  const interactive = (io.stdin ?? process.stdin).isTTY === true;
  const password = await readSecret(io, `Password for ${target}: `);
  if (interactive && (await readSecret(io, 'Repeat the password: ')) !== password) throw new UsageError('the two passwords differ; nothing was stored');
  return withDatabase(settings, async ({ db }) => {
    const added = await addUser(db, { username: target, role: values.role ?? '', displayName: values.name, password });
    if (!added.ok) {
      if (values.json) printJson(io, { error: added.error });
      else io.stderr.write(`takt user: ${added.error.message}\n`);
      return EXIT_FAILURE;
    }
    if (values.json) printJson(io, { user: added.value });
    else io.stdout.write(`Added user ${added.value.username} (${added.value.role}).\n`);
    return EXIT_OK;
  });
}
