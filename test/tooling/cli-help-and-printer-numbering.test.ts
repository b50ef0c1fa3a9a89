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

describe('takt <command> --help', () => {
  for (const name of ['trace', 'terminal', 'token', 'import', 'server', 'migrate']) {
    it(`takt ${name} --help prints its usage on stdout and exits 0`, async () => {
      const c = capture();
      const code = await runServerCli([name, '--help'], c.io);
      expect({ code, err: c.err() }).toEqual({ code: 0, err: '' });
      expect(c.out()).toMatch(new RegExp(`^usage: takt ${name} `));
    });
  }

  it('takt --help lines up every summary in one column', async () => {
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      expect(await taktMain(['--help'])).toBe(0);
    } finally {
      process.stdout.write = original;
    }
    const rows = written.join('').split('\n').filter((line) => line.startsWith('  takt '));
    expect(rows.length).toBeGreaterThan(8);
    const columns = new Set(rows.map((row) => /^ {2}takt \S+\s+/.exec(row)![0].length));
    expect([...columns]).toHaveLength(1);
  });
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
