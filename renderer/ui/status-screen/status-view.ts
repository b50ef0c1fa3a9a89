import type { CodedError } from '../../../shared/errors';
import type { SpaceVerdict } from '../../storage/space-guard';
import type { SyncStatus } from '../../sync/sync-status';

/** The status screen's figures as pure data: what it shows is computed here and tested without React. */

export interface StatusRow {
  /** i18n key of the label, under statusScreen. */
  key: string;
  value: string;
  tone?: 'good' | 'bad';
  testId: string;
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h": the same units in German and English. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

const MB = 1024 * 1024;

export function statusRows(sync: SyncStatus, space: SpaceVerdict | null, now: Date): StatusRow[] {
  const age = (iso: string | undefined) => (iso ? formatDuration(now.getTime() - Date.parse(iso)) : '–');
  const rows: StatusRow[] = [
    { key: 'server', value: sync.online ? 'reachable' : 'unreachable', tone: sync.online ? 'good' : 'bad', testId: 'st-server' },
    { key: 'pending', value: String(sync.pending), tone: sync.pending > 0 ? 'bad' : 'good', testId: 'st-pending' },
    { key: 'oldestPending', value: sync.pending > 0 ? age(sync.oldestPendingAt) : '–', testId: 'st-oldest' },
    { key: 'headSeq', value: sync.head === undefined ? '–' : String(sync.head), testId: 'st-head' },
    { key: 'ackedSeq', value: sync.ackedSeq === undefined ? '–' : String(sync.ackedSeq), testId: 'st-acked' },
    { key: 'checkpoint', value: sync.checkpoint === undefined || sync.checkpoint === null ? '–' : String(sync.checkpoint), testId: 'st-checkpoint' },
    { key: 'lastSuccess', value: sync.lastSuccessAt ? age(sync.lastSuccessAt) : '–', testId: 'st-last-success' },
    { key: 'nextAttempt', value: sync.nextAttemptAt ? formatDuration(Date.parse(sync.nextAttemptAt) - now.getTime()) : '–', testId: 'st-next' },
    { key: 'runsIn', value: sync.runsIn ?? '–', testId: 'st-runs-in' },
  ];
  if (space) {
    const f = space.figures;
    rows.push({
      key: 'storage',
      value: [
        f.hostFreeBytes !== undefined ? `${Math.floor(f.hostFreeBytes / MB)} MB` : null,
        f.quotaBytes !== undefined && f.usageBytes !== undefined && f.quotaBytes > 0 ? `${Math.round((f.usageBytes / f.quotaBytes) * 100)} %` : null,
      ]
        .filter(Boolean)
        .join(' · ') || '–',
      tone: space.ok ? 'good' : 'bad',
      testId: 'st-storage',
    });
  }
  return rows;
}

/** Known codes get a sentence in the operator's language; others show the raw message. */
export const EXPLAINED_CODES = [
  'server-unreachable',
  'timeout',
  'unauthorized',
  'forbidden',
  'server-error',
  'server-rejected',
  'host-unreachable',
  'sync-stalled',
  'rate-limited',
  'storage-low',
  'cache-write-failed',
  'database-unavailable',
] as const;

export function errorKey(error: CodedError): string | null {
  return (EXPLAINED_CODES as readonly string[]).includes(error.code) ? `statusScreen.errors.${error.code}` : null;
}
