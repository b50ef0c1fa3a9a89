import { describe, expect, it } from 'vitest';
import { createLogRegistry, redact, type LogRecord } from '../../shared/log';

const clock = () => new Date('2026-12-02T10:00:00.000Z');

describe('named loggers', () => {
  it('buffers records until a sink exists, then writes them first and in order', () => {
    const registry = createLogRegistry({ clock });
    registry.logger('boot').info('one');
    registry.logger('sync').warn('two', { pending: 3 });
    const seen: LogRecord[] = [];
    registry.setSink((r) => seen.push(r));
    registry.logger('boot').error('three');
    expect(seen).toEqual([
      { at: '2026-12-02T10:00:00.000Z', level: 'info', logger: 'boot', message: 'one' },
      { at: '2026-12-02T10:00:00.000Z', level: 'warn', logger: 'sync', message: 'two', data: { pending: 3 } },
      { at: '2026-12-02T10:00:00.000Z', level: 'error', logger: 'boot', message: 'three' },
    ]);
  });

  it('keeps only the newest records while no sink is attached', () => {
    const registry = createLogRegistry({ clock, bufferSize: 2 });
    for (const m of ['a', 'b', 'c']) registry.logger('x').info(m);
    const seen: string[] = [];
    registry.setSink((r) => seen.push(r.message));
    expect(seen).toEqual(['b', 'c']);
  });

  it('drops records below the level', () => {
    const registry = createLogRegistry({ clock, level: 'warn' });
    const seen: string[] = [];
    registry.setSink((r) => seen.push(r.level));
    const log = registry.logger('x');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    registry.setLevel('debug');
    log.debug('d2');
    expect(seen).toEqual(['warn', 'error', 'debug']);
  });

  it('a sink that throws does not reach the caller', () => {
    const registry = createLogRegistry({ clock });
    registry.setSink(() => {
      throw new Error('disk full');
    });
    expect(() => registry.logger('x').error('still fine')).not.toThrow();
  });

  it('never lets a token, PIN or password through, by field name or inside text', () => {
    expect(redact({ terminalToken: 'abc', pinHash: 'scrypt$…', pin: '246810', nested: { Authorization: 'Bearer xyz', ok: 1 } })).toEqual({
      terminalToken: '[redacted]',
      pinHash: '[redacted]',
      pin: '[redacted]',
      nested: { Authorization: '[redacted]', ok: 1 },
    });
    expect(redact('GET ws://127.0.0.1:7410/bridge?token=s3cr3t&x=1')).toBe('GET ws://127.0.0.1:7410/bridge?token=[redacted]&x=1');
    expect(redact('header Bearer abc.def')).toBe('header Bearer [redacted]');
    const registry = createLogRegistry({ clock });
    const seen: LogRecord[] = [];
    registry.setSink((r) => seen.push(r));
    registry.logger('bridge').warn('connect to ws://h/bridge?token=tok123 failed', new Error('401 for Bearer tok123'));
    expect(JSON.stringify(seen)).not.toContain('tok123');
  });

  it('turns errors into plain data and bounds depth', () => {
    const e = redact(new TypeError('bad')) as { name: string; message: string };
    expect(e).toMatchObject({ name: 'TypeError', message: 'bad' });
    const deep = redact({ a: { b: { c: { d: { e: { f: 1 } } } } } });
    expect(JSON.stringify(deep)).toContain('[…]');
  });

  it('forwards a record made elsewhere with its own time, redacted again', () => {
    const registry = createLogRegistry({ clock });
    const seen: LogRecord[] = [];
    registry.setSink((r) => seen.push(r));
    registry.forward({ at: '2026-12-01T08:00:00.000Z', level: 'warn', logger: 'renderer/sync', message: 'x', data: { token: 't' } });
    expect(seen).toEqual([{ at: '2026-12-01T08:00:00.000Z', level: 'warn', logger: 'renderer/sync', message: 'x', data: { token: '[redacted]' } }]);
  });
});
