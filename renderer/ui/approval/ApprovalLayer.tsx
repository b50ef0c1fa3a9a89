import { Trans, useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ApprovalFlow, ApprovalSubject } from '../../state/approval/approval-flow';
import { isWaiting } from '../../state/approval/approval-flow';
import { showControlChars } from '../../scan/scan-text';
import { BadgeScanIcon, Icon } from '../icons';
import { useApp } from '../store-context';
import { ApprovalIcon } from './ApprovalIcon';
import './approval.css';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

type Shown = Extract<ApprovalFlow, { step: 'awaiting-badge' | 'awaiting-pin' | 'verifying' | 'awaiting-reason' | 'approved' }>;

/** What is approved, in words and numbers: "Scrap 11 parts · Reason: Blowhole". */
function subjectText(t: TFunction, what: Exclude<ApprovalSubject, { kind: 'jis-override' }>, language: string): string {
  switch (what.kind) {
    case 'scrap':
      return t('approval.what.scrap', { count: what.quantity, reason: language.startsWith('de') ? what.reason.de : what.reason.en });
    case 'jis-skip':
    case 'jis-pull-ahead':
      return t(`approval.what.${what.kind}`, { sequenceNumber: what.sequenceNumber });
    case 'handover':
      return t('approval.what.handover', { name: what.name, order: what.order });
    case 'login':
      return t('approval.what.login', { name: what.name });
    case 'blocked-batch':
      return t('approval.what.blocked-batch', { batch: what.batch, reason: t(`counts.blocked.reason.${what.reason}`, { defaultValue: what.reason }) });
    case 'correction':
      return t('approval.what.correction', { booked: what.booked, correctedTo: what.correctedTo });
    case 'downtime-change':
      return t(`approval.what.downtime-${what.change}`, {
        from: new Date(what.from).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
        reason: language.startsWith('de') ? what.reason.de : what.reason.en,
      });
  }
}

/**
 * The one approval layer, for every screen: the login PIN of a shift lead,
 * scrap above the threshold, a handover to a PIN role, a JIS override or
 * break. While it waits, scans go to it (the approver's badge); it lies over
 * everything else, fully in view, until it is approved or cancelled.
 */
export function ApprovalLayer() {
  const { t } = useTranslation();
  const flow = useApp((s) => s.approvalFlow);
  if (!isWaiting(flow) && flow.step !== 'approved') return null;
  const login = flow.request.what.kind === 'login';
  return (
    <div className="approval-layer" role="dialog" aria-modal="true" aria-labelledby="approval-title" data-testid="approval-layer" data-step={flow.step} data-kind={flow.request.what.kind}>
      <div className="approval-card">
        <div className="approval-info">
          <h2 id="approval-title" className="approval-title">
            <ApprovalIcon size={48} />
            {login && 'approver' in flow ? t('pin.title', { name: flow.approver.name }) : t('approval.request')}
          </h2>
          <p className="approval-what" data-testid="approval-what">
            <Subject what={flow.request.what} />
          </p>
          <StepInfo flow={flow} />
        </div>
        <div className="approval-controls">
          <StepControls flow={flow} />
          {flow.step !== 'approved' && <CancelButton />}
        </div>
      </div>
    </div>
  );
}

/** Part numbers stay whole ("5Q0-857-001-B", never broken at a hyphen). */
function Subject({ what }: { what: ApprovalSubject }) {
  const { t, i18n } = useTranslation();
  if (what.kind !== 'jis-override') return <>{subjectText(t, what, i18n.language)}</>;
  return (
    <Trans
      i18nKey="approval.what.jis-override"
      values={{ built: what.built, expected: what.expected, sequenceNumber: what.sequenceNumber }}
      components={{ code: <span className="approval-code" /> }}
    />
  );
}

function StepInfo({ flow }: { flow: Shown }) {
  const { t } = useTranslation();
  if (flow.step === 'awaiting-badge') {
    return (
      <>
        <p className="approval-prompt" data-testid="approval-badge">
          <BadgeScanIcon size={48} />
          {t('approval.badge')}
        </p>
        {flow.error && (
          <div className="notice notice-nok" role="alert" data-error={flow.error}>
            <span className="notice-icon" aria-hidden="true">
              ✖
            </span>
            <p className="notice-title" data-testid="approval-error">{t(`approval.error.${flow.error}`, { scan: showControlChars(flow.scan ?? ''), minutes: flow.lockedMinutes ?? 1 })}</p>
          </div>
        )}
      </>
    );
  }
  if (flow.step === 'awaiting-reason') {
    return <p className="approval-prompt">{t('approval.reason', { name: flow.approver.name })}</p>;
  }
  if (flow.step === 'approved') {
    return (
      <div className="notice notice-busy" role="status" data-testid="approval-busy">
        <span className="spinner" aria-hidden="true" />
        <p className="notice-title">{t('approval.approved', { name: flow.approver.name })}</p>
      </div>
    );
  }
  const verifying = flow.step === 'verifying';
  return (
    <>
      <p className="approval-prompt">{t('approval.pin', { name: flow.approver.name })}</p>
      <div className="approval-dots" aria-label={t('approval.digits', { count: flow.digits.length })} data-testid="approval-dots">
        {flow.digits.length > 0 ? '●'.repeat(flow.digits.length) : '\u00a0'}
      </div>
      <p className="approval-prompt" data-testid="approval-attempts">
        {t('approval.attemptsLeft', { count: flow.attemptsLeft })}
      </p>
      {flow.step === 'awaiting-pin' && flow.wrong && (
        <div className="notice notice-nok" role="alert" data-testid="approval-wrong">
          <span className="notice-icon" aria-hidden="true">
            ✖
          </span>
          <p className="notice-title">{t('approval.wrong')}</p>
        </div>
      )}
      {verifying && (
        <div className="notice notice-busy" role="status" data-testid="approval-busy">
          <span className="spinner" aria-hidden="true" />
          <p className="notice-title">{t('approval.checking')}</p>
        </div>
      )}
    </>
  );
}

function StepControls({ flow }: { flow: Shown }) {
  const { t } = useTranslation();
  const digit = useApp((s) => s.approvalDigit);
  const backspace = useApp((s) => s.approvalBackspace);
  const submit = useApp((s) => s.approvalSubmit);
  const choose = useApp((s) => s.approvalReason);
  if (flow.step === 'awaiting-badge' || flow.step === 'approved') return null;
  if (flow.step === 'awaiting-reason') {
    const prefix = flow.request.reasonLabels ?? 'approval.reasons';
    return (
      <div className="approval-reasons">
        {(flow.request.reasonCodes ?? []).map((code) => (
          <button key={code} type="button" className="btn btn-primary" onClick={() => void choose(code)} data-testid={`approval-reason-${code}`}>
            {t(`${prefix}.${code}`)}
          </button>
        ))}
      </div>
    );
  }
  const busy = flow.step === 'verifying';
  const key = (d: string) => (
    <button key={d} type="button" className="btn approval-key" disabled={busy} onClick={() => digit(d)} data-testid={`approval-key-${d}`}>
      {d}
    </button>
  );
  return (
    <div className="approval-grid">
      {DIGITS.map(key)}
      <button type="button" className="btn btn-secondary approval-key approval-key-word" disabled={busy} onClick={backspace} data-testid="approval-backspace">
        <Icon name="backspace" />
        <span className="approval-key-label">{t('approval.backspace')}</span>
      </button>
      {key('0')}
      <button
        type="button"
        className="btn btn-primary approval-key approval-key-word"
        disabled={busy || flow.digits.length === 0}
        onClick={() => void submit()}
        data-testid="approval-submit"
      >
        <Icon name="ok" />
        {t('approval.confirm')}
      </button>
    </div>
  );
}

function CancelButton() {
  const { t } = useTranslation();
  const cancel = useApp((s) => s.cancelApproval);
  return (
    <button type="button" className="btn btn-secondary approval-cancel" onClick={() => void cancel()} data-testid="approval-cancel">
      {t('approval.cancel')}
    </button>
  );
}
