import { EXIT_FAILURE, EXIT_USAGE, UsageError, type CliIo } from './io';
import { EDI_USAGE, runEdi } from './edi-command';
import { IMPORT_USAGE, runImport } from './import-command';
import { MIGRATE_USAGE, runMigrate } from './migrate-command';
import { OEE_USAGE, runOee } from './oee-command';
import { SERVER_USAGE, runServer } from './server-command';
import { TERMINAL_USAGE, runTerminal } from './terminal-command';
import { TOKEN_USAGE, runToken } from './token-command';
import { TRACE_USAGE, runTrace } from './trace-command';
import { USER_USAGE, runUser } from './user-command';

/**
 * The server's admin commands (`takt server|migrate|terminal|token|user|import|trace|…`). Each
 * returns an exit code; errors go to stderr as one line, never as a stack.
 */

export type { CliIo } from './io';

const COMMANDS: Record<string, { usage: string; run: (args: string[], io: CliIo) => Promise<number> }> = {
  server: { usage: SERVER_USAGE, run: runServer },
  migrate: { usage: MIGRATE_USAGE, run: runMigrate },
  terminal: { usage: TERMINAL_USAGE, run: runTerminal },
  token: { usage: TOKEN_USAGE, run: runToken },
  user: { usage: USER_USAGE, run: runUser },
  import: { usage: IMPORT_USAGE, run: runImport },
  trace: { usage: TRACE_USAGE, run: runTrace },
  edi: { usage: EDI_USAGE, run: runEdi },
  oee: { usage: OEE_USAGE, run: runOee },
};

export const SERVER_CLI_USAGE = Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
  .join('\n');

/** `argv` starts with the command name, e.g. `['terminal', 'add', '--line', 'L1']`. */
export async function runServerCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr.write(`takt: unknown server command "${name ?? ''}"\nusage:\n${SERVER_CLI_USAGE}\n`);
    return EXIT_USAGE;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`usage: ${command.usage}\n`);
    return 0;
  }
  const json = args.includes('--json');
  try {
    return await command.run(args, io);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const usage = err instanceof UsageError || isParseArgsError(err);
    if (json) io.stderr.write(`${JSON.stringify({ error: { code: usage ? 'usage' : 'failed', message } })}\n`);
    else io.stderr.write(usage ? `takt ${name}: ${message}\nusage: ${command.usage}\n` : `takt ${name}: ${message}\n`);
    return usage ? EXIT_USAGE : EXIT_FAILURE;
  }
}

/** node:util parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes. */
function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
