import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './processes';

/**
 * A PostgreSQL cluster of the test's own (initdb + pg_ctl into a temp folder,
 * on a free port, trust auth on 127.0.0.1), so a test can stop and start the
 * database under a running server without touching the machine's service.
 * PostgreSQL refuses to run as root: as root, every command runs as the
 * `postgres` system user (runuser), which owns the folder.
 */
export interface PrivatePostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** `pg_ctl stop -m immediate`: every backend killed at once, recovery on the next start (a crash, as far as clients can tell). */
  crash(): void;
  start(): void;
  /** Stops the cluster and removes its folder. */
  destroy(): void;
}

const BIN_ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin folder (TAKT_PG_BIN overrides); throws with what is missing. */
export function postgresBinDir(env: Record<string, string | undefined> = process.env): string {
  const candidates = env.TAKT_PG_BIN
    ? [env.TAKT_PG_BIN]
    : existsSync(BIN_ROOT)
      ? readdirSync(BIN_ROOT)
          .filter((v) => /^\d+$/.test(v))
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => join(BIN_ROOT, v, 'bin'))
      : [];
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error(
      `PostgreSQL server binaries (initdb, pg_ctl) not found in ${env.TAKT_PG_BIN ?? `${BIN_ROOT}/<version>/bin`}; ` +
        'install the postgresql package (Debian: apt-get install postgresql) or set TAKT_PG_BIN to the folder holding them',
    );
  }
  return found;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'takt-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  const port = await freePort();

  function run(cmd: string, args: string[], asPostgres = true): string {
    const [file, argv] = asPostgres && asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    const r = spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}\n${tail}`);
    }
    return r.stdout;
  }

  if (asRoot) {
    const uid = Number(run('id', ['-u', 'postgres'], false).trim());
    const gid = Number(run('id', ['-g', 'postgres'], false).trim());
    chownSync(dir, uid, gid);
  }
  const pgCtl = join(bin, 'pg_ctl');
  // The socket goes into the test's folder, so nothing collides with the machine's cluster.
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir}`;
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const pg: PrivatePostgres = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crash: () => void run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']),
    start: () => void run(pgCtl, ['-D', data, '-o', serverOptions, '-l', log, '-w', '-t', '30', 'start']),
    destroy() {
      try {
        run(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}
