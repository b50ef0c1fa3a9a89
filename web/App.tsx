import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../renderer/ui/icons';
import { api, setCsrfToken } from './api';
import { AuditPage } from './AuditPage';
import { EdiPage } from './edi/EdiPage';
import { FlagsPage } from './FlagsPage';
import { LinesPage } from './lines/LinesPage';
import { LoginPage } from './LoginPage';
import { MasterPage } from './master/MasterPage';
import { TerminalsPage } from './TerminalsPage';
import { TracePage } from './trace/TracePage';

export interface WebSession {
  user: { username: string; displayName: string; role: string };
  permissions: string[];
  csrfToken: string;
}

type Page = 'trace' | 'lines' | 'flags' | 'terminals' | 'edi' | 'master' | 'audit';

const PAGES: { page: Page; permission: string; icon: 'trace' | 'start' | 'override' | 'connected' | 'truck' | 'menu' | 'badge' }[] = [
  { page: 'trace', permission: 'trace.read', icon: 'trace' },
  { page: 'lines', permission: 'fleet.read', icon: 'start' },
  { page: 'flags', permission: 'flags.read', icon: 'override' },
  { page: 'terminals', permission: 'fleet.read', icon: 'connected' },
  { page: 'edi', permission: 'edi.read', icon: 'truck' },
  { page: 'master', permission: 'master.read', icon: 'menu' },
  { page: 'audit', permission: 'audit.read', icon: 'badge' },
];

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
          {PAGES.filter((p) => may(p.permission)).map((p) => (
            <button key={p.page} type="button" className={`web-tab${page === p.page ? ' active' : ''}`} aria-current={page === p.page} data-testid={`nav-${p.page}`} onClick={() => setPage(p.page)}>
              <Icon name={p.icon} /> {t(`web.nav.${p.page}`)}
            </button>
          ))}
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
      <main className="web-main">
        {page === 'audit' && may('audit.read') && <AuditPage />}
        {page === 'flags' && <FlagsPage mayAcknowledge={may('flags.acknowledge')} />}
        {page === 'lines' && <LinesPage />}
        {page === 'terminals' && <TerminalsPage />}
        {page === 'edi' && may('edi.read') && <EdiPage permissions={session.permissions} />}
        {page === 'master' && <MasterPage permissions={session.permissions} />}
        {page === 'trace' && <TracePage permissions={session.permissions} />}
      </main>
    </div>
  );
}
