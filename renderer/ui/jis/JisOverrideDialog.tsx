import { useTranslation } from 'react-i18next';
import { BREAK_REASONS, OVERRIDE_REASONS } from '../../state/jis-slice';
import { useApp } from '../store-context';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Shift-lead approval: badge scan, PIN, then one reason button; for a wrong part (override) or a break (skip, pull ahead). */
export function JisOverrideDialog() {
  const { t } = useTranslation();
  const flow = useApp((s) => s.jisOverride);
  const jis = useApp((s) => s.jis);
  const busy = useApp((s) => s.jisBusy);
  const cancel = useApp((s) => s.cancelJisOverride);
  const digit = useApp((s) => s.jisOverridePinDigit);
  const backspace = useApp((s) => s.jisOverridePinBackspace);
  const submit = useApp((s) => s.submitJisOverridePin);
  const choose = useApp((s) => s.chooseJisOverrideReason);
  if (!flow || !jis) return null;
  const error = flow.error ? (
    <p className="notice notice-nok" role="alert" data-testid="jis-override-error">
      <span aria-hidden="true">✖ </span>
      {t(`jis.override.error.${flow.error}`, { defaultValue: flow.error })}
    </p>
  ) : null;
  let body;
  if (flow.step === 'badge') {
    body = (
      <p className="screen-hint" data-testid="jis-override-badge">
        <span aria-hidden="true">🪪 </span>
        {t('jis.override.badge')}
      </p>
    );
  } else if (flow.step === 'pin') {
    body = (
      <>
        <p className="screen-hint">{t('jis.override.pin', { name: flow.approver.name })}</p>
        <div className="pin-dots" data-testid="jis-pin-dots">
          {flow.digits.length > 0 ? '●'.repeat(flow.digits.length) : '\u00a0'}
        </div>
        {flow.verifying && (
          <p className="notice notice-busy" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('jis.override.checking')}
          </p>
        )}
        <div className="pin-grid" data-testid="jis-pin-pad">
          {DIGITS.map((d) => (
            <button key={d} type="button" className="btn pin-key" disabled={flow.verifying} onClick={() => digit(d)} data-testid={`jis-pin-${d}`}>
              {d}
            </button>
          ))}
          <button type="button" className="btn btn-secondary pin-key" disabled={flow.verifying} onClick={backspace}>
            <span aria-hidden="true">⌫ </span>
            {t('jis.override.backspace')}
          </button>
          <button type="button" className="btn pin-key" disabled={flow.verifying} onClick={() => digit('0')} data-testid="jis-pin-0">
            0
          </button>
          <button type="button" className="btn btn-primary pin-key" disabled={flow.verifying || flow.digits === ''} onClick={() => void submit()} data-testid="jis-pin-submit">
            <span aria-hidden="true">✔ </span>
            {t('jis.override.confirm')}
          </button>
        </div>
      </>
    );
  } else if (flow.purpose.kind === 'override') {
    body = (
      <>
        <p className="screen-hint">
          {t('jis.override.reason', { scanned: jis.lastMismatch?.scanned ?? '', sequenceNumber: jis.lastMismatch?.sequenceNumber ?? '' })}
        </p>
        <div className="jis-reasons">
          {OVERRIDE_REASONS.map((r) => (
            <button key={r} type="button" className="btn btn-primary" disabled={busy} onClick={() => void choose(r)} data-testid={`jis-reason-${r}`}>
              {t(`jis.override.reasons.${r}`)}
            </button>
          ))}
        </div>
      </>
    );
  } else {
    body = (
      <>
        <p className="screen-hint">{t('jis.break.reason', { sequenceNumber: flow.purpose.sequenceNumber })}</p>
        <div className="jis-reasons">
          {BREAK_REASONS.map((r) => (
            <button key={r} type="button" className="btn btn-primary" disabled={busy} onClick={() => void choose(r)} data-testid={`jis-break-reason-${r}`}>
              {t(`jis.break.reasons.${r}`)}
            </button>
          ))}
        </div>
      </>
    );
  }
  const title =
    flow.purpose.kind === 'override'
      ? t('jis.override.title')
      : t(flow.purpose.kind === 'skip' ? 'jis.break.titleSkip' : 'jis.break.titlePullAhead', { sequenceNumber: flow.purpose.sequenceNumber });
  return (
    <div className="jis-dialog" role="dialog" aria-modal="true" aria-labelledby="jis-override-title" data-testid="jis-override" data-purpose={flow.purpose.kind}>
      <h2 id="jis-override-title">
        <span aria-hidden="true">{flow.purpose.kind === 'override' ? '⚑ ' : '⤼ '}</span>
        {title}
      </h2>
      {body}
      {error}
      <button type="button" className="btn btn-secondary btn-wide" onClick={cancel} data-testid="jis-override-cancel">
        {t('jis.override.cancel')}
      </button>
    </div>
  );
}
