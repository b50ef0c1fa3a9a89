import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { runServerCli } from '../../server/cli/index';
import type { SecretInput } from '../../server/cli/io';
import { captureIo } from './support/capture-io';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const TAKT = fileURLToPath(new URL('../../bin/takt.mjs', import.meta.url));

/** A terminal that types `keys` once the prompt has switched echo off. */
function fakeTty(keys: string[]): SecretInput & { rawModes: boolean[] } {
  const emitter = new EventEmitter();
  const rawModes: boolean[] = [];
  const tty = {
    isTTY: true,
    rawModes,
    setRawMode: (raw: boolean) => {
      rawModes.push(raw);
      const next = raw ? keys.shift() : undefined;
      if (next !== undefined) setImmediate(() => emitter.emit('data', Buffer.from(next)));
    },
    on: (event: 'data', listener: (chunk: Buffer | string) => void) => emitter.on(event, listener),
    off: (event: 'data', listener: (chunk: Buffer | string) => void) => emitter.off(event, listener),
    resume: () => undefined,
    pause: () => undefined,
    [Symbol.asyncIterator]: () => Readable.from([])[Symbol.asyncIterator](),
  };
  return tty;
}

describe('takt user', () => {
  let database: TestDatabase;
  const run = async (stdin: SecretInput, ...argv: string[]) => {
    const io = { ...captureIo(database.env), stdin };
    const code = await runServerCli([...argv, '--data', database.dataDir], io);
    return { code, out: io.out(), err: io.err() };
  };
  const login = async (username: string, password: string): Promise<number> => {
    const app = buildServer({ db: database.db, dialect: database.dialect });
    try {
      return (await app.inject({ method: 'POST', url: '/api/v1/web/login', payload: { username, password } })).statusCode;
    } finally {
      await app.close();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('adds a user with the password from stdin, who can then log in', async () => {
    const added = await run(Readable.from(['Sicher-Passwort-1\n']), 'user', 'add', 'Anna.Berg', '--role', 'quality', '--name', 'Anna Berg');
    expect(added).toEqual({ code: 0, out: 'Added user anna.berg (quality).\n', err: '' });
    expect(await login('anna.berg', 'Sicher-Passwort-1')).toBe(200);
    expect(await login('anna.berg', 'Sicher-Passwort-2')).toBe(401);
  });

  it('asks twice with echo off at a terminal, and stores nothing when the two differ', async () => {
    const tty = fakeTty(['Zweimal-gleich-7\r', 'Zweimal-gleich-7\r']);
    const added = await run(tty, 'user', 'add', 'jonas', '--role', 'viewer');
    expect(added.code).toBe(0);
    expect(added.err).toBe('Password for jonas: \nRepeat the password: \n');
    expect(tty.rawModes).toEqual([true, false, true, false]);
    expect(await login('jonas', 'Zweimal-gleich-7')).toBe(200);

    const differ = await run(fakeTty(['eins-eins-eins\r', 'zwei-zwei-zwei\r']), 'user', 'add', 'mara', '--role', 'viewer');
    expect(differ.code).toBe(2);
    expect(differ.err).toContain('the two passwords differ');
    expect((await run(Readable.from([]), 'user', 'list')).out).not.toContain('mara');
  });

  it('refuses a short password, an unknown role, a duplicate and a missing password with clear errors', async () => {
    const short = await run(Readable.from(['kurz\n']), 'user', 'add', 'kai', '--role', 'viewer');
    expect(short).toMatchObject({ code: 1, err: 'takt user: the password must have at least 10 characters\n' });
    const role = await run(Readable.from(['lang-genug-123\n']), 'user', 'add', 'kai', '--role', 'boss');
    expect(role.err).toContain('unknown role "boss" (roles: quality, shift-lead, plant-it, viewer)');
    const duplicate = await run(Readable.from(['lang-genug-123\n']), 'user', 'add', 'anna.berg', '--role', 'viewer');
    expect(duplicate).toMatchObject({ code: 1, err: expect.stringContaining('exists already') });
    const none = await run(Readable.from([]), 'user', 'add', 'kai', '--role', 'viewer');
    expect(none).toMatchObject({ code: 2, err: expect.stringContaining('no password on stdin') });
    const noRole = await run(Readable.from(['lang-genug-123\n']), 'user', 'add', 'kai');
    expect(noRole).toMatchObject({ code: 2, err: expect.stringContaining('--role is required') });
  });

  it('lists users without their hashes and removes one, ending their sessions', async () => {
    const listed = await run(Readable.from([]), 'user', 'list', '--json');
    const users = (JSON.parse(listed.out) as { users: { username: string; role: string }[] }).users;
    expect(users.map((u) => `${u.username}:${u.role}`)).toEqual(['anna.berg:quality', 'jonas:viewer']);
    expect(listed.out).not.toContain('scrypt');

    const app = buildServer({ db: database.db, dialect: database.dialect });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/v1/web/login', payload: { username: 'jonas', password: 'Zweimal-gleich-7' } });
      const cookie = String(res.headers['set-cookie']).split(';')[0] ?? '';
      expect((await app.inject({ method: 'GET', url: '/api/v1/web/session', headers: { cookie } })).statusCode).toBe(200);
      expect(await run(Readable.from([]), 'user', 'remove', 'jonas')).toMatchObject({ code: 0, out: 'Removed user jonas; their sessions have ended.\n' });
      expect((await app.inject({ method: 'GET', url: '/api/v1/web/session', headers: { cookie } })).statusCode).toBe(401);
    } finally {
      await app.close();
    }
    expect(await run(Readable.from([]), 'user', 'remove', 'jonas')).toMatchObject({ code: 1, err: expect.stringContaining('no user jonas') });
  });

  it('reads the password from a pipe in the real command', async () => {
    const child = execFile(process.execPath, [TAKT, 'user', 'add', 'piped', '--role', 'shift-lead', '--data', database.dataDir], {
      env: { ...process.env, ...database.env, TAKT_LOG_LEVEL: 'silent' },
    });
    child.stdin?.end('Aus-der-Pipe-42\n');
    const done = promisify((cb: (err: Error | null, code: number | null) => void) => child.on('exit', (code) => cb(null, code)))();
    expect(await done).toBe(0);
    expect(await login('piped', 'Aus-der-Pipe-42')).toBe(200);
  }, 60_000);
});
