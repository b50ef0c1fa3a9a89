import { join } from 'node:path';
import { dockRetentionDays } from '../shipping/dock-retention';
import { DEFAULT_GRACE_MS, OUT_FORMATS, type OutFormat } from './outbox';

/** Where the EDI gateway drops files and picks ours up, from TAKT_EDI_* or below the data folder. */
export interface EdiSettings {
  inboxDir: string;
  outboxDir: string;
  jisLineId: string | undefined;
  formats: OutFormat[];
  pollMs: number;
  /** How long a shipment waits for packings not yet synced before it is refused (TAKT_EDI_SHIPMENT_GRACE_MS). */
  graceMs: number;
  /** Days after an accepted shipment that the dock's copies of its containers are retired (TAKT_DOCK_RETENTION_DAYS, default 14). */
  dockRetentionDays: number;
}

export function ediSettings(dataDir: string, env: Record<string, string | undefined>): EdiSettings {
  const formats = (env.TAKT_EDI_OUT_FORMATS ?? OUT_FORMATS.join(','))
    .split(',')
    .map((f) => f.trim())
    .filter((f): f is OutFormat => (OUT_FORMATS as readonly string[]).includes(f));
  const poll = Number(env.TAKT_EDI_POLL_MS);
  const grace = Number(env.TAKT_EDI_SHIPMENT_GRACE_MS);
  return {
    inboxDir: env.TAKT_EDI_INBOX || join(dataDir, 'edi', 'inbox'),
    outboxDir: env.TAKT_EDI_OUTBOX || join(dataDir, 'edi', 'outbox'),
    jisLineId: env.TAKT_EDI_JIS_LINE || undefined,
    formats: formats.length ? formats : [...OUT_FORMATS],
    pollMs: Number.isInteger(poll) && poll >= 100 ? poll : 1000,
    graceMs: env.TAKT_EDI_SHIPMENT_GRACE_MS !== undefined && Number.isInteger(grace) && grace >= 0 ? grace : DEFAULT_GRACE_MS,
    dockRetentionDays: dockRetentionDays(env.TAKT_DOCK_RETENTION_DAYS),
  };
}
