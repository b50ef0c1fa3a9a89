import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAUSE_REASONS } from '../../state/workflow-logic';
import { Icon } from '../icons';
import { useApp } from '../store-context';
import { NumericPad } from './NumericPad';

export type Panel = 'none' | 'pause' | 'count' | 'complete' | 'correct' | 'scrap';

/** Why the order pauses: one touch per reason, as a layer above the order. */
export function PausePanel({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const busy = useApp((s) => s.workflow.busy);
  const pause = useApp((s) => s.pauseOpenOrder);
  return (
    <section className="wf-modal" role="dialog" aria-modal="true" aria-labelledby="wf-pause-title" data-testid="wf-pause-panel">
      <h2 id="wf-pause-title">{t('workflow.pauseTitle')}</h2>
      <div className="wf-choice-grid wf-choice-grid-3">
        {PAUSE_REASONS.map((r) => (
          <button
            key={r}
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => {
              onClose();
              void pause(r);
            }}
            data-testid={`pause-reason-${r}`}
          >
            {t(`workflow.pauseReason.${r}`)}
          </button>
        ))}
      </div>
      <button type="button" className="btn btn-secondary" onClick={onClose} data-testid="wf-pause-cancel">
        {t('workflow.cancel')}
      </button>
    </section>
  );
}

/** The quantity pad for "+n good" and for the counted quantity at completion. */
export function CountPanel({ kind, onClose }: { kind: 'count' | 'complete' | 'correct'; onClose(): void }) {
  const { t } = useTranslation();
  const busy = useApp((s) => s.workflow.busy);
  const bookGood = useApp((s) => s.bookGood);
  const complete = useApp((s) => s.completeOpenOrder);
  const correct = useApp((s) => s.correctGoodCount);
  const [pad, setPad] = useState('');
  const submit = async () => {
    const n = Number(pad);
    if (kind === 'count') await bookGood(n);
    else if (kind === 'correct') await correct(n);
    else await complete(n);
    onClose();
  };
  return (
    <section className="wf-modal" role="dialog" aria-modal="true" aria-labelledby={`wf-${kind}-title`} data-testid={`wf-${kind}-panel`}>
      <h2 id={`wf-${kind}-title`}>{kind === 'count' ? t('workflow.countTitle') : kind === 'correct' ? t('counts.correct.title') : t('workflow.completeTitle')}</h2>
      <NumericPad value={pad} onChange={setPad} onSubmit={() => void submit()} submitLabel={t('workflow.confirm')} disabled={busy} />
      <button type="button" className="btn btn-secondary" onClick={onClose} data-testid={`wf-${kind}-cancel`}>
        {t('workflow.cancel')}
      </button>
    </section>
  );
}

/** Waiting for the next operator's badge; the order keeps running. */
export function HandoverPanel() {
  const { t } = useTranslation();
  const cancel = useApp((s) => s.cancelHandover);
  return (
    <section className="wf-modal" role="dialog" aria-modal="true" aria-labelledby="wf-handover-title" data-testid="wf-handover-panel">
      <h2 id="wf-handover-title">{t('workflow.handover.title')}</h2>
      <p className="wf-prompt">
        <Icon name="scan" />
        {t('workflow.handover.hint')}
      </p>
      <button type="button" className="btn btn-secondary" onClick={cancel} data-testid="wf-handover-cancel">
        {t('workflow.cancel')}
      </button>
    </section>
  );
}
