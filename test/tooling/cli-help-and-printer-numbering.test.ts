import { connect } from 'node:net';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runServerCli } from '../../server/cli/index';
import { main as taktMain } from '../../scripts/cli';
import { startPrinterSimulator } from '../../scripts/printer-simulator';

/** The command line's own help, and a printer simulator that never overwrites a label printed by an earlier run. */

function capture() {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
    out: () => out,
    err: () => err,
  };
}

async function printOne(port: number, text: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(`^XA^FO10,10^FD${text}^FS^XZ`));
    socket.once('close', () => resolve());
    socket.once('error', reject);
  });
}

/** Runs `takt …` in-process and collects what it writes to stdout and stderr. */
async function runTakt(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const originalOut = process.stdout.write.bind(process.stdout);
  const originalErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((err += String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { code: await taktMain(argv), out, err };
  } finally {
    process.stdout.write = originalOut;
    process.stderr.write = originalErr;
  }
}

describe('takt <command> --help', () => {
  it('takt --help lines up every summary in one column', async () => {
    const { code, out } = await runTakt(['--help']);
    expect(code).toBe(0);
    const rows = out.split('\n').filter((line) => line.startsWith('  takt '));
    expect(rows.length).toBeGreaterThan(8);
    const columns = new Set(rows.map((row) => /^ {2}takt \S+\s+/.exec(row)![0].length));
    expect([...columns]).toHaveLength(1);
  });

  it('every command that takt --help lists answers --help and -h with its usage on stdout, exit 0, and runs nothing', async () => {
    const listed = (await runTakt(['--help'])).out
      .split('\n')
      .map((line) => /^ {2}takt (\S+)/.exec(line)?.[1])
      .filter((name): name is string => !!name);
    expect(listed).toEqual(expect.arrayContaining(['start', 'scan', 'parse', 'label', 'printer-sim', 'server', 'trace', 'import']));
    for (const name of listed) {
      for (const flag of ['--help', '-h']) {
        const result = await runTakt([name, flag]);
        expect({ name, flag, code: result.code, err: result.err }).toEqual({ name, flag, code: 0, err: '' });
        expect(result.out, `takt ${name} ${flag}`).toMatch(new RegExp(`takt ${name}\\b`));
      }
    }
  });

  for (const name of ['trace', 'terminal', 'token', 'import', 'server', 'migrate']) {
    it(`takt ${name} --help prints the server command's own usage`, async () => {
      const c = capture();
      const code = await runServerCli([name, '--help'], c.io);
      expect({ code, err: c.err() }).toEqual({ code: 0, err: '' });
      expect(c.out()).toMatch(new RegExp(`^usage: takt ${name} `));
    });
  }
});

describe('printer simulator numbering', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-sim-numbering-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('continues after the highest label already in the folder instead of overwriting it', async () => {
    await writeFile(join(dir, 'label-0001.zpl'), 'first run, label 1');
    await writeFile(join(dir, 'label-0007.zpl'), 'first run, label 7');
    const sim = await startPrinterSimulator({ port: 0, dir, png: false });
    try {
      await printOne(sim.port, 'SECOND-RUN');
      await expect.poll(() => sim.labels.length).toBe(1);
      await sim.idle();
    } finally {
      await sim.close();
    }
    expect(sim.labels[0]!.index).toBe(8);
    expect(await readFile(join(dir, 'label-0001.zpl'), 'utf8')).toBe('first run, label 1');
    expect(await readFile(join(dir, 'label-0007.zpl'), 'utf8')).toBe('first run, label 7');
    expect(await readFile(join(dir, 'label-0008.zpl'), 'utf8')).toContain('SECOND-RUN');
    expect((await readdir(dir)).sort()).toEqual(['label-0001.zpl', 'label-0007.zpl', 'label-0008.zpl']);
  });
});
