import { Icon } from '../icons';
import { useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocaleFormat } from '../../i18n/format';
import { blockedLoads, executionOf, missingMaterials } from '../../../shared/production';
import { BlockedBatchBanner } from '../counts/BlockedBatchBanner';
import { CompletionDialog } from '../counts/CompletionDialog';
import { LoadedBatchCell } from '../counts/LoadedBatchCell';
import { DowntimePanel } from '../downtime/DowntimePanel';
import { ScanRouterContext } from '../scan-test/scan-router-context';
import { useApp } from '../store-context';
import { ContainerPanel } from './ContainerPanel';
import { CountPanel, HandoverPanel, PausePanel, type Panel } from './OrderPanels';
import { OrderSide } from './OrderSide';
import { ScrapPanel } from './ScrapPanel';
import { TracePanel } from './TracePanel';
import { VerdictOverlay } from './VerdictOverlay';
import './workflow.css';

/**
 * The active order (issue 8): BOM with loaded batches, operation, target vs
 * good, status and the actions of its state. While open it captures every
 * scan: batches load material, part serials book good parts, badges hand over
 * or confirm scrap. One screen at 1024×768: the counter and the actions sit
 * in a column of their own that never scrolls; pads and pickers open as
 * layers above the order.
 */
export function OrderDetail() {
  const { t } = useTranslation();
  const f = useLocaleFormat();
  const router = useContext(ScanRouterContext);
  const orderId = useApp((s) => s.workflow.openOrderId);
  const orders = useApp((s) => s.orders);
  const materials = useApp((s) => s.materials);
  const operators = useApp((s) => s.operators);
  const production = useApp((s) => s.workflow.production);
  const handover = useApp((s) => s.workflow.handover);
  const loadingProgress = useApp((s) => s.workflow.productionLoading);
  const blockedBatches = useApp((s) => s.workflow.master.blockedBatches);
  const scan = useApp((s) => s.scanIntoOrder);
  const close = useApp((s) => s.closeOrderDetail);
  const [panel, setPanel] = useState<Panel>('none');

  useEffect(() => router.capture((s) => void scan(s.raw)), [router, scan]);

  const order = orders.find((o) => o.id === orderId);
  const execution = useMemo(() => (orderId ? executionOf(production, orderId) : null), [production, orderId]);
  if (!order || !execution) return null;

  const material = materials[order.materialId];
  const blocked = new Map(blockedLoads(execution, blockedBatches).map((b) => [b.materialId, b]));
  const missing = new Set(missingMaterials(order, Object.values(materials), execution.loaded).map((m) => m.materialId));
  const operation = order.operations[0];
  const operatorName = execution.operatorId ? (operators.find((o) => o.id === execution.operatorId)?.name ?? execution.operatorId) : '–';
  const running = execution.status === 'started';
  const closePanel = () => setPanel('none');

  return (
    <main className="screen wf-screen" data-testid="order-detail" data-status={execution.status}>
      <div className="wf-head">
        <button type="button" className="btn btn-secondary" onClick={close} data-testid="wf-back">
          <Icon name="back" />
          {t('workflow.back')}
        </button>
        <h1 className="wf-title">
          <span className="nowrap">{t('workflow.title', { number: order.number })}</span>
        </h1>
        <dl className="wf-head-facts">
          <div>
            <dt>{t('workflow.status')}</dt>
            <dd data-testid="wf-status">
              <Icon name={running ? 'start' : execution.status === 'paused' ? 'pause' : execution.status === 'completed' ? 'ok' : 'open'} />
              {t(`workflow.statusValue.${execution.status}`)}
            </dd>
          </div>
          <div>
            <dt>{t('workflow.operator')}</dt>
            <dd data-testid="wf-operator">{operatorName}</dd>
          </div>
        </dl>
      </div>
      <div className="wf-body">
        <div className="wf-main">
          {(running || execution.status === 'paused') && <DowntimePanel orderId={order.id} bookedGood={execution.goodQuantity} />}
          <dl className="wf-facts">
            <div>
              <dt>{t('workflow.materialLabel')}</dt>
              <dd>
                {material ? (
                  <>
                    <span className="nowrap">{material.number}</span> · {material.name}
                  </>
                ) : (
                  order.materialId
                )}
              </dd>
            </div>
            <div>
              <dt>{t('workflow.operation')}</dt>
              <dd data-testid="wf-operation">{operation ? `${operation.number} · ${operation.name}` : t('workflow.noOperation')}</dd>
            </div>
          </dl>
          {loadingProgress && (
            <p className="notice notice-busy" role="status" data-testid="wf-loading-progress">
              <span className="spinner" aria-hidden="true" />
              {t('workflow.loadingProgress')}
            </p>
          )}
          {execution.status === 'paused' && execution.pausedReason && (
            <p className="notice" data-testid="wf-paused-reason">
              <Icon name="pause" />
              {t('workflow.pausedBecause', { reason: t(`workflow.pauseReason.${execution.pausedReason}`, { defaultValue: execution.pausedReason }) })}
            </p>
          )}
          <BlockedBatchBanner />
          <ContainerPanel />
          <section className="wf-section">
            <h2>{t('workflow.bom')}</h2>
            {order.bom.length === 0 ? (
              <p>{t('workflow.bomEmpty')}</p>
            ) : (
              <table className="wf-bom" data-testid="wf-bom">
                <thead>
                  <tr>
                    <th>{t('workflow.bomItem')}</th>
                    <th>{t('workflow.perUnit')}</th>
                    <th>{t('workflow.loadedBatch')}</th>
                  </tr>
                </thead>
                <tbody>
                  {order.bom.map((item) => {
                    const m = materials[item.materialId];
                    const loaded = execution.loaded[item.materialId];
                    const isMissing = missing.has(item.materialId);
                    return (
                      <tr key={item.materialId} data-testid={`bom-${m?.number ?? item.materialId}`} data-missing={isMissing}>
                        <td>
                          {m ? (
                            <>
                              <span className="nowrap">{m.number}</span> · {m.name}
                            </>
                          ) : (
                            item.materialId
                          )}
                        </td>
                        <td>{f.number(item.quantityPerUnit)}</td>
                        <td data-testid={`batch-${m?.number ?? item.materialId}`}>
                          {loaded ? (
                            <LoadedBatchCell batch={loaded.batch} blocked={blocked.get(item.materialId)} />
                          ) : isMissing ? (
                            <span className="wf-missing">
                              <Icon name="warn" />
                              {t('workflow.notLoaded')}
                            </span>
                          ) : (
                            t('workflow.notTracked')
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            <p className="screen-hint">{t('workflow.scanHint')}</p>
          </section>
        </div>
        <OrderSide order={order} execution={execution} onOpen={setPanel} />
      </div>

      {panel === 'pause' && <PausePanel onClose={closePanel} />}
      {(panel === 'count' || panel === 'complete' || panel === 'correct') && <CountPanel kind={panel} onClose={closePanel} />}
      {panel === 'scrap' && <ScrapPanel onClose={closePanel} />}
      {handover && <HandoverPanel />}
      <CompletionDialog />
      <TracePanel />
      <VerdictOverlay />
    </main>
  );
}
