import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { executionOf } from '../../../shared/production';
import { containerShortId, REPRINT_REASONS } from '../../state/workflow-logic';
import { useApp } from '../store-context';

/** The open container (fill level), partial close, closed containers with reprint, and the label preview before printing. */
export function ContainerPanel() {
  const { t } = useTranslation();
  const orderId = useApp((s) => s.workflow.openOrderId);
  const production = useApp((s) => s.workflow.production);
  const capacity = useApp((s) => s.workflow.config.containerCapacity);
  const labels = useApp((s) => s.workflow.labels);
  const busy = useApp((s) => s.workflow.busy);
  const closeContainer = useApp((s) => s.wfCloseContainer);
  const print = useApp((s) => s.wfPrintLabel);
  const reprint = useApp((s) => s.wfReprint);
  const [reprintOf, setReprintOf] = useState<string | null>(null);
  if (!orderId) return null;
  const execution = executionOf(production, orderId);
  const open = execution.openContainerId ? production.containers[execution.openContainerId] : undefined;
  const closed = execution.containerIds.map((id) => production.containers[id]).filter((c) => c?.status === 'closed');
  const label = labels[0];

  return (
    <section className="wf-section" data-testid="wf-containers">
      <h2>{t('workflow.container.title')}</h2>
      {open?.status === 'open' ? (
        <p className="wf-big" data-testid="wf-open-container">
          {t('workflow.container.open', { quantity: open.quantity, capacity: open.capacity ?? capacity })}
        </p>
      ) : (
        <p data-testid="wf-no-container">{t('workflow.container.none')}</p>
      )}
      {open?.status === 'open' && (
        <button type="button" className="btn" disabled={busy} onClick={() => void closeContainer()} data-testid="wf-close-container">
          <span aria-hidden="true">▣ </span>
          {t('workflow.container.close')}
        </button>
      )}
      {closed.length > 0 && (
        <>
          <h3>{t('workflow.container.closedList')}</h3>
          <ul className="wf-container-list">
            {closed.map((c) =>
              c ? (
                <li key={c.containerId} data-testid="wf-closed-container">
                  <span>
                    {containerShortId(c.containerId)} · {c.quantity}
                  </span>
                  {c.quantity > 0 && (
                    <button type="button" className="btn btn-secondary" onClick={() => setReprintOf(c.containerId)} data-testid="wf-reprint">
                      <span aria-hidden="true">⎙ </span>
                      {t('workflow.container.reprint')}
                    </button>
                  )}
                </li>
              ) : null,
            )}
          </ul>
        </>
      )}
      {reprintOf && (
        <div className="wf-modal" role="dialog" data-testid="wf-reprint-panel">
          <h2>{t('workflow.container.reprintTitle')}</h2>
          <div className="wf-choice-grid">
            {REPRINT_REASONS.map((r) => (
              <button
                key={r}
                type="button"
                className="btn"
                onClick={() => {
                  reprint(reprintOf, r);
                  setReprintOf(null);
                }}
                data-testid={`reprint-reason-${r}`}
              >
                {t(`workflow.reprintReason.${r}`)}
              </button>
            ))}
          </div>
          <button type="button" className="btn btn-secondary" onClick={() => setReprintOf(null)}>
            {t('workflow.cancel')}
          </button>
        </div>
      )}
      {label && (
        <div className="wf-modal" role="dialog" data-testid="wf-label-preview">
          <h2>{t('workflow.label.previewTitle', { quantity: label.quantity })}</h2>
          <img className="wf-label-svg" alt={t('workflow.label.previewTitle', { quantity: label.quantity })} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(label.svg)}`} data-testid="wf-label-svg" />
          <button type="button" className="btn btn-primary btn-wide" disabled={busy} onClick={() => void print()} data-testid="wf-print">
            <span aria-hidden="true">⎙ </span>
            {t('workflow.label.print')}
          </button>
        </div>
      )}
    </section>
  );
}
