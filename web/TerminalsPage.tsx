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

const GB = 1e9;

/** What the terminal last reported about itself: pending events, devices, storage; a device not ready is marked. */
function ReportedCells({ terminal, now }: { terminal: FleetTerminal; now: string }) {
  const { t, i18n } = useTranslation();
  const r = terminal.reported;
  if (!r) return <td colSpan={3} className="web-hint">{t('web.fleet.notReported')}</td>;
  const scannerOk = r.scanner === 'connected' || r.scanner === 'not-configured';
  const printerOk = r.printer === 'ready' || r.printer === 'not-configured';
  const number = new Intl.NumberFormat(i18n.language === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 });
  return (
    <>
      <td data-testid="fleet-pending">
        {t('web.fleet.pendingCount', { count: r.pending })}
        {r.oldestPendingAt && <div>{t('web.fleet.oldest', { time: formatTime(r.oldestPendingAt, i18n.language), count: Math.max(0, minutesSince(r.oldestPendingAt, now)) })}</div>}
      </td>
      <td data-testid="fleet-devices">
        <div className={scannerOk ? undefined : 'web-nok'}>
          <Icon name={scannerOk ? 'ok' : 'nok'} /> {t(`web.fleet.scanner.${r.scanner}`)}
        </div>
        <div className={printerOk ? undefined : 'web-nok'}>
          <Icon name={printerOk ? 'ok' : 'nok'} /> {t(`web.fleet.printer.${r.printer}`)}
        </div>
      </td>
      <td data-testid="fleet-storage">
        {r.storageFreeBytes === null ? t('web.fleet.unknown') : t('web.fleet.gigabytes', { value: number.format(r.storageFreeBytes / GB) })}
        <div className="web-hint">{t('web.fleet.reportedAt', { time: formatTime(r.reportedAt, i18n.language) })}</div>
      </td>
    </>
  );
}

/** Every terminal: last contact, version, what it reported (pending, devices, storage), last event, last error; a silent one stands out in red. */
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
              <th>{t('web.fleet.pending')}</th>
              <th>{t('web.fleet.devices')}</th>
              <th>{t('web.fleet.storage')}</th>
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
                <ReportedCells terminal={x} now={fleet?.now ?? new Date().toISOString()} />
                <td>{x.lastSeq > 0 ? t('web.fleet.event', { seq: x.lastSeq, time: formatTime(x.lastEventAt, i18n.language) }) : '–'}</td>
                <td>
                  {x.lastError ? `${formatTime(x.lastErrorAt, i18n.language)} · ${x.lastError}` : !x.reported?.lastError && '–'}
                  {x.reported?.lastError && <div data-testid="fleet-sync-error">{`${formatTime(x.reported.lastError.at, i18n.language)} · ${t('web.fleet.syncError', { message: x.reported.lastError.message })}`}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
