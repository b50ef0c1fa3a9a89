import { Icon } from '../icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rankScrapReasons } from '../../../shared/production';
import { shiftLeadWords } from '../counts/shift-lead-words';
import { useApp } from '../store-context';
import { NumericPad } from './NumericPad';

/** Scrap booking for touch: grouped reasons (most used first), quantity, comment; shift-lead approval above the threshold. */
export function ScrapPanel({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const reasons = useApp((s) => s.workflow.master.scrapReasons);
  const use = useApp((s) => s.workflow.production.scrapReasonUse);
  const busy = useApp((s) => s.workflow.busy);
  const lastScrapId = useApp((s) => s.workflow.lastScrapId);
  const book = useApp((s) => s.wfBookScrap);
  const undo = useApp((s) => s.wfUndoScrap);
  const serial = useApp((s) => s.workflow.scrapSerial);
  const setScrapping = useApp((s) => s.wfSetScrapping);
  const groups = useMemo(() => rankScrapReasons(reasons, use), [reasons, use]);
  const [reasonId, setReasonId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [comment, setComment] = useState('');
  const lang = i18n.language === 'de' ? 'de' : 'en';

  useEffect(() => {
    setScrapping(true);
    return () => setScrapping(false);
  }, [setScrapping]);

  const submit = async () => {
    if (!reasonId) return;
    await book({
      reasonId,
      quantity: serial ? 1 : Number(quantity),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(serial ? { serial } : {}),
    });
    setReasonId(null);
    setQuantity('1');
    setComment('');
  };

  return (
    <section className="wf-modal wf-scrap" role="dialog" aria-modal="true" aria-labelledby="wf-scrap-title" data-testid="wf-scrap-panel">
      <h2 id="wf-scrap-title">{t('workflow.scrapPanel.title')}</h2>
      <div className="wf-scrap-body">
        <div className="wf-scrap-reasons">
          {groups.length === 0 && <p>{t('workflow.scrapPanel.noReasons')}</p>}
          {groups.map((g) => (
            <fieldset key={g.group} className="wf-reason-group" data-testid={`scrap-group-${g.group}`}>
              <legend>{t(`workflow.scrapGroup.${g.group}`, { defaultValue: g.group })}</legend>
              <div className="wf-choice-grid">
                {g.reasons.map((r) => (
                  <button
                    key={r.id}
                    type="button"
                    className={`btn${reasonId === r.id ? ' btn-primary' : ''}`}
                    aria-pressed={reasonId === r.id}
                    onClick={() => setReasonId(r.id)}
                    data-testid={`scrap-reason-${r.code}`}
                  >
                    {r.label[lang]}
                  </button>
                ))}
              </div>
            </fieldset>
          ))}
          <label className="wf-field">
            {t('workflow.scrapPanel.comment')}
            <input className="wf-input" value={comment} onChange={(e) => setComment(e.target.value)} data-testid="scrap-comment" />
          </label>
          <p className="screen-hint" data-testid="scrap-serial">
            <Icon name="scan" />
            {serial ? t('workflow.scrapPanel.serial', { serial }) : t('workflow.scrapPanel.serialHint')}
          </p>
        </div>
        <div className="wf-scrap-quantity">
          <h3>{t('workflow.scrapPanel.quantity')}</h3>
          <NumericPad value={quantity} onChange={setQuantity} onSubmit={() => void submit()} submitLabel={t('workflow.scrapPanel.bookShort')} disabled={busy || !reasonId} testId="scrap-pad" />
        </div>
      </div>
      <div className="wf-modal-actions">
        {lastScrapId && (
          <button type="button" className="btn" disabled={busy} onClick={() => void undo()} data-testid="scrap-undo">
            <Icon name="undo" />
            {t('workflow.scrapPanel.undo')}
          </button>
        )}
        <button type="button" className="btn btn-secondary" onClick={onClose} data-testid="scrap-close">
          {t('workflow.cancel')}
        </button>
      </div>
      <ApprovalDialog purpose="scrap" />
    </section>
  );
}

/** Shift-lead confirmation: badge scan (routed by the order screen), then PIN on the numeric pad; also the PIN of a shift lead taking over at a handover. */
export function ApprovalDialog({ purpose }: { purpose: 'scrap' | 'handover' | 'shift-lead' }) {
  const { t } = useTranslation();
  const approval = useApp((s) => s.workflow.approval);
  const digit = useApp((s) => s.wfApprovalDigit);
  const backspace = useApp((s) => s.wfApprovalBackspace);
  const submit = useApp((s) => s.wfApprovalSubmit);
  const cancel = useApp((s) => s.wfCancelApproval);
  if (!approval || ('handover' in approval ? 'handover' : 'purpose' in approval ? 'shift-lead' : 'scrap') !== purpose) return null;
  const asked = 'purpose' in approval ? shiftLeadWords(approval.purpose) : null;
  return (
    <div className="wf-modal" role="dialog" aria-modal="true" aria-label={t('workflow.approval.badgeTitle')} data-testid="wf-approval" data-step={approval.step}>
      <h2>{'handover' in approval ? t('workflow.handover.pinTitle', { name: approval.approver.name }) : asked ? t(asked.title, asked.params) : t('workflow.approval.badgeTitle')}</h2>
      {approval.step === 'badge' ? (
        <p className="wf-prompt">
          <Icon name="scan" />
          {asked ? t(asked.hint, asked.params) : t('workflow.approval.badgeHint')}
        </p>
      ) : (
        <>
          <p className="wf-prompt">{t('workflow.approval.pinTitle', { name: approval.approver.name })}</p>
          {approval.wrong && (
            <p className="notice notice-nok" role="alert" data-testid="wf-approval-wrong">
              <Icon name="nok" />
              {t('workflow.approval.wrongPin')}
            </p>
          )}
          {approval.verifying && <p role="status">{t('workflow.approval.checking')}</p>}
          <NumericPad
            value={approval.digits}
            masked
            maxLength={8}
            disabled={approval.verifying}
            onChange={(v) => (v.length < approval.digits.length ? backspace() : digit(v.slice(-1)))}
            onSubmit={() => void submit()}
            submitLabel={t('workflow.confirm')}
            testId="approval-pad"
          />
        </>
      )}
      <button type="button" className="btn btn-secondary" onClick={cancel} data-testid="wf-approval-cancel">
        {t('workflow.cancel')}
      </button>
    </div>
  );
}
