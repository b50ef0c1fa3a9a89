import { Icon } from '../icons';
import { useTranslation } from 'react-i18next';
import { UNPACKED_PLACES } from '../../state/workflow-counts';
import { useApp } from '../store-context';
import './counts.css';

/**
 * The completion's questions, each asked once: the count differs from the
 * bookings (book the difference as a correction?), or good parts are in no
 * container (pack them now, or say where they are).
 */
export function CompletionDialog() {
  const { t } = useTranslation();
  const prompt = useApp((s) => s.workflow.completion);
  const approvalWaiting = useApp((s) => s.approvalFlow.step !== 'idle');
  const busy = useApp((s) => s.workflow.busy);
  const confirm = useApp((s) => s.confirmCount);
  const resolve = useApp((s) => s.resolveUnpacked);
  const cancel = useApp((s) => s.cancelCompletion);
  // While a shift lead confirms the correction, their dialog is the one in view.
  if (!prompt || approvalWaiting) return null;
  return (
    <div className="wf-modal" role="dialog" aria-modal="true" data-testid="wf-completion-dialog" data-step={prompt.step}>
      <h2>{t('counts.completion.title')}</h2>
      {prompt.step === 'confirm-count' ? (
        <>
          <p className="completion-dialog-text" data-testid="wf-completion-text">
            <Icon name="warn" />
            {t('counts.completion.differs', { counted: prompt.counted, booked: prompt.booked, delta: prompt.delta })}
          </p>
          <div className="completion-dialog-choices">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void confirm()} data-testid="wf-completion-correct">
              <Icon name="ok" />
              {t('counts.completion.bookCorrection')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="completion-dialog-text" data-testid="wf-completion-text">
            <Icon name="warn" />
            {t('counts.completion.unpacked', { count: prompt.quantity })}
          </p>
          <div className="completion-dialog-choices">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void resolve('pack')} data-testid="wf-completion-pack">
              <Icon name="open" />
              {t('counts.completion.pack', { count: prompt.quantity })}
            </button>
            {UNPACKED_PLACES.map((place) => (
              <button key={place} type="button" className="btn" disabled={busy} onClick={() => void resolve(place)} data-testid={`wf-completion-place-${place}`}>
                {t(`counts.completion.place.${place}`)}
              </button>
            ))}
          </div>
        </>
      )}
      <button type="button" className="btn btn-secondary" onClick={cancel} data-testid="wf-completion-cancel">
        {t('workflow.cancel')}
      </button>
    </div>
  );
}
