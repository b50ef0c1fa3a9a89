import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import type { WebSession } from './App';

/** Username and password; a locked account and a wrong password are told apart, an unknown user is not. */
export function LoginPage({ onLoggedIn, onToggleLanguage }: { onLoggedIn: (s: WebSession) => void; onToggleLanguage: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api<WebSession>('POST', '/api/v1/web/login', { username, password });
    setBusy(false);
    if (r.ok) return onLoggedIn(r.value);
    setPassword('');
    setError(r.error.code === 'account-locked' ? 'web.login.locked' : r.error.code === 'unauthorized' ? 'web.login.wrong' : 'web.login.failed');
  };

  return (
    <div className="web-app">
      <main className="web-main web-login">
        <form className="web-login-form" onSubmit={(e) => void submit(e)} data-testid="login-form">
          <h1>{t('web.login.title')}</h1>
          <label>
            {t('web.login.username')}
            <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required data-testid="login-username" />
          </label>
          <label>
            {t('web.login.password')}
            <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required data-testid="login-password" />
          </label>
          {error && (
            <p className="web-error" role="alert" data-testid="login-error">
              {t(error)}
            </p>
          )}
          <button type="submit" className="web-btn web-btn-primary" disabled={busy} data-testid="login-submit">
            {t('web.login.submit')}
          </button>
          <button type="button" className="web-btn" onClick={onToggleLanguage}>
            {t('web.otherLanguage')}
          </button>
        </form>
      </main>
    </div>
  );
}
