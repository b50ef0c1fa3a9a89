import { Icon } from '../icons';
import './print-jobs.css';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../store-context';
import { formatNumber } from '../../i18n/format';

/**
 * The way to the print-jobs screen, under the status bar, with a count of
 * labels that need attention. After a restart it shows labels whose outcome
 * is unknown, so nobody has to remember that a label may not have printed.
 * Hidden when nothing waits and nobody is logged in.
 */
export function PrintJobsButton({ onOpen }: { onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const count = useApp((s) => s.printJobs.awaiting.length + s.printJobs.held.length);
  const loggedIn = useApp((s) => s.terminal.operator !== null);
  const refresh = useApp((s) => s.refreshPrintJobs);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  if (count === 0 && !loggedIn) return null;
  const attention = count > 0;
  return (
    <nav className="pj-open-bar" aria-label={t('printJobs.title')}>
      <button
        type="button"
        className={`btn pj-open ${attention ? 'pj-open-attention' : 'btn-secondary'}`}
        aria-label={attention ? t('printJobs.openLabel', { count }) : t('printJobs.open')}
        onClick={onOpen}
        data-testid="open-print-jobs"
        data-count={count}
      >
        <Icon name={attention ? 'warn' : 'print'} />
        {t('printJobs.open')}
        {attention && (
          <span className="pj-badge" data-testid="print-jobs-badge">
            {formatNumber(count, i18n.language)}
          </span>
        )}
      </button>
    </nav>
  );
}
