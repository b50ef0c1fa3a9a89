import { Icon } from '../icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { executionOf } from '../../../shared/production';
import { containerShortId } from '../../state/workflow-logic';
import { ReprintReasonPicker } from '../print-jobs/ReprintReasonPicker';
import { useApp } from '../store-context';

/**
 * The order's newest closed containers with reprint, and the label preview before printing. The
 * preview's Cancel only puts the label aside on this screen: the container
 * then says its label is not printed yet and offers to print it, so a label
 * is never lost by a tap.
 */
const SHOWN_CONTAINERS = 2;

export function ContainerPanel() {
  const { t } = useTranslation();
  const orderId = useApp((s) => s.workflow.openOrderId);
  const production = useApp((s) => s.workflow.production);
  const labels = useApp((s) => s.workflow.labels);
  const busy = useApp((s) => s.workflow.busy);
  const print = useApp((s) => s.printNextLabel);
  const reprint = useApp((s) => s.reprintLabel);
  const [reprintOf, setReprintOf] = useState<string | null>(null);
  const [setAside, setSetAside] = useState<string | null>(null);
  if (!orderId) return null;
  const execution = executionOf(production, orderId);
  const closed = execution.containerIds.map((id) => production.containers[id]).filter((c) => c?.status === 'closed');
  const label = labels[0];
  // Labels print in order: while the first one is set aside, the ones behind it wait too.
  const previewing = label && label.jobId !== setAside ? label : undefined;
  const waiting = label && label.jobId === setAside ? label : undefined;
  // Newest first and only the last few, so the list sits above the bill of materials without pushing it off a
  // 1024×768 screen; a label set aside always stays in view. Older containers are reprinted from the print jobs.
  const newestFirst = [...closed].reverse();
  const shown = [...newestFirst.filter((c) => c?.containerId === waiting?.containerId), ...newestFirst.filter((c) => c?.containerId !== waiting?.containerId)].slice(0, SHOWN_CONTAINERS);
  const more = closed.length - shown.length;

  return (
    <section className="wf-section" data-testid="wf-containers">
      {closed.length > 0 && <h2>{t('workflow.container.closedList')}</h2>}
      {closed.length > 0 && (
        <ul className="wf-container-list" aria-label={t('workflow.container.closedList')}>
          {shown.map((c) =>
            c ? (
              <li key={c.containerId} data-testid="wf-closed-container">
                <span>
                  <span className="nowrap">{containerShortId(c.containerId)}</span> · {t('workflow.container.parts', { count: c.quantity })}
                </span>
                {waiting?.containerId === c.containerId ? (
                  <button type="button" className="btn btn-primary" disabled={busy} onClick={() => setSetAside(null)} data-testid="wf-print-later">
                    <Icon name="print" />
                    {t('workflow.label.printNow')}
                  </button>
                ) : (
                  c.quantity > 0 && (
                    <button type="button" className="btn btn-secondary" onClick={() => setReprintOf(c.containerId)} data-testid="wf-reprint">
                      <Icon name="print" />
                      {t('workflow.container.reprint')}
                    </button>
                  )
                )}
              </li>
            ) : null,
          )}
        </ul>
      )}
      {more > 0 && (
        <p className="screen-hint" data-testid="wf-containers-more">
          {t('workflow.container.more', { count: more })}
        </p>
      )}
      {reprintOf && (
        <ReprintReasonPicker
          title={t('workflow.container.reprintTitle')}
          testId="wf-reprint-panel"
          onCancel={() => setReprintOf(null)}
          onPick={(reason) => {
            void reprint(reprintOf, reason);
            setReprintOf(null);
          }}
        />
      )}
      {previewing && (
        <div className="wf-modal wf-label-modal" role="dialog" aria-modal="true" aria-labelledby="wf-label-title" data-testid="wf-label-preview">
          <h2 id="wf-label-title">{t('workflow.label.previewTitle', { quantity: previewing.quantity, count: previewing.quantity })}</h2>
          <img className="wf-label-svg" alt={t('workflow.label.previewAlt', { id: containerShortId(previewing.containerId) })} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(previewing.svg)}`} data-testid="wf-label-svg" />
          <div className="wf-modal-actions">
            <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => setSetAside(previewing.jobId)} data-testid="wf-label-cancel">
              {t('workflow.label.later')}
            </button>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void print()} data-testid="wf-print">
              <Icon name="print" />
              {t('workflow.label.print')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
