/**
 * `takt <command>`: one entry for the demo launcher, the virtual scanner and
 * the server's admin commands. Each command lives in its own module and is
 * loaded only when asked for, so `takt scan` does not start a database driver.
 */
type Command = (argv: string[]) => Promise<number>;

const io = { stdout: process.stdout, stderr: process.stderr };

/** Commands that print their own usage for --help (the server's admin commands and parse). */
const OWN_HELP = new Set(['parse', 'server', 'migrate', 'terminal', 'token', 'user', 'import', 'trace']);

const COMMANDS: Record<string, { summary: string; run: Command }> = {
  start: {
    summary: 'start the demo: server (SQLite, demo data), terminal host, virtual scanner',
    run: async (argv) => (await import('./start')).runStart(argv),
  },
  scan: {
    summary: 'send a scan to the virtual serial scanner: takt scan "<data>"',
    run: async (argv) => (await import('./scan')).runScan(argv, io),
  },
  parse: {
    summary: 'show what Takt reads in a scan: takt parse "<data>" (or one per line on stdin) [--json]',
    run: async (argv) => (await import('./parse')).runParse(argv, io),
  },
  label: {
    summary: 'label templates [--json] | label render <template> --data <file.json> [--zpl|--png|--svg <out>] | label print …',
    run: async (argv) => (await import('./label-cli')).runLabel(argv, io),
  },
  'printer-sim': {
    summary: 'run the ZPL printer simulator: takt printer-sim [--port 9100] [--dir .takt/labels]',
    run: async (argv) => (await import('./printer-simulator')).runPrinterSim(argv, io),
  },
  server: { summary: 'run the central server', run: (argv) => serverCli(['server', ...argv]) },
  migrate: { summary: 'migrate the server database', run: (argv) => serverCli(['migrate', ...argv]) },
  terminal: { summary: 'terminal add --line <id>: register a terminal, print its token', run: (argv) => serverCli(['terminal', ...argv]) },
  token: { summary: 'token add: create an admin token', run: (argv) => serverCli(['token', ...argv]) },
  user: { summary: 'user add <name> --role R | list | remove <name>: people on the web pages (password from a prompt or stdin)', run: (argv) => serverCli(['user', ...argv]) },
  import: { summary: 'import <kind> <file.csv|json>: master data into the server', run: (argv) => serverCli(['import', ...argv]) },
  trace: { summary: 'trace batch|container|serial …: the recall scope', run: (argv) => serverCli(['trace', ...argv]) },
  oee: { summary: 'oee --line <id> --from <time> --to <time>: OEE per shift, day and order, stop reasons', run: (argv) => serverCli(['oee', ...argv]) },
  'machine-sim': {
    summary: 'machine-sim --broker mqtt://… --line <id> [--seed N] [--speed N]: a machine publishing cycles, stops, a fault and a gap',
    run: async (argv) => (await import('../server/cli/machine-sim-command')).runMachineSim(argv, io),
  },
};

async function serverCli(argv: string[]): Promise<number> {
  const { runServerCli } = await import('../server/cli/index');
  return runServerCli(argv, io);
}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  takt ${name.padEnd(width)}  ${c.summary}`);
  return `usage: takt <command> [options]\n\n${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`takt: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  if ((rest.includes('--help') || rest.includes('-h')) && !OWN_HELP.has(name)) {
    io.stdout.write(`takt ${name}: ${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    io.stderr.write(`takt ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
