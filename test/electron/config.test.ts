import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAME, loadTerminalConfig } from '../../electron/host/config';

describe('terminal config', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-config-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const writeConfig = (data: unknown) => writeFile(join(dir, CONFIG_FILE_NAME), typeof data === 'string' ? data : JSON.stringify(data));

  it('uses defaults when only the terminal id is given', async () => {
    const config = await loadTerminalConfig({ userDataDir: dir, env: { TAKT_TERMINAL_ID: 'T-01' } });
    expect(config).toEqual({
      serverUrl: 'http://127.0.0.1:7400',
      terminalId: 'T-01',
      terminalToken: '',
      scannerPort: '',
      scannerBaud: 9600,
      scannerFraming: 'auto',
      language: 'de',
      // No machine connection; its settings keep their defaults until one is configured.
      mqttUrl: '',
      mqttFormat: 'json',
      mqttCounterMetric: 'Counter',
      mqttStateMetric: 'State',
      mqttAlarmMetric: 'Alarm',
      machineBatchSeconds: 60,
      machineGapSeconds: 300,
    });
  });

  it('reads terminal.json', async () => {
    await writeConfig({ serverUrl: 'https://takt.plant.example', terminalId: 'L1-T2', terminalToken: 'secret', scannerPort: '/dev/ttyUSB0', scannerBaud: 115200, scannerFraming: 'CRLF', language: 'en' });
    const config = await loadTerminalConfig({ userDataDir: dir, env: {} });
    expect(config).toMatchObject({ serverUrl: 'https://takt.plant.example', terminalId: 'L1-T2', scannerBaud: 115200, scannerFraming: 'CRLF', language: 'en' });
  });

  it('lets the environment override the file', async () => {
    await writeConfig({ terminalId: 'FILE', scannerPort: '/dev/ttyUSB0', scannerBaud: 9600, language: 'de' });
    const config = await loadTerminalConfig({
      userDataDir: dir,
      env: { TAKT_TERMINAL_ID: 'ENV', TAKT_SCANNER_BAUD: '19200', TAKT_SCANNER_FRAMING: 'LF', TAKT_LANGUAGE: 'en', TAKT_SERVER_URL: 'https://10.0.0.5:7400', TAKT_TERMINAL_TOKEN: 'tok' },
    });
    expect(config).toMatchObject({ terminalId: 'ENV', scannerBaud: 19200, scannerFraming: 'LF', language: 'en', serverUrl: 'https://10.0.0.5:7400', terminalToken: 'tok', scannerPort: '/dev/ttyUSB0' });
  });

  it('treats an empty TAKT_SCANNER_PORT as "no scanner", overriding the file', async () => {
    await writeConfig({ terminalId: 'T', scannerPort: '/dev/ttyUSB0' });
    const config = await loadTerminalConfig({ userDataDir: dir, env: { TAKT_SCANNER_PORT: '' } });
    expect(config.scannerPort).toBe('');
  });

  it('ignores other empty variables', async () => {
    await writeConfig({ terminalId: 'T', language: 'en' });
    const config = await loadTerminalConfig({ userDataDir: dir, env: { TAKT_LANGUAGE: '', TAKT_TERMINAL_ID: '' } });
    expect(config).toMatchObject({ terminalId: 'T', language: 'en' });
  });

  it.each([
    [{ TAKT_TERMINAL_ID: 'T', TAKT_SCANNER_BAUD: 'fast' }, 'scannerBaud', 'TAKT_SCANNER_BAUD'],
    [{ TAKT_TERMINAL_ID: 'T', TAKT_SCANNER_FRAMING: 'ETX' }, 'scannerFraming', 'TAKT_SCANNER_FRAMING'],
    [{ TAKT_TERMINAL_ID: 'T', TAKT_LANGUAGE: 'fr' }, 'language', 'TAKT_LANGUAGE'],
    [{ TAKT_TERMINAL_ID: 'T', TAKT_SERVER_URL: 'ftp://server' }, 'serverUrl', 'TAKT_SERVER_URL'],
    [{ TAKT_TERMINAL_ID: 'has space' }, 'terminalId', 'TAKT_TERMINAL_ID'],
    [{}, 'terminalId', 'TAKT_TERMINAL_ID'],
  ])('invalid %o → config-invalid naming %s', async (env, field, variable) => {
    const err = await loadTerminalConfig({ userDataDir: dir, env }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'config-invalid' });
    expect((err as Error).message).toContain(field);
    expect((err as Error).message).toContain(variable);
  });

  it('names the file when terminal.json holds an invalid value', async () => {
    await writeConfig({ terminalId: 'T', scannerBaud: -1 });
    await expect(loadTerminalConfig({ userDataDir: dir, env: {} })).rejects.toMatchObject({ code: 'config-invalid', message: expect.stringContaining('scannerBaud') });
  });

  it('reports a broken terminal.json as config-invalid', async () => {
    await writeConfig('{ "terminalId": ');
    await expect(loadTerminalConfig({ userDataDir: dir, env: {} })).rejects.toMatchObject({ code: 'config-invalid', message: expect.stringContaining(CONFIG_FILE_NAME) });
    await writeConfig('[1, 2]');
    await expect(loadTerminalConfig({ userDataDir: dir, env: {} })).rejects.toMatchObject({ code: 'config-invalid' });
  });
});
