import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../renderer/ui/icons';
import { api, setCsrfToken } from './api';
import { AuditPage } from './AuditPage';
import { LoginPage } from './LoginPage';
import { TracePage } from './trace/TracePage';

export interface WebSession {
  user: { username: string; displayName: string; role: string };
  permissions: string[];
  csrfToken: string;
}

type Page = 'trace' | 'audit';

/** The shell: who is logged in, the pages their role may open, language and logout. */
export function App() {
  const { t, i18n } = useTranslation();
  const [session, setSession] = useState<WebSession | null | undefined>(undefined);
  const [page, setPage] = useState<Page>('trace');

  const adopt = useCallback((s: WebSession | null) => {
    setCsrfToken(s?.csrfToken);
    setSession(s);
  }, []);

  useEffect(() => {
    void api<WebSession>('GET', '/api/v1/web/session').then((r) => adopt(r.ok ? r.value : null));
  }, [adopt]);

  const logout = async () => {
    await api('POST', '/api/v1/web/logout');
    adopt(null);
  };
  const toggleLanguage = () => void i18n.changeLanguage(i18n.language === 'de' ? 'en' : 'de');

  if (session === undefined) return <div className="web-app" />;
  if (session === null) return <LoginPage onLoggedIn={adopt} onToggleLanguage={toggleLanguage} />;
  const may = (p: string) => session.permissions.includes(p);

  return (
    <div className="web-app">
      <header className="web-header">
        <span className="web-brand">Takt</span>
        <nav className="web-nav" aria-label={t('web.nav.label')}>
          <button type="button" className={`web-tab${page === 'trace' ? ' active' : ''}`} aria-current={page === 'trace'} data-testid="nav-trace" onClick={() => setPage('trace')}>
            <Icon name="trace" /> {t('web.nav.trace')}
          </button>
          {may('audit.read') && (
            <button type="button" className={`web-tab${page === 'audit' ? ' active' : ''}`} aria-current={page === 'audit'} data-testid="nav-audit" onClick={() => setPage('audit')}>
              <Icon name="badge" /> {t('web.nav.audit')}
            </button>
          )}
        </nav>
        <span className="web-user" data-testid="web-user">
          {session.user.displayName} · {t(`web.role.${session.user.role}`)}
        </span>
        <button type="button" className="web-btn" onClick={toggleLanguage} data-testid="language">
          {t('web.otherLanguage')}
        </button>
        <button type="button" className="web-btn" onClick={() => void logout()} data-testid="logout">
          <Icon name="power" /> {t('web.logout')}
        </button>
      </header>
      <main className="web-main">{page === 'audit' && may('audit.read') ? <AuditPage /> : <TracePage permissions={session.permissions} />}</main>
    </div>
  );
}
