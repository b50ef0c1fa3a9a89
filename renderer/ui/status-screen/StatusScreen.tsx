import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format';
import { useApp, useSyncControl } from '../store-context';
import { JournalCopyNotice } from './JournalCopyNotice';
import { MachineLinkTile } from './MachineLinkTile';
import { errorKey, statusRows } from './status-view';
import './status-screen.css';

/**
 * For plant IT: the queue (pending, oldest pending, head and acked seq), the
 * pull checkpoint, server reachability, storage, the last errors (in words,
 * with their codes) and a "sync now" button. Refreshes its ages every second.
 */
export function StatusScreen({ onClose, now = () => new Date() }: { onClose: () => void; now?: () => Date }) {
  const { t, i18n } = useTranslation();
  const sync = useApp((s) => s.sync);
  const [tick, setTick] = useState(() => now());
  useEffect(() => {
    const id = setInterval(() => setTick(now()), 1000);
    return () => clearInterval(id);
  }, [now]);
  const control = useSyncControl();
  const rows = statusRows(sync, control?.space() ?? null, tick, i18n.language);
  const errors = sync.lastErrors ?? [];

  return (
    <main className="status-screen" data-testid="status-screen">
      <div className="status-screen-head">
        <h2>{t('statusScreen.title')}</h2>
        <div>
          <button type="button" className="btn btn-primary" data-testid="sync-now" onClick={() => control?.syncNow()} disabled={!control}>
            {t('statusScreen.syncNow')}
          </button>{' '}
          <button type="button" className="btn btn-secondary" data-testid="status-close" onClick={onClose}>
            {t('statusScreen.close')}
          </button>
        </div>
      </div>
      <JournalCopyNotice />
      <MachineLinkTile />
      <dl className="status-table">
        {rows.map((row) => (
          <Fragment key={row.key}>
            <dt>{t(`statusScreen.rows.${row.key}`)}</dt>
            <dd className={row.tone ? `tone-${row.tone}` : undefined} data-testid={row.testId}>
              {row.key === 'server' ? t(`statusScreen.${row.value}`) : row.value}
            </dd>
          </Fragment>
        ))}
      </dl>
      <h3>{t('statusScreen.lastErrors')}</h3>
      {errors.length === 0 ? (
        <p data-testid="st-no-errors">{t('statusScreen.noErrors')}</p>
      ) : (
        <ul className="status-errors" data-testid="st-errors">
          {errors.map((e, i) => {
            const key = errorKey(e);
            return (
              <li key={`${e.at}-${i}`}>
                <div>{key ? t(key) : e.message}</div>
                <div className="code">
                  {formatTime(e.at, i18n.language)} · {e.code}: {e.message}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
