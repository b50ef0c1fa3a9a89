import { resolve } from 'node:path';
import { isPostgresUrl } from '../db/create-database';
import { UsageError } from './io';

/** Server settings from flags first, then TAKT_* environment variables, then defaults. */

export const DEFAULT_DATA_DIR = '.takt/server';
export const DEFAULT_PORT = 7400;
export const DEFAULT_HOST = '127.0.0.1';

type Env = Record<string, string | undefined>;

export interface DatabaseSettings {
  dataDir: string;
  databaseUrl: string | undefined;
}

export function databaseSettings(flags: { data?: string | undefined }, env: Env): DatabaseSettings {
  const databaseUrl = env.TAKT_DATABASE_URL || undefined;
  if (databaseUrl && !isPostgresUrl(databaseUrl)) throw new UsageError('TAKT_DATABASE_URL must be a postgres:// or postgresql:// URL');
  return { dataDir: resolve(flags.data ?? (env.TAKT_DATA_DIR || DEFAULT_DATA_DIR)), databaseUrl };
}

export function portSetting(flag: string | undefined, env: Env): number {
  const raw = flag ?? (env.TAKT_PORT || String(DEFAULT_PORT));
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new UsageError(`invalid port: ${raw}`);
  return port;
}

export function hostSetting(flag: string | undefined, env: Env): string {
  return flag ?? (env.TAKT_HOST || DEFAULT_HOST);
}

/** TLS needs both files; one without the other is a mistake worth stopping for. */
export function tlsSetting(env: Env): { certPath: string; keyPath: string } | undefined {
  const certPath = env.TAKT_TLS_CERT || undefined;
  const keyPath = env.TAKT_TLS_KEY || undefined;
  if (!certPath && !keyPath) return undefined;
  if (!certPath || !keyPath) throw new UsageError('set both TAKT_TLS_CERT and TAKT_TLS_KEY, or neither');
  return { certPath: resolve(certPath), keyPath: resolve(keyPath) };
}

/** Ids travel in event envelopes (max 64 characters) and file names; keep them plain. */
export function checkId(what: string, value: string): string {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(value)) throw new UsageError(`${what} must be 1–64 letters, digits, '.', '_' or '-': ${value}`);
  return value;
}
