import { chmod, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { HostError } from './coded-error';
import { MACHINE_CONFIG_ENV, MACHINE_CONFIG_FIELDS, machineConfigProblem } from './machine-config';

/**
 * Terminal configuration: `terminal.json` in the user-data folder, with
 * environment variables taking precedence (so a kiosk image can be provisioned
 * without writing files, and tests can run without a folder at all).
 */

export const CONFIG_FILE_NAME = 'terminal.json';
/** Suffix framings, or `timeout`: a pause of TAKT_SCANNER_GAP_MS between bytes ends a scan. */
export const FRAMINGS = ['CR', 'LF', 'CRLF', 'auto', 'timeout'] as const;
export type Framing = (typeof FRAMINGS)[number];

export const TerminalConfig = z.object({
  serverUrl: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:7400'),
  // Matches the event envelope's terminalId limits, so every pushed event is valid.
  terminalId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ".", "_" or "-", 1 to 64 characters'),
  /** Empty = not provisioned yet; sync calls then fail with `unauthorized` without touching the network. */
  terminalToken: z.string().default(''),
  /** Empty = no serial scanner. */
  scannerPort: z.string().default(''),
  scannerBaud: z.coerce.number().int().min(300).max(4_000_000).default(9600),
  scannerFraming: z.enum(FRAMINGS).default('auto'),
  /** `timeout` framing: the inter-byte gap that ends a scan; absent = the scanner's default (50 ms). */
  scannerGapMs: z.coerce.number().int().min(5).max(2000).optional(),
  /** Keyboard wedge: largest gap between the keys of one scan; absent = the renderer's default (50 ms). */
  wedgeGapMs: z.coerce.number().int().min(5).max(1000).optional(),
  language: z.enum(['de', 'en']).default('de'),
  /** Absent or empty = no label printer; else `tcp://host:9100` or a serial device path. */
  printer: z.string().optional(),
  /** Serial printers only; 9600 when absent. */
  printerBaud: z.coerce.number().int().min(300).max(4_000_000).optional(),
  /** Space guard: refuse bookings below this much free disk (MB); absent = the renderer's default (200). */
  storageMinFreeMb: z.coerce.number().int().min(1).max(10_000_000).optional(),
  /** Space guard: refuse bookings above this share of the browser quota (percent); absent = 95. */
  storageMaxQuotaPercent: z.coerce.number().min(1).max(100).optional(),
  /** Space guard: how often the figures are refreshed (seconds); absent = 30. */
  storageCheckSeconds: z.coerce.number().int().min(1).max(3600).optional(),
  /** Retention: synced events older than this many days are pruned; absent = 30. */
  retentionDays: z.coerce.number().min(1).max(3650).optional(),
  ...MACHINE_CONFIG_FIELDS,
});
export type TerminalConfig = z.infer<typeof TerminalConfig>;

type Field = keyof TerminalConfig;

/** Which variable overrides which field. */
export const CONFIG_ENV: Record<Field, string> = {
  serverUrl: 'TAKT_SERVER_URL',
  terminalId: 'TAKT_TERMINAL_ID',
  terminalToken: 'TAKT_TERMINAL_TOKEN',
  scannerPort: 'TAKT_SCANNER_PORT',
  scannerBaud: 'TAKT_SCANNER_BAUD',
  scannerFraming: 'TAKT_SCANNER_FRAMING',
  scannerGapMs: 'TAKT_SCANNER_GAP_MS',
  wedgeGapMs: 'TAKT_WEDGE_GAP_MS',
  language: 'TAKT_LANGUAGE',
  printer: 'TAKT_PRINTER',
  printerBaud: 'TAKT_PRINTER_BAUD',
  storageMinFreeMb: 'TAKT_STORAGE_MIN_FREE_MB',
  storageMaxQuotaPercent: 'TAKT_STORAGE_MAX_QUOTA_PERCENT',
  storageCheckSeconds: 'TAKT_STORAGE_CHECK_SECONDS',
  retentionDays: 'TAKT_RETENTION_DAYS',
  ...MACHINE_CONFIG_ENV,
};

/** Fields where an empty variable is a value ("no scanner"), not "unset". */
const EMPTY_IS_A_VALUE: ReadonlySet<Field> = new Set(['scannerPort', 'printer', 'mqttUrl']);

export interface LoadConfigOptions {
  userDataDir: string;
  env: Record<string, string | undefined>;
}

export async function loadTerminalConfig({ userDataDir, env }: LoadConfigOptions): Promise<TerminalConfig> {
  const file = join(userDataDir, CONFIG_FILE_NAME);
  const fromFile = await readConfigFile(file);
  await keepPrivate(file);
  const merged: Record<string, unknown> = { ...fromFile };
  for (const [field, name] of Object.entries(CONFIG_ENV) as [Field, string][]) {
    const value = env[name];
    if (value === undefined) continue;
    if (value === '' && !EMPTY_IS_A_VALUE.has(field)) continue;
    merged[field] = value;
  }
  const parsed = TerminalConfig.safeParse(merged);
  const machineProblem = parsed.success ? machineConfigProblem(parsed.data) : null;
  if (parsed.success && !machineProblem) {
    requireTlsOffLoopback(parsed.data.serverUrl, env, file);
    return parsed.data;
  }
  const issue = parsed.success ? { path: [machineProblem!.field], message: machineProblem!.message } : parsed.error.issues[0];
  const field = String(issue?.path[0] ?? 'config') as Field;
  const envName = CONFIG_ENV[field];
  const source = envName && env[envName] ? `from ${envName}` : envName ? `from ${file} or ${envName}` : `from ${file}`;
  throw new HostError('config-invalid', `Terminal config: ${field} (${source}): ${issue?.message ?? 'invalid'}`);
}

/**
 * The terminal's token and every booking cross the network to the server:
 * in clear text only on this machine (loopback), or where plant IT says so
 * with TAKT_ALLOW_HTTP=1 (say, a lab network); otherwise https.
 */
export function requireTlsOffLoopback(serverUrl: string, env: Record<string, string | undefined>, file = CONFIG_FILE_NAME): void {
  const url = new URL(serverUrl);
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname) || env.TAKT_ALLOW_HTTP === '1') return;
  throw new HostError(
    'config-invalid',
    `Terminal config: serverUrl (from ${file} or TAKT_SERVER_URL): ${serverUrl} is plain http to another machine; use https, or set TAKT_ALLOW_HTTP=1 where clear text is acceptable`,
  );
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** terminal.json holds the terminal's token: readable by its own user only (0600), whoever wrote it. */
async function keepPrivate(file: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new HostError('config-invalid', `Terminal config: cannot restrict ${file} to its owner: ${(err as Error).message}`);
  }
}

async function readConfigFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new HostError('config-invalid', `Terminal config: cannot read ${file}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new HostError('config-invalid', `Terminal config: ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new HostError('config-invalid', `Terminal config: ${file} must hold a JSON object`);
  }
  return data as Record<string, unknown>;
}
