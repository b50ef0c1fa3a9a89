import { Icon } from './icons';
import { useTranslation } from 'react-i18next';

/** Codes the boot screen words for the operator; anything else gets the general sentence. */
const WORDED = new Set(['host-unreachable', 'timeout', 'not-paired']);
/** Failures the terminal recovers from by itself once the host answers again. */
export const RETRIED_BOOT_ERRORS: ReadonlySet<string> = new Set(['host-unreachable', 'timeout']);

/**
 * Shown while booting, and when boot failed: what happened in the operator's
 * language (never the host's English detail), the code for IT, and a way to
 * try again. Failures the terminal retries by itself say so.
 */
export function BootScreen({ errorCode, onRetry }: { errorCode?: string | undefined; onRetry: () => void }) {
  const { t } = useTranslation();
  if (!errorCode) {
    return (
      <main className="screen boot-screen" role="status" data-testid="boot">
        <span className="spinner" aria-hidden="true" />
        <h1 className="screen-title">{t('boot.starting')}</h1>
      </main>
    );
  }
  return (
    <main className="screen boot-screen" role="alert" data-testid="boot-failed" data-code={errorCode}>
      <div className="notice notice-nok">
        <Icon name="nok" className="notice-icon" />
        <p className="notice-title" data-testid="boot-failed-text">
          {t(`bootError.${WORDED.has(errorCode) ? errorCode : 'unknown'}`)}
        </p>
        <p className="notice-detail">{t('bootError.code', { code: errorCode })}</p>
        {RETRIED_BOOT_ERRORS.has(errorCode) && (
          <p className="notice-detail" data-testid="boot-retrying">
            <span className="spinner" aria-hidden="true" /> {t('bootError.retrying')}
          </p>
        )}
      </div>
      <button type="button" className="btn btn-primary btn-wide" onClick={onRetry}>
        {t('boot.retry')}
      </button>
    </main>
  );
}
