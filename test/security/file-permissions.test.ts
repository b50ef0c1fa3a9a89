import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTerminalConfig } from '../../electron/host/config';
import { registerTerminal } from '../../server/credentials-store';
import { openDatabase, SQLITE_FILE_NAME } from '../../server/db/create-database';
import { migrateToLatest } from '../../server/db/migrate';
import { ensureTerminalConfig } from '../../scripts/demo-terminal-config';

/** Probe: the record, the token hashes and a terminal's token are readable by their own user only. */
describe('file permissions', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'takt-perm-'));
    dirs.push(dir);
    return dir;
  };
  const mode = (path: string) => statSync(path).mode & 0o777;
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the server data folder 0700 and its database files 0600, also when an older install left them open', async () => {
    const dataDir = join(tempDir(), 'server');
    mkdirSync(dataDir, { mode: 0o755 });
    writeFileSync(join(dataDir, SQLITE_FILE_NAME), '');
    chmodSync(join(dataDir, SQLITE_FILE_NAME), 0o644);
    chmodSync(dataDir, 0o755);
    const database = openDatabase({ dataDir });
    try {
      await migrateToLatest(database.db, database.dialect);
      await registerTerminal(database.db, { id: 'T-P', lineId: 'L1' });
      expect(mode(dataDir)).toBe(0o700);
      for (const file of [SQLITE_FILE_NAME, `${SQLITE_FILE_NAME}-wal`, `${SQLITE_FILE_NAME}-shm`]) expect([file, mode(join(dataDir, file))]).toEqual([file, 0o600]);
    } finally {
      await database.close();
    }
  });

  it('creates a fresh data folder 0700', async () => {
    const dataDir = join(tempDir(), 'fresh', 'server');
    await openDatabase({ dataDir }).close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, SQLITE_FILE_NAME))).toBe(0o600);
  });

  it('makes terminal.json 0600 when the host reads it and when the demo rewrites it', async () => {
    const userDataDir = tempDir();
    const file = join(userDataDir, 'terminal.json');
    writeFileSync(file, JSON.stringify({ terminalId: 'T-1', terminalToken: 'takt_t_x' }));
    chmodSync(file, 0o644);
    await loadTerminalConfig({ userDataDir, env: {} });
    expect(mode(file)).toBe(0o600);

    chmodSync(file, 0o664);
    await ensureTerminalConfig(userDataDir, join(tempDir(), 'server'), 'http://127.0.0.1:7400', 'takt_t_seeded');
    expect(mode(file)).toBe(0o600);
  });
});
