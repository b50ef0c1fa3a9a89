import { parseArgs } from 'node:util';
import { createLogger } from '../app';
import { DEMO_TERMINALS } from '../demo/demo-data';
import type { SeedOutcome } from '../demo/seed';
import { authFailureLimitFromEnv } from '../http/auth-failure-limit';
import { silentMinutesFromEnv } from '../routes/fleet';
import { rateLimitFromEnv } from '../http/rate-limit';
import { ediSettings } from '../edi/settings';
import { startServer } from '../main';
import { databaseSettings, hostSetting, portSetting, tlsSetting } from './config';
import { EXIT_OK, envOf, printJson, type CliIo } from './io';

export const SERVER_USAGE = 'takt server [--data DIR] [--port N] [--host H] [--demo] [--json]';

/**
 * `takt server`: runs until SIGINT/SIGTERM (or `io.signal`). With --json it
 * prints one machine-readable line `{ "event": "listening", … }` for scripts
 * and tests. Request logs are pino JSON on stdout (level from TAKT_LOG_LEVEL,
 * default info); the demo tokens, shown only in the run that seeded them, go
 * to stderr, so a log collector on stdout never receives a secret.
 * TAKT_RATE_LIMIT_PER_MIN sets the requests per token and minute,
 * TAKT_AUTH_FAILURES_PER_MIN the wrong tokens per address and minute,
 * TAKT_WEB_DIR where the built web pages are (default dist/web).
 */
export async function runServer(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      demo: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const env = envOf(io);
  const database = databaseSettings(values, env);
  const running = await startServer({
    ...database,
    edi: ediSettings(database.dataDir, env),
    port: portSetting(values.port, env),
    host: hostSetting(values.host, env),
    tls: tlsSetting(env),
    demo: values.demo,
    rateLimit: rateLimitFromEnv(env),
    authFailureLimit: authFailureLimitFromEnv(env),
    silentTerminalMinutes: silentMinutesFromEnv(env),
    webDir: env.TAKT_WEB_DIR || undefined,
    // TAKT_LOG_LEVEL=silent keeps stdout to the lines this command prints.
    logger: createLogger(env.TAKT_LOG_LEVEL || 'info'),
  });

  const demo = running.demo;
  if (values.json) {
    printJson(io, { event: 'listening', url: running.url, database: running.dialect, ...(demo ? { demo: demoSummary(demo) } : {}) });
    if (demo?.seeded) io.stderr.write(`${JSON.stringify({ event: 'demo-tokens', terminalTokens: demo.terminalTokens, adminToken: demo.adminToken })}\n`);
  } else {
    io.stdout.write(`Takt server listening on ${running.url} (${running.dialect}: ${running.location})\n`);
    if (demo) io.stderr.write(describeDemo(demo));
  }

  await untilStopped(io.signal);
  await running.close();
  if (!values.json) io.stdout.write('Takt server stopped\n');
  return EXIT_OK;
}

function demoSummary(demo: SeedOutcome): Record<string, unknown> {
  return demo.seeded ? { seeded: true } : { seeded: false, reason: demo.reason };
}

function describeDemo(demo: SeedOutcome): string {
  if (!demo.seeded) {
    return (
      `Demo data not seeded: ${demo.reason}. Tokens are shown only when seeding; ` +
      `to get a new one: takt terminal add --id ${DEMO_TERMINALS.L1} --line L1\n`
    );
  }
  const lines = Object.entries(demo.terminalTokens).map(([id, token]) => `  terminal ${id}: ${token}\n`);
  return `Demo plant seeded. Tokens (shown once):\n${lines.join('')}  admin: ${demo.adminToken}\n`;
}

function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal) {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
