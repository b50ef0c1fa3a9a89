import { parseArgs } from 'node:util';
import { listTerminals, registerTerminal, removeTerminal } from '../credentials-store';
import { getMaster } from '../master-data-store';
import { checkId, databaseSettings } from './config';
import { EXIT_FAILURE, EXIT_OK, UsageError, envOf, printJson, type CliIo } from './io';
import { addNewTerminal } from './new-terminal';
import { withDatabase } from './with-database';

export const TERMINAL_USAGE = 'takt terminal add --line <id> [--id <id>] [--name N] | list | remove <id>  [--data DIR] [--json]';

/**
 * `takt terminal add`: registers a terminal and prints its token once. With
 * the id of an existing terminal it rotates the token (and moves the terminal
 * to --line), which is also how a lost token is replaced. `list` shows the
 * terminals and how far each has synced; `remove <id>` ends its token at once
 * (its events stay on record).
 */
export async function runTerminal(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { line: { type: 'string' }, id: { type: 'string' }, name: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [action, target, ...rest] = positionals;
  const settings = databaseSettings(values, envOf(io));
  if (action === 'list' && target === undefined) {
    return withDatabase(settings, async ({ db }) => {
      const terminals = await listTerminals(db);
      if (values.json) printJson(io, { terminals });
      else io.stdout.write(terminals.length ? terminals.map((t) => `${t.terminalId}  line ${t.lineId}  ${t.name}  synced to seq ${t.lastSeq}\n`).join('') : 'No terminals.\n');
      return EXIT_OK;
    });
  }
  if (action === 'remove' && target !== undefined && rest.length === 0) {
    const id = checkId('terminal id', target);
    return withDatabase(settings, async ({ db }) => {
      const removed = await removeTerminal(db, id);
      if (values.json) printJson(io, { terminalId: id, removed });
      if (!removed) {
        if (!values.json) io.stderr.write(`takt terminal: no terminal ${id} (see takt terminal list)\n`);
        return EXIT_FAILURE;
      }
      if (!values.json) io.stdout.write(`Removed terminal ${id}; its token no longer authenticates. Its events stay on record.\n`);
      return EXIT_OK;
    });
  }
  if (action !== 'add' || target !== undefined) throw new UsageError('expected "terminal add", "terminal list" or "terminal remove <id>"');
  if (!values.line) throw new UsageError('--line <id> is required');
  const lineId = checkId('--line', values.line);
  const wanted = values.id === undefined ? undefined : checkId('--id', values.id);

  return withDatabase(settings, async ({ db }) => {
    const issued = wanted !== undefined ? await registerTerminal(db, { id: wanted, lineId, name: values.name }) : await addNewTerminal(db, { lineId, name: values.name });
    if (values.json) {
      printJson(io, { terminalId: issued.terminalId, token: issued.token });
      return EXIT_OK;
    }
    if (!(await getMaster(db, 'line', lineId))) io.stderr.write(`warning: no line ${lineId} in the master data yet\n`);
    io.stdout.write(
      `${issued.rotated ? 'Rotated the token of' : 'Registered'} terminal ${issued.terminalId} (line ${lineId}).\n` +
        `Token (shown once, store it in the terminal's configuration):\n${issued.token}\n`,
    );
    return EXIT_OK;
  });
}
