import { useTranslation } from 'react-i18next';
import { BadgeScanIcon, Icon } from './icons';
import { showControlChars } from '../scan/scan-text';
import { useApp } from './store-context';

/** "Scan your badge"; shift leads and other PIN roles continue on the approval layer's PIN pad. */
export function LoginScreen() {
  const { t } = useTranslation();
  const login = useApp((s) => s.login);

  const notice = login.notice;
  return (
    <main className="screen login-screen" data-testid="login-screen">
      <div className="login-badge-icon">
        <BadgeScanIcon />
      </div>
      <h1 className="screen-title">{t('login.title')}</h1>
      <p className="screen-hint">{t('login.hint')}</p>
      {notice?.kind === 'unknown-badge' && (
        <div className="notice notice-nok" role="alert" data-testid="login-notice">
          <Icon name="nok" className="notice-icon" />
          <div>
            <p className="notice-title scan-text" data-testid="unknown-scan">
              {t('login.unknownBadge', { scan: showControlChars(notice.scan) })}
            </p>
            <p>{t('login.unknownBadgeHint')}</p>
          </div>
        </div>
      )}
      {notice?.kind === 'pin-locked' && (
        <div className="notice notice-nok" role="alert" data-testid="login-notice">
          <Icon name="nok" className="notice-icon" />
          <div>
            <p className="notice-title">{t('security.pinLocked', { minutes: notice.minutes })}</p>
            <p>{t('security.pinLockedHint')}</p>
          </div>
        </div>
      )}
      {notice?.kind === 'no-master-data' && (
        <div className="notice notice-nok" role="alert" data-testid="login-notice">
          <Icon name="warn" className="notice-icon" />
          <p className="notice-title">{t('login.noMasterData')}</p>
        </div>
      )}
    </main>
  );
}
