import { Icon } from '../icons';
import { useTranslation } from 'react-i18next';
import { useLocaleFormat } from '../../i18n/format';
import { containerShortId } from '../../state/workflow-logic';
import { useApp } from '../store-context';

/** The local trace, offline over this terminal's journal: scan a batch, a part or a container label. */
export function TracePanel() {
  const { t } = useTranslation();
  const f = useLocaleFormat();
  const tracing = useApp((s) => s.workflow.tracing);
  const trace = useApp((s) => s.workflow.trace);
  const orders = useApp((s) => s.orders);
  const materials = useApp((s) => s.materials);
  const setTracing = useApp((s) => s.setTracing);
  if (!tracing) return null;
  const orderNo = (id: string | null) => (id ? (orders.find((o) => o.id === id)?.number ?? id) : '–');
  const materialNo = (id: string) => materials[id]?.number ?? id;

  return (
    <div className="wf-modal" role="dialog" data-testid="wf-trace">
      <h2>{t('workflow.trace.title')}</h2>
      <p className="wf-prompt">
        <Icon name="trace" />
        {t('workflow.trace.hint')}
      </p>
      {trace?.kind === 'batch' && (
        <div data-testid="wf-trace-result">
          <h3>{t('workflow.trace.batch', { material: materialNo(trace.trace.materialId), batch: trace.trace.batch })}</h3>
          <p>{t('workflow.trace.orders', { list: trace.trace.orderIds.map(orderNo).join(', ') || '–' })}</p>
          <p>{t('workflow.trace.parts', { list: trace.trace.serials.map((x) => x.serial).join(', ') || '–' })}</p>
          <p>{t('workflow.trace.containers', { list: trace.trace.containers.map((c) => `${containerShortId(c.containerId)} (${f.number(c.quantity)})`).join(', ') || '–' })}</p>
        </div>
      )}
      {trace?.kind === 'part' && (
        <div data-testid="wf-trace-result">
          <h3>{t('workflow.trace.part', { serial: trace.serial })}</h3>
          {trace.trace ? (
            <>
              <p>{t('workflow.trace.orders', { list: orderNo(trace.trace.orderId) })}</p>
              <p>{t('workflow.trace.batches', { list: trace.trace.batches.map((b) => `${materialNo(b.materialId)} ${b.batch}`).join(', ') || '–' })}</p>
              <p>{t('workflow.trace.containers', { list: trace.trace.containerIds.map(containerShortId).join(', ') || '–' })}</p>
            </>
          ) : (
            <p>{t('workflow.trace.notFound')}</p>
          )}
        </div>
      )}
      {trace?.kind === 'container' && (
        <div data-testid="wf-trace-result">
          <h3>{t('workflow.trace.container', { id: containerShortId(trace.trace.containerId) })}</h3>
          <p>{t('workflow.trace.orders', { list: trace.trace.orderIds.map(orderNo).join(', ') || '–' })}</p>
          <p>{t('workflow.trace.batches', { list: trace.trace.batches.map((b) => `${materialNo(b.materialId)} ${b.batch}`).join(', ') || '–' })}</p>
          <p>{t('workflow.trace.parts', { list: trace.trace.serials.join(', ') || '–' })}</p>
        </div>
      )}
      <button type="button" className="btn btn-secondary btn-wide" onClick={() => setTracing(false)} data-testid="wf-trace-close">
        {t('workflow.trace.close')}
      </button>
    </div>
  );
}
