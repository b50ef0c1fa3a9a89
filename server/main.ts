import { readFileSync } from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import { buildServer } from './app';
import { openDatabase } from './db/create-database';
import { migrateToLatest } from './db/migrate';
import type { DatabaseDialect } from './db/schema';
import { seedDemoData, type SeedOutcome } from './demo/seed';
import type { AuthFailureLimitOptions } from './http/auth-failure-limit';
import type { RateLimitOptions } from './http/rate-limit';
import { startEdiService } from './edi/service';
import type { EdiSettings } from './edi/settings';

/** Lifecycle of a running server: open, migrate, optionally seed, listen; and the way back. */

export interface StartServerOptions {
  dataDir: string;
  port: number;
  host: string;
  databaseUrl?: string | undefined;
  /** Seed the demo plant if the database is empty. */
  demo?: boolean | undefined;
  tls?: { certPath: string; keyPath: string } | undefined;
  logger?: FastifyBaseLogger | boolean | undefined;
  rateLimit?: RateLimitOptions | undefined;
  authFailureLimit?: AuthFailureLimitOptions | undefined;
  /** See BuildServerOptions.silentTerminalMinutes. */
  silentTerminalMinutes?: number | undefined;
  /** See BuildServerOptions.webDir. */
  webDir?: string | undefined;
  /** Inbox and outbox folders of the EDI gateway; without them no folder is watched. */
  edi?: EdiSettings | undefined;
}

export interface RunningServer {
  url: string;
  dialect: DatabaseDialect;
  /** Where the data lives (file path or password-less URL). */
  location: string;
  /** Present when `demo` was asked for: the tokens exist only in here. */
  demo?: SeedOutcome;
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const https = options.tls ? { cert: readFileSync(options.tls.certPath), key: readFileSync(options.tls.keyPath) } : undefined;
  const database = openDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  try {
    await migrateToLatest(database.db, database.dialect);
    const demo = options.demo ? await seedDemoData(database.db) : undefined;
    const app = buildServer({ db: database.db, dialect: database.dialect, logger: options.logger ?? true, https, rateLimit: options.rateLimit, authFailureLimit: options.authFailureLimit, silentTerminalMinutes: options.silentTerminalMinutes, listen: database.listen, webDir: options.webDir });
    try {
      const url = await app.listen({ port: options.port, host: options.host });
      const edi = options.edi ? startEdiService(database.db, options.edi, app.log) : undefined;
      const close = async (): Promise<void> => {
        await edi?.close();
        await app.close();
        await database.close();
      };
      return { url, dialect: database.dialect, location: database.location, ...(demo ? { demo } : {}), close };
    } catch (err) {
      await app.close();
      throw err;
    }
  } catch (err) {
    await database.close();
    throw err;
  }
}
