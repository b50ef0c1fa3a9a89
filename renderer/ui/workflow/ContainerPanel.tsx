import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { executionOf } from '../../../shared/production';
import { containerShortId } from '../../state/workflow-logic';
import { ReprintReasonPicker } from '../print-jobs/ReprintReasonPicker';
import { selectWorkflowConfig } from '../../state/workflow-settings';
import { useApp } from '../store-context';

/** The open container (fill level), partial close, closed containers with reprint, and the label preview before printing. */
export function ContainerPanel() {
  const { t } = useTranslation();
  const orderId = useApp((s) => s.workflow.openOrderId);
  const production = useApp((s) => s.workflow.production);
  // A container opened before a master-data change keeps its own capacity; this is the one the next container gets.
  const capacity = useApp((s) => selectWorkflowConfig(s).containerCapacity);
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
        <ReprintReasonPicker
          title={t('workflow.container.reprintTitle')}
          testId="wf-reprint-panel"
          onCancel={() => setReprintOf(null)}
          onPick={(reason) => {
            reprint(reprintOf, reason);
            setReprintOf(null);
          }}
        />
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
