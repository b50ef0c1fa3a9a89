import { parseArgs } from 'node:util';
import { nextTerminalId, registerTerminal } from '../credentials-store';
import { getMaster } from '../master-data-store';
import { checkId, databaseSettings } from './config';
import { EXIT_OK, UsageError, envOf, printJson, type CliIo } from './io';
import { withDatabase } from './with-database';

export const TERMINAL_USAGE = 'takt terminal add --line <id> [--id <id>] [--name N] [--data DIR] [--json]';

/**
 * `takt terminal add`: registers a terminal and prints its token once. With
 * the id of an existing terminal it rotates the token (and moves the terminal
 * to --line), which is also how a lost token is replaced.
 */
export async function runTerminal(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { line: { type: 'string' }, id: { type: 'string' }, name: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals[0] !== 'add' || positionals.length !== 1) throw new UsageError('expected "terminal add"');
  if (!values.line) throw new UsageError('--line <id> is required');
  const lineId = checkId('--line', values.line);
  const wanted = values.id === undefined ? undefined : checkId('--id', values.id);

  return withDatabase(databaseSettings(values, envOf(io)), async ({ db }) => {
    const id = wanted ?? (await nextTerminalId(db, lineId));
    const issued = await registerTerminal(db, { id, lineId, name: values.name });
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
