import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runServerCli } from '../../server/cli/index';
import { listSchedules } from '../../server/edi/apply-schedule';
import { startEdiService } from '../../server/edi/service';
import { ediSettings } from '../../server/edi/settings';
import { captureIo } from './support/capture-io';
import { seedCustomer } from './support/edi-customer';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const fixturePath = (name: string) => fileURLToPath(new URL(`../fixtures/edi/${name}`, import.meta.url));

describe('takt edi and the inbox folder', () => {
  let database: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    database = await createTestDatabase();
    await seedCustomer(database.db);
    dir = mkdtempSync(join(tmpdir(), 'takt-edi-'));
  });
  afterEach(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = async (...argv: string[]) => {
    const io = captureIo(database.env);
    const code = await runServerCli([...argv, '--data', database.dataDir], io);
    return { code, out: io.out(), err: io.err() };
  };

  it('parse shows what a message says without applying it', async () => {
    const text = await run('edi', 'parse', fixturePath('deljit-d04b.edi'));
    expect(text.code).toBe(0);
    expect(text.out).toContain('DELJIT  reference DJ000777');
    expect(text.out).toContain('1002  added  WVWZZZ1KZAW000102  5Q0-857-001-B grau');
    const json = await run('edi', 'parse', fixturePath('delfor-d96a.edi'), '--json');
    expect(JSON.parse(json.out)).toMatchObject({ ok: true, value: { format: 'DELFOR' } });
    expect(await listSchedules(database.db)).toEqual([]);
  });

  it('parse exits non-zero naming segment and element of a broken file', async () => {
    const broken = join(dir, 'broken.edi');
    writeFileSync(broken, "UNB+UNOC:3+A+B+250101:0000+R1'UNH+1+DELJIT:D:04B:UN'BGM+30+X+9'SEQ+1+1O'UNT+4+1'UNZ+1+R1'");
    const r = await run('edi', 'parse', broken);
    expect(r.code).toBe(1);
    expect(r.err).toContain('segment 4 (SEQ), element 2.1');
    expect(r.err).toContain('[edi-bad-sequence-number]');
  });

  it('import applies once; the second import is a duplicate', async () => {
    expect((await run('edi', 'import', fixturePath('delfor-d96a.edi'))).out).toContain('DELFOR DF000123: applied');
    expect((await run('edi', 'import', fixturePath('delfor-d96a.edi'))).out).toContain('duplicate');
    expect(await listSchedules(database.db)).toHaveLength(2);
  });

  it('the inbox takes a finished file, applies it and moves it; a bad one goes to rejected with its APERAK', async () => {
    const settings = { ...ediSettings(dir, {}), pollMs: 60_000 };
    const service = startEdiService(database.db, settings);
    try {
      writeFileSync(join(settings.inboxDir, 'delfor.edi'), readFileSync(fixturePath('delfor-d96a.edi')));
      writeFileSync(join(settings.inboxDir, 'bad.edi'), 'garbage');
      await service.tick(); // first sight: size noted, not read while the gateway may still write
      expect(await listSchedules(database.db)).toEqual([]);
      await service.tick();
      expect(await listSchedules(database.db)).toHaveLength(2);
      expect(readdirSync(settings.inboxDir).filter((n) => n.endsWith('.edi'))).toEqual([]);
      expect(readdirSync(join(settings.inboxDir, 'processed'))[0]).toMatch(/-delfor\.edi$/);
      expect(readdirSync(join(settings.inboxDir, 'rejected'))[0]).toMatch(/-bad\.edi$/);
      expect(readdirSync(settings.outboxDir).some((n) => n.startsWith('APERAK-'))).toBe(true);
      expect(existsSync(join(dir, 'edi', 'outbox'))).toBe(true);
    } finally {
      await service.close();
    }
  });
});
