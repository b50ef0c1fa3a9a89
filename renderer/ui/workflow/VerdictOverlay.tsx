import { messageParams } from '../../i18n/params';
import { Icon } from '../icons';
import { useEffect, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { markVerdictPaintedAfterNextPaint } from '../../lib/perf-marks';
import { markScanStage } from '../../lib/scan-stages';
import { beep } from '../sound';
import { useApp } from '../store-context';

/**
 * Full-screen scan verdict: colour + icon + text + sound. OK clears itself
 * after a moment; NOK stays until the operator presses "OK, understood".
 */
export function VerdictOverlay() {
  const { t, i18n } = useTranslation();
  const verdict = useApp((s) => s.workflow.verdict);
  const okMs = useApp((s) => s.workflow.config.okFeedbackMs);
  const acknowledge = useApp((s) => s.acknowledgeVerdict);

  // Scan latency instrumentation (bench/scan.ts): a layout effect runs right after the DOM commit, before the paint.
  const serial = verdict?.serial;
  const tone = verdict?.tone;
  useLayoutEffect(() => {
    if (serial === undefined || tone === undefined) return;
    markScanStage('react-committed');
    return markVerdictPaintedAfterNextPaint({ serial, tone });
  }, [serial, tone]);

  useEffect(() => {
    if (!verdict) return;
    beep(verdict.tone);
    if (verdict.tone !== 'ok') return;
    const timer = setTimeout(acknowledge, okMs);
    return () => clearTimeout(timer);
  }, [verdict, okMs, acknowledge]);

  if (!verdict) return null;
  const ok = verdict.tone === 'ok';
  return (
    <div className={`wf-verdict wf-verdict-${verdict.tone}`} role={ok ? 'status' : 'alertdialog'} aria-labelledby="wf-verdict-label" data-testid="wf-verdict" data-tone={verdict.tone} onClick={ok ? acknowledge : undefined}>
      <Icon name={ok ? 'ok' : 'nok'} className="wf-verdict-icon" />
      <span className="wf-verdict-label" id="wf-verdict-label">{ok ? t('workflow.ok') : t('workflow.nok')}</span>
      <p className="wf-verdict-text" data-testid="wf-verdict-text">
        {t(verdict.key, { ...messageParams(verdict.params, i18n.language), defaultValue: String(verdict.params['message'] ?? verdict.key) })}
      </p>
      {!ok && (
        <button type="button" className="btn wf-verdict-ack" onClick={acknowledge} data-testid="wf-ack" autoFocus>
          <Icon name="ok" />
          {t('workflow.ack')}
        </button>
      )}
    </div>
  );
}
