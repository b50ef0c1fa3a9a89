import type { CodedError } from '../../../shared/errors';
import type { SpaceVerdict } from '../../storage/space-guard';
import type { SyncStatus } from '../../sync/sync-status';
import { ERROR_WORDS } from '../../i18n/error-words';
import { formatDuration, formatNumber, formatPercent } from '../../i18n/format';

/** The status screen's figures as pure data: what it shows is computed here and tested without React. */

export interface StatusRow {
  /** i18n key of the label, under statusScreen. */
  key: string;
  value: string;
  tone?: 'good' | 'bad';
  testId: string;
}

const MB = 1024 * 1024;

/** Figures in the operator's language; sequence numbers and the checkpoint are identifiers plant IT compares with logs, shown as they are. */
export function statusRows(sync: SyncStatus, space: SpaceVerdict | null, now: Date, language: string): StatusRow[] {
  const age = (iso: string | undefined) => (iso ? formatDuration(now.getTime() - Date.parse(iso), language) : '–');
  const rows: StatusRow[] = [
    { key: 'server', value: sync.online ? 'reachable' : 'unreachable', tone: sync.online ? 'good' : 'bad', testId: 'st-server' },
    { key: 'pending', value: formatNumber(sync.pending, language), tone: sync.pending > 0 ? 'bad' : 'good', testId: 'st-pending' },
    { key: 'oldestPending', value: sync.pending > 0 ? age(sync.oldestPendingAt) : '–', testId: 'st-oldest' },
    { key: 'headSeq', value: sync.head === undefined ? '–' : String(sync.head), testId: 'st-head' },
    { key: 'ackedSeq', value: sync.ackedSeq === undefined ? '–' : String(sync.ackedSeq), testId: 'st-acked' },
    { key: 'checkpoint', value: sync.checkpoint === undefined || sync.checkpoint === null ? '–' : String(sync.checkpoint), testId: 'st-checkpoint' },
    { key: 'lastSuccess', value: sync.lastSuccessAt ? age(sync.lastSuccessAt) : '–', testId: 'st-last-success' },
    { key: 'nextAttempt', value: sync.nextAttemptAt ? formatDuration(Date.parse(sync.nextAttemptAt) - now.getTime(), language) : '–', testId: 'st-next' },
    { key: 'runsIn', value: sync.runsIn ?? '–', testId: 'st-runs-in' },
  ];
  if (space) {
    const f = space.figures;
    rows.push({
      key: 'storage',
      value: [
        f.hostFreeBytes !== undefined ? `${formatNumber(Math.floor(f.hostFreeBytes / MB), language)} MB` : null,
        f.quotaBytes !== undefined && f.usageBytes !== undefined && f.quotaBytes > 0 ? formatPercent(Math.round((f.usageBytes / f.quotaBytes) * 100), language) : null,
      ]
        .filter(Boolean)
        .join(' · ') || '–',
      tone: space.ok ? 'good' : 'bad',
      testId: 'st-storage',
    });
  }
  return rows;
}

/** Codes the status screen words in its own terms. */
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

/** The sentence for an error the terminal met: the status screen's own for the codes above, the one every code has otherwise (ERROR_WORDS). */
export function errorKey(error: CodedError): string | null {
  if ((EXPLAINED_CODES as readonly string[]).includes(error.code)) return `statusScreen.errors.${error.code}`;
  return ERROR_WORDS[error.code] ?? null;
}
