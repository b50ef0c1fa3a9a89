import type { TerminalConfig } from '../../electron/host/config';
import { MACHINE_CONFIG_DEFAULTS } from '../../electron/host/machine-config';

/** A host's configuration for tests: terminal T-01 of a server nobody runs, no scanner, German, no machine. */
export function testTerminalConfig(overrides: Partial<TerminalConfig> = {}): TerminalConfig {
  return {
    serverUrl: 'http://127.0.0.1:7400',
    terminalId: 'T-01',
    terminalToken: 'tok',
    scannerPort: '',
    scannerBaud: 9600,
    scannerFraming: 'auto',
    language: 'de',
    ...MACHINE_CONFIG_DEFAULTS,
    ...overrides,
  };
}
