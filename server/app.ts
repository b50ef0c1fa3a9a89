import fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { installAuth } from './auth';
import { installAuditLog } from './users/audit';
import { installTerminalContacts } from './fleet/terminal-contacts';
import { registerFleetRoute } from './routes/fleet';
import { registerFlagAckRoute } from './routes/flag-acks';
import type { Database, DatabaseDialect } from './db/schema';
import type { AuthFailureLimitOptions } from './http/auth-failure-limit';
import { installErrorHandling } from './http/errors';
import { DEFAULT_RATE_LIMIT_PER_MIN, installRateLimit, type RateLimitOptions } from './http/rate-limit';
import { registerAuditRoute } from './routes/audit';
import { registerBatchBlockRoutes } from './routes/batch-block';
import { registerEdiRoutes } from './routes/edi';
import { registerErpRoutes } from './routes/erp';
import { registerEventsRoute } from './routes/events';
import { registerQualityRoutes } from './routes/quality';
import { registerTraceRoutes } from './routes/trace';
import { registerTraceScanRoute } from './routes/trace-scan';
import { registerWebPages } from './http/web-pages';
import { registerHealthRoute } from './routes/health';
import { registerMasterRoutes } from './routes/master';
import { registerOeeRoutes } from './routes/oee';
import { registerSyncNotifyRoute } from './routes/sync-notify';
import { registerSyncPullRoute } from './routes/sync-pull';
import { registerSyncPushRoute } from './routes/sync-push';
import { registerSyncStatusRoute } from './routes/sync-status';
import { registerWebMasterRoutes } from './routes/web-master';
import { registerWebSessionRoutes } from './routes/web-session';
import { registerWebLinesRoutes } from './routes/web-lines';
import type { ChangeListen } from './db/change-feed';

/** A push of 2000 events fits easily; more is a broken or hostile client. */
export const BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/** Secrets that must never reach a log line, wherever they appear. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'request.headers.authorization',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  'pin',
  '*.pin',
];

/** The server's logger: JSON lines on stdout, secrets redacted. */
export function createLogger(level = 'info'): FastifyBaseLogger {
  return pino({ level, redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } });
}

export interface BuildServerOptions {
  db: Kysely<Database>;
  dialect: DatabaseDialect;
  /** A pino logger, `true` for a default one (info, redacted), or nothing for silence (tests). */
  logger?: FastifyBaseLogger | boolean | undefined;
  https?: { key: string | Buffer; cert: string | Buffer } | undefined;
  /** Requests per token and window (default: DEFAULT_RATE_LIMIT_PER_MIN per minute). */
  rateLimit?: RateLimitOptions | undefined;
  /** Failed authentications per address and window before 429 (default 30 per minute). */
  authFailureLimit?: AuthFailureLimitOptions | undefined;
  /** See RouteDeps.revisionPollMs. */
  revisionPollMs?: number | undefined;
  /** A terminal not heard from for longer stands out on the terminals page (default 10). */
  silentTerminalMinutes?: number | undefined;
  /** The built web pages (default dist/web of this checkout). */
  webDir?: string | undefined;
  /** PostgreSQL: LISTEN for other instances' writes (TaktDatabase.listen); without it the lines stream polls. */
  listen?: ChangeListen | undefined;
  /** How often the lines stream reads the record's fingerprint when it cannot listen (default 1 s). */
  changePollMs?: number | undefined;
}

/** The HTTP application without listening: tests drive it with `app.inject`. */
export function buildServer(options: BuildServerOptions): FastifyInstance {
  const logging =
    typeof options.logger === 'object' || options.logger === true
      ? { loggerInstance: options.logger === true ? createLogger() : options.logger }
      : { logger: false };
  // The https variant only changes the node server type, which no route sees.
  const app = fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    ...logging,
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;

  installErrorHandling(app);
  installAuth(app, options.db, options.authFailureLimit);
  installAuditLog(app, options.db);
  installTerminalContacts(app, options.db);
  void app.register(async (scope) => {
    await installRateLimit(scope, options.rateLimit ?? { max: DEFAULT_RATE_LIMIT_PER_MIN, timeWindowMs: 60_000 });
    // Routes in a scope registered after the limiter, so its onRoute hook sees every one of them.
    void scope.register(async (api) => {
      const deps = { db: options.db, dialect: options.dialect, revisionPollMs: options.revisionPollMs };
      registerHealthRoute(api, deps);
      registerSyncPushRoute(api, deps);
      registerSyncPullRoute(api, deps);
      registerSyncNotifyRoute(api, deps);
      registerSyncStatusRoute(api, deps);
      registerEventsRoute(api, deps);
      registerMasterRoutes(api, deps);
      registerTraceRoutes(api, deps);
      registerErpRoutes(api, deps);
      registerQualityRoutes(api, deps);
      registerEdiRoutes(api, deps);
      registerOeeRoutes(api, deps);
      registerWebSessionRoutes(api, deps);
      registerAuditRoute(api, deps);
      registerBatchBlockRoutes(api, deps);
      registerTraceScanRoute(api, deps);
      registerFleetRoute(api, deps, options.silentTerminalMinutes);
      registerFlagAckRoute(api, deps);
      registerWebLinesRoutes(api, deps, { listen: options.listen, changePollMs: options.changePollMs });
      registerWebMasterRoutes(api, deps);
      registerWebPages(api, options.webDir);
    });
  });
  return app;
}
