import { Icon } from '../icons';
import { useTranslation } from 'react-i18next';
import { useApp } from '../store-context';

/** Full-screen red block after a wrong part: nothing goes on until a big button acknowledges it. */
export function JisMismatchOverlay() {
  const { t } = useTranslation();
  const jis = useApp((s) => s.jis);
  const busy = useApp((s) => s.jisBusy);
  const acknowledge = useApp((s) => s.acknowledgeJisMismatch);
  const startOverride = useApp((s) => s.startJisOverride);
  if (!jis || jis.mode !== 'awaiting-ack' || !jis.lastMismatch) return null;
  const m = jis.lastMismatch;
  return (
    <div className="jis-mismatch" role="alertdialog" aria-modal="true" aria-labelledby="jis-mismatch-title" data-testid="jis-mismatch">
      <Icon name="nok" className="jis-mismatch-icon" />
      <h1 id="jis-mismatch-title">{t('jis.mismatch.title')}</h1>
      <p>{t('jis.mismatch.position', { sequenceNumber: m.sequenceNumber })}</p>
      <p>
        {t('jis.mismatch.expected')}: <strong data-testid="jis-mismatch-expected">{m.expected}</strong>
      </p>
      <p>
        {t('jis.mismatch.scanned')}: <strong data-testid="jis-mismatch-scanned">{m.scanned}</strong>
      </p>
      <p>{t('jis.mismatch.hint')}</p>
      <div className="jis-mismatch-actions">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void acknowledge()} data-testid="jis-mismatch-ack">
          <Icon name="ok" />
          {t('jis.mismatch.ack')}
        </button>
        <button type="button" className="btn btn-secondary jis-btn-big" disabled={busy} onClick={startOverride} data-testid="jis-override-start">
          <Icon name="override" />
          {t('jis.mismatch.override')}
        </button>
      </div>
    </div>
  );
}
