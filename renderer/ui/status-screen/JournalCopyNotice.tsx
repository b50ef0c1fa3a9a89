import { DatabaseBackup, ShieldAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { journalNotice } from '../../storage/journal-notice';

/**
 * What boot's reconciliation of the two journal copies did, for plant IT:
 * "journal restored: N bookings" when Chromium had lost its database and the
 * host's copy brought it back, the host copy rebuilt from IndexedDB, or why
 * bookings are refused. Colour, icon and text say the same; nothing shows
 * when both copies simply agreed.
 */
export function JournalCopyNotice() {
  const { t } = useTranslation();
  const report = useStore(journalNotice, (s) => s.report);
  if (!report) return null;
  if (report.error) {
    return (
      <p className="journal-copy-notice tone-bad" role="alert" data-testid="journal-copy-refused" data-outcome={report.outcome}>
        <ShieldAlert aria-hidden size={32} /> <span>{t(`journalCopy.refused.${report.outcome}`)}</span>
      </p>
    );
  }
  if (report.outcome === 'restored') {
    return (
      <p className="journal-copy-notice tone-warn" role="status" data-testid="journal-restored" data-count={report.restored}>
        <DatabaseBackup aria-hidden size={32} /> <span>{t('journalCopy.restored', { count: report.restored })}</span>
      </p>
    );
  }
  if (report.outcome === 'host-filled' && report.filled > 0) {
    return (
      <p className="journal-copy-notice tone-good" role="status" data-testid="journal-copy-filled" data-count={report.filled}>
        <DatabaseBackup aria-hidden size={32} /> <span>{t('journalCopy.hostFilled', { count: report.filled })}</span>
      </p>
    );
  }
  return null;
}
