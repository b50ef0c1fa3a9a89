import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { formatTime } from './format';

interface Flag {
  eventId: string;
  kind: string;
  terminalId: string;
  type: string;
  orderId: string | null;
  materialId: string | null;
  batch: string | null;
  message: string;
  occurredAt: string;
  acknowledged: { by: string; at: string; note: string | null } | null;
}

type Filter = 'open' | 'all';

/** Quality flags raised while the server projected the shop floor's events; filter by kind and state, acknowledge. */
export function FlagsPage({ mayAcknowledge }: { mayAcknowledge: boolean }) {
  const { t, i18n } = useTranslation();
  const [flags, setFlags] = useState<Flag[]>([]);
  const [kind, setKind] = useState('');
  const [filter, setFilter] = useState<Filter>('open');
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    void api<{ flags: Flag[] }>('GET', '/api/v1/quality/flags?limit=1000').then((r) => (r.ok ? setFlags(r.value.flags) : setError(r.error.message)));
  }, []);
  useEffect(load, [load]);

  const acknowledge = async (f: Flag) => {
    const r = await api('POST', '/api/v1/quality/flags/acknowledge', { eventId: f.eventId, kind: f.kind });
    if (!r.ok) setError(r.error.message);
    load();
  };

  const kinds = [...new Set(flags.map((f) => f.kind))].sort();
  const shown = flags.filter((f) => (kind === '' || f.kind === kind) && (filter === 'all' || f.acknowledged === null)).reverse();
  return (
    <section className="web-page">
      <div className="web-search">
        <h1 className="web-title">{t('web.flags.title')}</h1>
        <label className="web-field">
          {t('web.flags.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="flags-kind">
            <option value="">{t('web.flags.allKinds')}</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`web.flags.kinds.${k}`, { defaultValue: k })}
              </option>
            ))}
          </select>
        </label>
        <label className="web-field">
          {t('web.flags.state')}
          <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)} data-testid="flags-filter">
            <option value="open">{t('web.flags.open')}</option>
            <option value="all">{t('web.flags.all')}</option>
          </select>
        </label>
      </div>
      {error && <p className="web-error" role="alert">{error}</p>}
      <div className="web-scroll" tabIndex={0} aria-label={t('web.flags.title')}>
        <table className="web-table" data-testid="flags-table">
          <thead>
            <tr>
              <th>{t('web.audit.at')}</th>
              <th>{t('web.flags.kind')}</th>
              <th>{t('web.fleet.terminal')}</th>
              <th>{t('web.flags.what')}</th>
              <th>{t('web.flags.state')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((f) => (
              <tr key={`${f.eventId}/${f.kind}`} data-testid="flag-row">
                <td>{formatTime(f.occurredAt, i18n.language)}</td>
                <td>{t(`web.flags.kinds.${f.kind}`, { defaultValue: f.kind })}</td>
                <td>{f.terminalId}</td>
                <td>{[f.orderId, f.materialId && f.batch ? `${f.materialId} / ${f.batch}` : null, f.message].filter(Boolean).join(' · ')}</td>
                <td>
                  {f.acknowledged ? (
                    t('web.flags.acknowledgedBy', { by: f.acknowledged.by, time: formatTime(f.acknowledged.at, i18n.language) })
                  ) : mayAcknowledge ? (
                    <button type="button" className="web-btn" onClick={() => void acknowledge(f)} data-testid="flag-ack">
                      {t('web.flags.acknowledge')}
                    </button>
                  ) : (
                    t('web.flags.open')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
