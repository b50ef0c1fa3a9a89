import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from './store-context';
import { beep } from './sound';

/** OK / NOK feedback: colour AND icon AND text AND sound, never colour alone. */
export function FeedbackBanner() {
  const { t } = useTranslation();
  const feedback = useApp((s) => s.feedback);
  const dismiss = useApp((s) => s.dismissFeedback);

  useEffect(() => {
    if (feedback) beep(feedback.tone);
  }, [feedback]);

  if (!feedback) return null;
  const ok = feedback.tone === 'ok';
  return (
    <div className={`feedback feedback-${feedback.tone}`} role={ok ? 'status' : 'alert'} data-testid="feedback" data-tone={feedback.tone}>
      <span className="feedback-icon" aria-hidden="true">
        {ok ? '✔' : '✖'}
      </span>
      <span className="feedback-label">{ok ? t('feedback.ok') : t('feedback.nok')}</span>
      <span className="feedback-text">{t(feedback.key, feedback.params)}</span>
      <button type="button" className="btn btn-secondary" onClick={dismiss}>
        {t('feedback.dismiss')}
      </button>
    </div>
  );
}
