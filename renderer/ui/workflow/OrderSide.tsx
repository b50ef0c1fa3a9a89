import { useTranslation } from 'react-i18next';
import { useLocaleFormat } from '../../i18n/format';
import type { Order } from '../../../shared/master-data';
import type { OrderExecution } from '../../../shared/production';
import { selectWorkflowConfig } from '../../state/workflow-settings';
import { Icon } from '../icons';
import { useApp } from '../store-context';
import type { Panel } from './OrderPanels';

/**
 * The part of the order screen that never scrolls: good / target, scrap, the
 * open container's fill, and every action of the order's state.
 */
export function OrderSide({ order, execution, onOpen }: { order: Order; execution: OrderExecution; onOpen(panel: Panel): void }) {
  const { t } = useTranslation();
  const f = useLocaleFormat();
  const busy = useApp((s) => s.workflow.busy);
  // Until the journal is read the counts are not known: a dash, never a count that may be wrong.
  const counted = !useApp((s) => s.workflow.productionLoading);
  const production = useApp((s) => s.workflow.production);
  // A container opened before a master-data change keeps its own capacity; this is the one the next container gets.
  const capacity = useApp((s) => selectWorkflowConfig(s).containerCapacity);
  const start = useApp((s) => s.startOpenOrder);
  const resume = useApp((s) => s.resumeOpenOrder);
  const bookGood = useApp((s) => s.bookGood);
  const beginHandover = useApp((s) => s.beginHandover);
  const closeContainer = useApp((s) => s.closeOpenContainer);
  const trace = useApp((s) => s.setTracing);
  const running = execution.status === 'started';
  const active = running || execution.status === 'paused';
  const open = execution.openContainerId ? production.containers[execution.openContainerId] : undefined;

  return (
    <aside className="wf-side" aria-label={t('workflow.actions')}>
      <dl className="wf-counters">
        <div className="wf-counter-good">
          <dt>
            {t('workflow.goodLabel')} / {t('workflow.target')}
          </dt>
          <dd className="wf-big" data-testid="wf-good">
            {counted ? f.number(execution.goodQuantity) : '–'} / {f.number(order.quantity)}
          </dd>
        </div>
        <div>
          <dt>{t('workflow.scrapLabel')}</dt>
          <dd className="wf-big" data-testid="wf-scrap">
            {counted ? f.number(execution.scrapQuantity) : '–'}
          </dd>
        </div>
      </dl>
      {open?.status === 'open' ? (
        <p className="wf-container-fill" data-testid="wf-open-container">
          {t('workflow.container.open', { quantity: open.quantity, capacity: open.capacity ?? capacity })}
        </p>
      ) : (
        <p className="wf-container-fill" data-testid="wf-no-container">
          {t('workflow.container.none')}
        </p>
      )}
      <div className="wf-actions">
        {execution.status === 'released' && (
          <button type="button" className="btn btn-primary wf-action-main" disabled={busy} onClick={() => void start()} data-testid="wf-start">
            <Icon name="start" />
            {t('workflow.start')}
          </button>
        )}
        {running && (
          <>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void bookGood(1)} data-testid="wf-plus-one">
              {t('workflow.plusOne')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => onOpen('count')} data-testid="wf-plus-n">
              {t('workflow.plusN')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => onOpen('pause')} data-testid="wf-pause">
              <Icon name="pause" />
              {t('workflow.pause')}
            </button>
          </>
        )}
        {execution.status === 'paused' && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void resume()} data-testid="wf-resume">
            <Icon name="start" />
            {t('workflow.resume')}
          </button>
        )}
        {active && (
          <>
            <button type="button" className="btn" disabled={busy} onClick={() => onOpen('scrap')} data-testid="wf-scrap-open">
              <Icon name="nok" />
              {t('workflow.scrapButton')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={beginHandover} data-testid="wf-handover">
              <Icon name="handover" />
              {t('workflow.handoverButton')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => onOpen('correct')} data-testid="wf-correct-open">
              <Icon name="undo" />
              {t('counts.correct.button')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => onOpen('complete')} data-testid="wf-complete">
              <Icon name="stop" />
              {t('workflow.complete')}
            </button>
          </>
        )}
        {open?.status === 'open' && (
          <button type="button" className="btn" disabled={busy} onClick={() => void closeContainer()} data-testid="wf-close-container">
            <Icon name="closeContainer" />
            {t('workflow.container.close')}
          </button>
        )}
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => trace(true)} data-testid="wf-trace-open">
          <Icon name="trace" />
          {t('workflow.trace.button')}
        </button>
      </div>
    </aside>
  );
}
