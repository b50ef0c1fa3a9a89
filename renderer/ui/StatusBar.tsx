import { Icon } from './icons';
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { otherLanguage } from '../i18n';
import { selectLineName, selectOperatorName } from '../state/selectors';
import { useApp } from './store-context';

/** Always visible, one compact row: who is logged in, which line, scanner, host link, sync, and the tool buttons. */
export function StatusBar({ onOpenStatus, children }: { onOpenStatus?: () => void; children?: ReactNode } = {}) {
  const { t, i18n } = useTranslation();
  const operatorName = useApp(selectOperatorName);
  const lineName = useApp(selectLineName);
  const scanner = useApp((s) => s.scanner);
  const hostLink = useApp((s) => s.hostLink);
  const online = useApp((s) => s.sync.online);
  const pending = useApp((s) => s.sync.pending);
  const lastError = useApp((s) => s.sync.lastError);
  const next = otherLanguage(i18n.language);
  // Without the host nothing is known about the scanner or the sync: say so instead of repeating the last state.
  const hostReachable = hostLink === 'connected';
  const scannerShown = hostReachable ? scanner : 'unknown';
  const syncShown = hostReachable ? (online ? 'true' : 'false') : 'unknown';

  return (
    <header className="status-bar">
      <div className="status-item">
        <span className="status-label">{t('status.operator')}</span>
        <span className="status-value" data-testid="operator-name">
          {operatorName ?? t('status.notLoggedIn')}
        </span>
      </div>
      <div className="status-item">
        <span className="status-label">{t('status.line')}</span>
        <span className="status-value" data-testid="line-name">
          {lineName ?? t('status.noLine')}
        </span>
      </div>
      <div className={`status-item state-${scannerShown === 'connected' ? 'good' : 'bad'}`}>
        <span className="status-label">{t('status.scanner')}</span>
        <span className="status-value" data-testid="scanner-state" data-state={scannerShown}>
          <Icon name={scannerShown === 'connected' ? 'connected' : scannerShown === 'unknown' ? 'unknown' : 'disconnected'} />
          {t(`scanner.${scannerShown}`)}
        </span>
      </div>
      <div className={`status-item state-${syncShown === 'true' ? 'good' : 'bad'}`} title={lastError ? `${lastError.code}: ${lastError.message}` : undefined}>
        <span className="status-label">{t('status.sync')}</span>
        <span className="status-value" data-testid="sync-online" data-online={syncShown}>
          <Icon name={syncShown === 'true' ? 'online' : syncShown === 'unknown' ? 'unknown' : 'offline'} />
          {syncShown === 'unknown' ? t('hostLink.unknown') : online ? t('status.online') : t('status.offline')}
        </span>
        <span className="status-value" data-testid="sync-pending-text">
          <Trans i18nKey="status.pending" values={{ count: pending }} components={{ n: <span data-testid="sync-pending" /> }} />
        </span>
      </div>
      {(hostLink === 'disconnected' || hostLink === 'replaced') && (
        <div className="status-item state-bad" role="alert" data-testid="host-link" data-state={hostLink}>
          <Icon name="warn" />
          {t(hostLink === 'replaced' ? 'hostLink.replaced' : 'hostLink.down')}
        </div>
      )}
      <div className="status-tools">{children}</div>
      {onOpenStatus && (
        <button type="button" className="btn btn-secondary" data-testid="open-status" onClick={onOpenStatus}>
          {t('status.openStatus')}
        </button>
      )}
      <button
        type="button"
        className="btn btn-secondary status-language"
        data-testid="language-toggle"
        aria-label={t('status.switchLanguageLabel')}
        onClick={() => void i18n.changeLanguage(next)}
      >
        {t('status.switchLanguage')}
      </button>
    </header>
  );
}
