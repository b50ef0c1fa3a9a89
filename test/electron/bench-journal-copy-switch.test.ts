import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { BENCH_COPY_SWITCH_ENV, benchCopySwitchFor, switchableJournalCopy } from '../../electron/host/bench-journal-copy-switch';
import { journalCopyFile, openJournalCopy } from '../../electron/host/journal-copy';
import type { EventEnvelope } from '../../shared/events';

/**
 * The scan bench's switch for the host copy's durable write must never be
 * within an operator's reach: only a browser host started with the exact
 * environment variable has it, it listens on that process's stdin only, and
 * the kiosk's Electron main process and preload never load its module.
 */

const ROOT = new URL('../..', import.meta.url).pathname;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'takt-bench-switch-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const envelope = (seq: number): EventEnvelope => ({
  id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
  terminalId: 'T-1',
  seq,
  type: 'OperatorLoggedOut',
  occurredAt: '2025-03-01T06:00:00.000Z',
  payload: { reason: 'manual' },
  schemaVersion: 1,
});
/** What another process reading the SQLite file finds (not the wrapper's memory). */
const onDisk = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT seq FROM events ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
  } finally {
    db.close();
  }
};

/** Runtime imports reachable from `entry`, resolved as the compiler resolves them. */
function reachable(entry: string): Set<string> {
  const options: ts.CompilerOptions = { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, resolveJsonModule: true };
  const host = ts.createCompilerHost(options);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || file.includes('/node_modules/')) return;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const stmt of source.statements) {
      const spec = (ts.isImportDeclaration(stmt) && !stmt.importClause?.isTypeOnly) || (ts.isExportDeclaration(stmt) && !stmt.isTypeOnly) ? stmt.moduleSpecifier : undefined;
      if (!spec || !ts.isStringLiteral(spec)) continue;
      const resolved = ts.resolveModuleName(spec.text, file, options, host).resolvedModule?.resolvedFileName;
      if (resolved && !resolved.endsWith('.d.ts')) visit(resolved);
    }
  };
  visit(join(ROOT, entry));
  return new Set([...seen].map((f) => f.slice(ROOT.length)));
}

describe('the scan bench switch for the host journal copy', () => {
  it('holds appends in memory while off and writes them, gap-free, before it answers "on"', () => {
    const file = join(tempDir(), 'copy.sqlite');
    const copy = switchableJournalCopy(openJournalCopy(file, () => undefined));
    expect(copy.append([envelope(1)], { lastSeq: 1 }).head).toBe(1);
    copy.setDurable(false);
    expect(copy.append([envelope(2)], { lastSeq: 2 }).head).toBe(2);
    expect(copy.append([envelope(3)], { lastSeq: 3 }).head).toBe(3);
    // The renderer and a push see the copy's head as answered; the file does not hold it yet.
    expect(copy.head()).toMatchObject({ state: 'ok', head: 3 });
    expect(copy.holdsThrough(3)).toBe(true);
    expect(onDisk(file)).toEqual([1]);
    copy.setDurable(true);
    expect(onDisk(file)).toEqual([1, 2, 3]);
    expect(copy.append([envelope(4)], { lastSeq: 4 }).head).toBe(4);
    expect(onDisk(file)).toEqual([1, 2, 3, 4]);
    expect(copy.side().state).toEqual({ lastSeq: 4 });
    copy.close();
  });

  it('exists only when the environment names it exactly', () => {
    const dir = tempDir();
    for (const value of [undefined, '', '0', 'true', 'yes', ' 1']) {
      expect(benchCopySwitchFor({ [BENCH_COPY_SWITCH_ENV]: value }, dir, 'T-1')).toBeNull();
    }
    const copy = benchCopySwitchFor({ [BENCH_COPY_SWITCH_ENV]: '1' }, dir, 'T-1');
    expect(copy?.durable).toBe(true);
    copy?.close();
    expect(onDisk(journalCopyFile(dir, 'T-1'))).toEqual([]);
  });

  it('is not part of the kiosk: neither Electron main nor the preload loads it, the browser host does', () => {
    const kiosk = new Set([...reachable('electron/main.ts'), ...reachable('electron/preload.ts')]);
    // The walk bites: the kiosk loads the host services and the journal copy the switch wraps.
    expect(kiosk).toContain('electron/host/host-services.ts');
    expect(kiosk).toContain('electron/host/journal-copy.ts');
    expect(kiosk).not.toContain('electron/host/bench-journal-copy-switch.ts');
    expect(kiosk).not.toContain('electron/host/browser-host-main.ts');
    expect(reachable('electron/host/browser-host-main.ts')).toContain('electron/host/bench-journal-copy-switch.ts');
    // Nor the renderer (what an operator touches).
    expect(reachable('renderer/main.tsx')).not.toContain('electron/host/bench-journal-copy-switch.ts');
  });

  it('answers on the browser host process stdin once started with the variable', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'static'));
    writeFileSync(join(dir, 'static', 'index.html'), '<title>Takt</title>');
    const child = spawn(process.execPath, ['bin/takt-browser-host.mjs'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, TAKT_TERMINAL_ID: 'T-bench', TAKT_USER_DATA: join(dir, 'data'), TAKT_STATIC_DIR: join(dir, 'static'), TAKT_HOST_PORT: '0', TAKT_SCANNER_PORT: '', [BENCH_COPY_SWITCH_ENV]: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const lines: Record<string, unknown>[] = [];
    const next = (event: string) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const rl = createInterface({ input: child.stdout });
        rl.on('line', (line) => {
          const value = JSON.parse(line) as Record<string, unknown>;
          lines.push(value);
          if (value.event === event) {
            rl.close();
            resolve(value);
          }
        });
      });
    try {
      await next('ready');
      let answer = next('bench-journal-copy');
      child.stdin.write('journal-copy off\n');
      expect(await answer).toEqual({ event: 'bench-journal-copy', durable: false });
      answer = next('bench-journal-copy');
      child.stdin.write('something else\njournal-copy on\n');
      expect(await answer).toEqual({ event: 'bench-journal-copy', durable: true });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
