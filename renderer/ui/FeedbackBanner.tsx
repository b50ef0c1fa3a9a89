import { messageParams } from '../i18n/params';
import { Icon } from './icons';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from './store-context';
import { beep } from './sound';

/** How long an OK line stays: long enough to read, short enough never to sit on top of the next task. */
export const OK_FEEDBACK_MS = 5_000;

/** OK / NOK feedback: colour AND icon AND text AND sound, never colour alone. OK clears itself; NOK stays until closed. */
export function FeedbackBanner() {
  const { t, i18n } = useTranslation();
  const feedback = useApp((s) => s.feedback);
  const dismiss = useApp((s) => s.dismissFeedback);

  useEffect(() => {
    if (!feedback) return;
    beep(feedback.tone);
    if (feedback.tone !== 'ok') return;
    const timer = setTimeout(dismiss, OK_FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [feedback, dismiss]);

  if (!feedback) return null;
  const ok = feedback.tone === 'ok';
  return (
    <div className={`feedback feedback-${feedback.tone}`} role={ok ? 'status' : 'alert'} data-testid="feedback" data-tone={feedback.tone}>
      <Icon name={ok ? 'ok' : 'nok'} className="feedback-icon" />
      <span className="feedback-label">{ok ? t('feedback.ok') : t('feedback.nok')}</span>
      <span className="feedback-text">{t(feedback.key, messageParams(feedback.params ?? {}, i18n.language))}</span>
      <button type="button" className="btn btn-secondary" onClick={dismiss}>
        {t('feedback.dismiss')}
      </button>
    </div>
  );
}
