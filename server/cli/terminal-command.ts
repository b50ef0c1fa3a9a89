import { parseArgs } from 'node:util';
import { listTerminals, registerTerminal, removeTerminal, setTerminalShips } from '../credentials-store';
import { getMaster } from '../master-data-store';
import { checkId, databaseSettings, type DatabaseSettings } from './config';
import { EXIT_FAILURE, EXIT_OK, UsageError, envOf, printJson, type CliIo } from './io';
import { addNewTerminal } from './new-terminal';
import { withDatabase } from './with-database';

export const TERMINAL_USAGE = 'takt terminal add --line <id> [--id <id>] [--name N] [--ships] | list | ships <id> on|off | remove <id>  [--data DIR] [--json]';

/**
 * `takt terminal add`: registers a terminal and prints its token once. With
 * the id of an existing terminal it rotates the token (and moves the terminal
 * to --line), which is also how a lost token is replaced. `list` shows the
 * terminals and how far each has synced; `remove <id>` ends its token at once
 * (its events stay on record). `--ships` registers a terminal that loads
 * trucks (it receives the plant's closed containers); `ships <id> on|off`
 * changes that later, and a rotation without `--ships` keeps it.
 */
export async function runTerminal(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { line: { type: 'string' }, id: { type: 'string' }, name: { type: 'string' }, ships: { type: 'boolean' }, data: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [action, target, ...rest] = positionals;
  const settings = databaseSettings(values, envOf(io));
  if (action === 'list' && target === undefined) {
    return withDatabase(settings, async ({ db }) => {
      const terminals = await listTerminals(db);
      if (values.json) printJson(io, { terminals });
      else io.stdout.write(terminals.length ? terminals.map((t) => `${t.terminalId}  line ${t.lineId}  ${t.name}${t.ships ? '  ships' : ''}  synced to seq ${t.lastSeq}\n`).join('') : 'No terminals.\n');
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
  if (action === 'ships') return runShips(target, rest, values.json, settings, io);
  if (action !== 'add' || target !== undefined) throw new UsageError('expected "terminal add", "terminal list", "terminal ships <id> on|off" or "terminal remove <id>"');
  if (!values.line) throw new UsageError('--line <id> is required');
  const lineId = checkId('--line', values.line);
  const wanted = values.id === undefined ? undefined : checkId('--id', values.id);

  return withDatabase(settings, async ({ db }) => {
    const input = { lineId, name: values.name, ships: values.ships };
    const issued = wanted !== undefined ? await registerTerminal(db, { id: wanted, ...input }) : await addNewTerminal(db, input);
    if (values.json) {
      printJson(io, { terminalId: issued.terminalId, token: issued.token, ships: issued.ships });
      return EXIT_OK;
    }
    if (!(await getMaster(db, 'line', lineId))) io.stderr.write(`warning: no line ${lineId} in the master data yet\n`);
    io.stdout.write(
      `${issued.rotated ? 'Rotated the token of' : 'Registered'} terminal ${issued.terminalId} (line ${lineId}${issued.ships ? ', ships' : ''}).\n` +
        `Token (shown once, store it in the terminal's configuration):\n${issued.token}\n`,
    );
    return EXIT_OK;
  });
}

/** `takt terminal ships <id> on|off`: the dock feed of a terminal already registered. */
async function runShips(target: string | undefined, rest: string[], json: boolean, settings: DatabaseSettings, io: CliIo): Promise<number> {
  const [state, ...extra] = rest;
  if (target === undefined || (state !== 'on' && state !== 'off') || extra.length > 0) throw new UsageError('expected "terminal ships <id> on" or "terminal ships <id> off"');
  const id = checkId('terminal id', target);
  return withDatabase(settings, async ({ db }) => {
    const set = await setTerminalShips(db, id, state === 'on');
    if (!set) {
      if (json) printJson(io, { terminalId: id, error: { code: 'not-found', message: `no terminal ${id}` } });
      else io.stderr.write(`takt terminal: no terminal ${id} (see takt terminal list)\n`);
      return EXIT_FAILURE;
    }
    if (json) printJson(io, set);
    else io.stdout.write(set.ships ? `Terminal ${id} ships: it receives the closed containers of its plant with its next pull.\n` : `Terminal ${id} no longer ships: it drops the plant's containers with its next pull.\n`);
    return EXIT_OK;
  });
}
