import { Icon } from '../icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rankScrapReasons } from '../../../shared/production';
import { useApp } from '../store-context';
import { NumericPad } from './NumericPad';

/** Scrap booking for touch: grouped reasons (most used first), quantity, comment; shift-lead approval above the threshold. */
export function ScrapPanel({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const reasons = useApp((s) => s.workflow.master.scrapReasons);
  const use = useApp((s) => s.workflow.production.scrapReasonUse);
  const busy = useApp((s) => s.workflow.busy);
  const lastScrapId = useApp((s) => s.workflow.lastScrapId);
  const book = useApp((s) => s.bookScrap);
  const undo = useApp((s) => s.undoLastScrap);
  const serial = useApp((s) => s.workflow.scrapSerial);
  const setScrapping = useApp((s) => s.setScrapping);
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
    </section>
  );
}
