import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `takt parse`, spawned as a user runs it: arguments, stdin, --json, exit status. */
const BIN = new URL('../../bin/takt.mjs', import.meta.url).pathname;

function takt(args: string[], stdin?: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'parse', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
    child.stdin.end(stdin ?? '');
  });
}

describe('takt parse', () => {
  it('explains accepted and rejected scans given as arguments, exit status 0', async () => {
    const r = await takt([']C10109501101530003172512311012345A', ']C10109501101530004', '--year', '2026']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('accepted   gs1 · gs1-128');
    expect(r.out).toMatch(/\(01\) 09501101530003 +GTIN/);
    expect(r.out).toContain('fields     gtin=09501101530003  expiry=2025-12-31  batch=12345A');
    expect(r.out).toContain('rejected   gs1-check-digit at 18: ');
  });

  it('reads one scan per line from stdin with <GS>/<RS>/<EOT> and \\x1d escapes; --json is one object per line', async () => {
    const stdin = [
      ']d201095060001343521725063010ABC123\\x1d2112345',
      '',
      '[)><RS>06<GS>P4711<GS>Q12<RS><EOT>',
      ']C1<GS><GS>0109501101530003\r',
      'B1001',
    ].join('\n');
    const r = await takt(['--json'], `${stdin}\n`);
    expect(r).toMatchObject({ code: 0, err: '' });
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l['ok'], l['scheme'] ?? (l['error'] as { code: string }).code])).toEqual([
      [true, 'gs1'],
      [true, 'iso15434'],
      [false, 'gs1-syntax'],
      [true, 'plain'],
    ]);
    expect(lines[0]).toMatchObject({ scan: ']d201095060001343521725063010ABC123<GS>2112345', fields: { serial: '12345' } });
    expect(lines[1]).toMatchObject({ elements: [{ id: 'P', value: '4711' }, { id: 'Q', value: '12' }] });
  });

  it('wrong usage is exit status 2', async () => {
    expect((await takt(['--year', 'soon', 'X'])).code).toBe(2);
    expect((await takt(['--bogus'])).code).toBe(2);
  });
});
