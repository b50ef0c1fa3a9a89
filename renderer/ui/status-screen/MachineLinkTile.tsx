import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { machineLink } from '../../machine/machine-link';
import { Icon } from '../icons';

/**
 * The machine connection as a device tile for plant IT: the broker and
 * whether the host is connected to it (or when it retries), signals taken
 * in, payloads refused as malformed or unknown (with the last one's reason),
 * and signals waiting to be journalled. Nothing shows on a terminal without
 * a machine connection.
 */
export function MachineLinkTile() {
  const { t } = useTranslation();
  const status = useStore(machineLink, (s) => s.status);
  if (!status || status.state === 'not-configured') return null;
  const connected = status.state === 'connected';
  const refused = status.malformed + status.unknown;
  return (
    <section className={`machine-link tone-${connected ? 'good' : 'bad'}`} data-testid="machine-link" data-state={status.state} aria-live="polite">
      <div className="machine-link-head">
        <Icon name={connected ? 'connected' : 'disconnected'} size={32} />
        <strong>{t(`machineLink.${status.state}`)}</strong>
        {status.broker ? <span className="machine-link-broker">{status.broker}</span> : null}
        {!connected && status.retryInMs !== undefined ? (
          <span data-testid="machine-link-retry">{t('machineLink.retryIn', { duration: status.retryInMs })}</span>
        ) : null}
      </div>
      <div className="machine-link-counts">
        <span data-testid="machine-received">{t('machineLink.received', { count: status.received })}</span>
        <span data-testid="machine-refused" className={refused > 0 ? 'tone-bad' : undefined}>
          {t('machineLink.refused', { malformed: status.malformed, unknown: status.unknown })}
        </span>
        <span data-testid="machine-pending">{t('machineLink.pending', { count: status.pending })}</span>
      </div>
      {status.lastProblem ? (
        <div className="machine-link-problem" data-testid="machine-last-problem">
          {t('machineLink.lastProblem')}: {status.lastProblem}
        </div>
      ) : null}
    </section>
  );
}
