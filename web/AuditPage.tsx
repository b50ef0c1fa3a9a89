import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { formatTime } from './format';

interface Entry {
  id: string;
  at: string;
  actorKind: string;
  actor: string;
  action: string;
  target: string | null;
  status: number;
  detail: Record<string, unknown> | null;
}

/** The audit log, newest first: who did what, when, and whether it was allowed. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api<{ entries: Entry[] }>('GET', '/api/v1/audit?limit=500').then((r) => (r.ok ? setEntries(r.value.entries) : setError(r.error.message)));
  }, []);

  return (
    <section className="web-page">
      <h1 className="web-title">{t('web.audit.title')}</h1>
      {error && <p className="web-error" role="alert">{error}</p>}
      <div className="web-scroll" tabIndex={0} aria-label={t('web.audit.title')}>
        <table className="web-table" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t('web.audit.at')}</th>
              <th>{t('web.audit.who')}</th>
              <th>{t('web.audit.action')}</th>
              <th>{t('web.audit.target')}</th>
              <th>{t('web.audit.result')}</th>
              <th>{t('web.audit.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {(entries ?? []).map((e) => (
              <tr key={e.id} data-testid="audit-row">
                <td>{formatTime(e.at, i18n.language)}</td>
                <td>{e.actorKind === 'admin-token' ? t('web.audit.token', { name: e.actor }) : e.actor}</td>
                <td>{t(`web.audit.actions.${e.action}`, { defaultValue: e.action })}</td>
                <td>{e.target}</td>
                <td className={e.status < 400 ? 'web-ok' : 'web-nok'}>{e.status < 400 ? t('web.audit.allowed') : t('web.audit.refused', { status: e.status })}</td>
                <td>{typeof e.detail?.reason === 'string' ? e.detail.reason : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
