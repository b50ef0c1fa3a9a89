import { useTranslation } from 'react-i18next';

/** Shown while booting, and when boot failed (with a way to try again). */
export function BootScreen({ error, onRetry }: { error?: string | undefined; onRetry: () => void }) {
  const { t } = useTranslation();
  if (!error) {
    return (
      <main className="screen boot-screen" role="status" data-testid="boot">
        <span className="spinner" aria-hidden="true" />
        <h1 className="screen-title">{t('boot.starting')}</h1>
      </main>
    );
  }
  return (
    <main className="screen boot-screen" role="alert" data-testid="boot-failed">
      <div className="notice notice-nok">
        <span className="notice-icon" aria-hidden="true">
          ✖
        </span>
        <p className="notice-title">{t('boot.failed', { message: error })}</p>
      </div>
      <button type="button" className="btn btn-primary btn-wide" onClick={onRetry}>
        {t('boot.retry')}
      </button>
    </main>
  );
}
