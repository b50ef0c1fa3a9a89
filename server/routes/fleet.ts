import type { FastifyInstance } from 'fastify';
import { listFleet } from '../fleet/terminal-contacts';
import type { RouteDeps } from './deps';

/** A terminal not heard from for this long stands out on the terminals page (the notify long poll calls every 25 s). */
export const DEFAULT_SILENT_MINUTES = 10;

export function silentMinutesFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.TAKT_SILENT_TERMINAL_MINUTES;
  return raw && /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : DEFAULT_SILENT_MINUTES;
}

/** GET /api/v1/fleet/terminals: every terminal with its last contact, version, last event and last refused request. */
export function registerFleetRoute(app: FastifyInstance, { db }: RouteDeps, silentAfterMinutes = DEFAULT_SILENT_MINUTES): void {
  app.get('/api/v1/fleet/terminals', { config: { auth: 'admin', permission: 'fleet.read' } }, async () => {
    const now = new Date();
    return { now: now.toISOString(), silentAfterMinutes, terminals: await listFleet(db, silentAfterMinutes, now) };
  });
}
