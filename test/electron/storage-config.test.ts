import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostInfo } from '../../shared/bridge';
import { CONFIG_FILE_NAME, loadTerminalConfig } from '../../electron/host/config';
import { createHost } from '../../electron/host/host-services';
import { storageInfo } from '../../electron/host/storage-settings';

/** Space-guard thresholds and the retention age: terminal.json or TAKT_* variables, validated, delivered in host:info. */
describe('storage settings in the terminal config', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-storage-config-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const MB = 1024 * 1024;
  const DAY = 24 * 3600_000;

  it('are absent by default, so host:info carries nothing and the renderer keeps its defaults', async () => {
    const config = await loadTerminalConfig({ userDataDir: dir, env: { TAKT_TERMINAL_ID: 'T-01' } });
    expect(storageInfo(config)).toEqual({});
  });

  it('come from terminal.json, with the environment taking precedence', async () => {
    await writeFile(join(dir, CONFIG_FILE_NAME), JSON.stringify({ terminalId: 'T-01', storageMinFreeMb: 300, storageMaxQuotaPercent: 90, retentionDays: 14 }));
    const config = await loadTerminalConfig({ userDataDir: dir, env: { TAKT_STORAGE_MIN_FREE_MB: '512', TAKT_STORAGE_CHECK_SECONDS: '10', TAKT_RETENTION_DAYS: '7' } });
    expect(config).toMatchObject({ storageMinFreeMb: 512, storageMaxQuotaPercent: 90, storageCheckSeconds: 10, retentionDays: 7 });
    expect(storageInfo(config)).toEqual({ storage: { minFreeBytes: 512 * MB, maxQuotaUse: 0.9, refreshMs: 10_000 }, retentionMaxAgeMs: 7 * DAY });
  });

  it.each([
    ['TAKT_STORAGE_MIN_FREE_MB', '0', /storageMinFreeMb \(from TAKT_STORAGE_MIN_FREE_MB\)/],
    ['TAKT_STORAGE_MIN_FREE_MB', 'lots', /storageMinFreeMb/],
    ['TAKT_STORAGE_MAX_QUOTA_PERCENT', '120', /storageMaxQuotaPercent \(from TAKT_STORAGE_MAX_QUOTA_PERCENT\)/],
    ['TAKT_STORAGE_CHECK_SECONDS', '0.5', /storageCheckSeconds/],
    ['TAKT_RETENTION_DAYS', '0', /retentionDays \(from TAKT_RETENTION_DAYS\)/],
  ])('refuses %s=%s as config-invalid, naming the variable', async (name, value, message) => {
    const loading = loadTerminalConfig({ userDataDir: dir, env: { TAKT_TERMINAL_ID: 'T-01', [name]: value } });
    await expect(loading).rejects.toMatchObject({ code: 'config-invalid', message: expect.stringMatching(message) });
  });

  it('reach the renderer in host:info, valid under the bridge schema', async () => {
    const config = await loadTerminalConfig({ userDataDir: dir, env: { TAKT_TERMINAL_ID: 'T-01', TAKT_STORAGE_MAX_QUOTA_PERCENT: '80', TAKT_RETENTION_DAYS: '2' } });
    const host = createHost({ config, version: '1', transport: 'browser', userDataDir: dir, scanner: null });
    const info = await host.handlers['host:info']({});
    expect(HostInfo.parse(info)).toMatchObject({ storage: { maxQuotaUse: 0.8 }, retentionMaxAgeMs: 2 * DAY });
    expect(info.storage).not.toHaveProperty('minFreeBytes');
  });
});
