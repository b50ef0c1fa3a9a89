import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rotatingLogSink, writeRendererRecords } from '../../electron/host/log-file';
import { createLogRegistry } from '../../shared/log';

const record = (message: string) => ({ at: '2026-12-02T10:00:00.000Z', level: 'info' as const, logger: 'test', message });

describe('host log file', () => {
  it('writes JSON lines to logs/host.log with mode 0600', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'takt-log-')), 'logs');
    const sink = rotatingLogSink({ dir });
    sink(record('hello'));
    sink(record('world'));
    const lines = readFileSync(join(dir, 'host.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.message)).toEqual(['hello', 'world']);
    expect(statSync(join(dir, 'host.log')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('rotates by size and keeps only the configured number of old files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'takt-log-'));
    const sink = rotatingLogSink({ dir, maxBytes: 300, keep: 2 });
    for (let i = 0; i < 40; i++) sink(record(`line ${i} ${'x'.repeat(40)}`));
    expect(readdirSync(dir).sort()).toEqual(['host.1.log', 'host.2.log', 'host.log']);
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(300);
    const newest = readFileSync(join(dir, 'host.log'), 'utf8').trim().split('\n').at(-1)!;
    expect(JSON.parse(newest).message).toContain('line 39');
  });

  it("writes the renderer's records under renderer/<name>, with their time, redacted", () => {
    const dir = mkdtempSync(join(tmpdir(), 'takt-log-'));
    const registry = createLogRegistry();
    registry.setSink(rotatingLogSink({ dir }));
    expect(writeRendererRecords(registry, [{ at: '2026-12-01T07:00:00.000Z', level: 'warn', logger: 'sync', message: 'push failed', data: { token: 'abc' } }])).toBe(1);
    const line = JSON.parse(readFileSync(join(dir, 'host.log'), 'utf8'));
    expect(line).toEqual({ at: '2026-12-01T07:00:00.000Z', level: 'warn', logger: 'renderer/sync', message: 'push failed', data: { token: '[redacted]' } });
  });
});
