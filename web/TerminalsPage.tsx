import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../renderer/ui/icons';
import { api } from './api';
import { formatTime } from './format';
import type { FleetTerminal } from '../server/fleet/terminal-contacts';

interface Fleet {
  now: string;
  silentAfterMinutes: number;
  terminals: FleetTerminal[];
}

const REFRESH_MS = 15_000;

function minutesSince(iso: string, now: string): number {
  return Math.floor((Date.parse(now) - Date.parse(iso)) / 60_000);
}

/** Every terminal: last contact, version, last event, last refused request; a silent one stands out in red. */
export function TerminalsPage() {
  const { t, i18n } = useTranslation();
  const [fleet, setFleet] = useState<Fleet | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = () => void api<Fleet>('GET', '/api/v1/fleet/terminals').then((r) => (r.ok ? (setFleet(r.value), setError(null)) : setError(r.error.message)));
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const silent = fleet?.terminals.filter((x) => x.silent).length ?? 0;
  return (
    <section className="web-page">
      <h1 className="web-title">
        {t('web.fleet.title')}
        {fleet && (
          <span className={silent > 0 ? 'web-blocked' : 'web-counts'} data-testid="fleet-summary">
            {silent > 0 && <Icon name="warn" />} {t('web.fleet.summary', { count: fleet.terminals.length, silent, minutes: fleet.silentAfterMinutes })}
          </span>
        )}
      </h1>
      {error && <p className="web-error" role="alert">{error}</p>}
      <div className="web-scroll" tabIndex={0} aria-label={t('web.fleet.title')}>
        <table className="web-table" data-testid="fleet-table">
          <thead>
            <tr>
              <th>{t('web.fleet.terminal')}</th>
              <th>{t('web.fleet.line')}</th>
              <th>{t('web.fleet.lastContact')}</th>
              <th>{t('web.fleet.version')}</th>
              <th>{t('web.fleet.lastEvent')}</th>
              <th>{t('web.fleet.lastError')}</th>
            </tr>
          </thead>
          <tbody>
            {(fleet?.terminals ?? []).map((x) => (
              <tr key={x.terminalId} className={x.silent ? 'web-row-silent' : undefined} data-testid="fleet-row" data-terminal={x.terminalId} data-silent={x.silent}>
                <td>
                  <strong>{x.terminalId}</strong> {x.name !== x.terminalId && x.name}
                </td>
                <td>{x.lineId}</td>
                <td>
                  {x.silent && <Icon name="offline" />} {x.lastContactAt ? t('web.fleet.ago', { time: formatTime(x.lastContactAt, i18n.language), count: minutesSince(x.lastContactAt, fleet?.now ?? x.lastContactAt) }) : t('web.fleet.never')}
                  {x.silent && <span className="web-silent-tag"> · {t('web.fleet.silent')}</span>}
                </td>
                <td>{x.appVersion ?? t('web.fleet.unknown')}</td>
                <td>{x.lastSeq > 0 ? t('web.fleet.event', { seq: x.lastSeq, time: formatTime(x.lastEventAt, i18n.language) }) : '–'}</td>
                <td>{x.lastError ? `${formatTime(x.lastErrorAt, i18n.language)} · ${x.lastError}` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="web-hint">{t('web.fleet.pendingHint')}</p>
    </section>
  );
}
