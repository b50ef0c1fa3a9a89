import { useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { executionOf, missingMaterials } from '../../../shared/production';
import { PAUSE_REASONS } from '../../state/workflow-logic';
import { ScanRouterContext } from '../scan-test/scan-router-context';
import { useApp } from '../store-context';
import { ContainerPanel } from './ContainerPanel';
import { NumericPad } from './NumericPad';
import { ScrapPanel } from './ScrapPanel';
import { TracePanel } from './TracePanel';
import { VerdictOverlay } from './VerdictOverlay';
import './workflow.css';

type Panel = 'none' | 'pause' | 'count' | 'complete' | 'scrap';

/**
 * The active order (issue 8): BOM with loaded batches, operation, target vs
 * good, status and the actions of its state. While open it captures every
 * scan: batches load material, part serials book good parts, badges hand over
 * or confirm scrap.
 */
export function OrderDetail() {
  const { t } = useTranslation();
  const router = useContext(ScanRouterContext);
  const orderId = useApp((s) => s.workflow.openOrderId);
  const orders = useApp((s) => s.orders);
  const materials = useApp((s) => s.materials);
  const operators = useApp((s) => s.operators);
  const production = useApp((s) => s.workflow.production);
  const busy = useApp((s) => s.workflow.busy);
  const handover = useApp((s) => s.workflow.handover);
  const a = {
    scan: useApp((s) => s.wfScan),
    close: useApp((s) => s.closeOrderDetail),
    start: useApp((s) => s.wfStart),
    pause: useApp((s) => s.wfPause),
    resume: useApp((s) => s.wfResume),
    complete: useApp((s) => s.wfComplete),
    bookGood: useApp((s) => s.wfBookGood),
    beginHandover: useApp((s) => s.wfBeginHandover),
    cancelHandover: useApp((s) => s.wfCancelHandover),
    trace: useApp((s) => s.wfSetTracing),
  };
  const [panel, setPanel] = useState<Panel>('none');
  const [pad, setPad] = useState('');
  const scan = a.scan;

  useEffect(() => router.capture((s) => void scan(s.raw)), [router, scan]);

  const order = orders.find((o) => o.id === orderId);
  const execution = useMemo(() => (orderId ? executionOf(production, orderId) : null), [production, orderId]);
  if (!order || !execution) return null;

  const material = materials[order.materialId];
  const missing = new Set(missingMaterials(order, Object.values(materials), execution.loaded).map((m) => m.materialId));
  const operation = order.operations[0];
  const operatorName = execution.operatorId ? (operators.find((o) => o.id === execution.operatorId)?.name ?? execution.operatorId) : '–';
  const running = execution.status === 'started';
  const active = running || execution.status === 'paused';
  const openPanel = (p: Panel) => {
    setPad('');
    setPanel(p);
  };
  const submitPad = async () => {
    const n = Number(pad);
    if (panel === 'count') await a.bookGood(n);
    if (panel === 'complete') await a.complete(n);
    setPanel('none');
  };

  return (
    <main className="screen wf-screen" data-testid="order-detail" data-status={execution.status}>
      <div className="screen-header">
        <button type="button" className="btn btn-secondary" onClick={a.close} data-testid="wf-back">
          <span aria-hidden="true">← </span>
          {t('workflow.back')}
        </button>
        <h1 className="screen-title">{t('workflow.title', { number: order.number })}</h1>
      </div>
      <dl className="wf-facts">
        <div>
          <dt>{t('workflow.materialLabel')}</dt>
          <dd>{material ? `${material.number} · ${material.name}` : order.materialId}</dd>
        </div>
        <div>
          <dt>{t('workflow.operation')}</dt>
          <dd data-testid="wf-operation">{operation ? `${operation.number} · ${operation.name}` : t('workflow.noOperation')}</dd>
        </div>
        <div>
          <dt>{t('workflow.status')}</dt>
          <dd data-testid="wf-status">
            <span aria-hidden="true">{running ? '▶ ' : execution.status === 'paused' ? '⏸ ' : execution.status === 'completed' ? '✔ ' : '○ '}</span>
            {t(`workflow.statusValue.${execution.status}`)}
          </dd>
        </div>
        <div>
          <dt>{t('workflow.operator')}</dt>
          <dd data-testid="wf-operator">{operatorName}</dd>
        </div>
        <div>
          <dt>{t('workflow.good')} / {t('workflow.target')}</dt>
          <dd className="wf-big" data-testid="wf-good">
            {execution.goodQuantity} / {order.quantity}
          </dd>
        </div>
        <div>
          <dt>{t('workflow.scrap')}</dt>
          <dd className="wf-big" data-testid="wf-scrap">
            {execution.scrapQuantity}
          </dd>
        </div>
      </dl>
      {execution.status === 'paused' && execution.pausedReason && (
        <p className="notice" data-testid="wf-paused-reason">
          <span aria-hidden="true">⏸ </span>
          {t('workflow.pausedBecause', { reason: t(`workflow.pauseReason.${execution.pausedReason}`, { defaultValue: execution.pausedReason }) })}
        </p>
      )}

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
                    <td>{m ? `${m.number} · ${m.name}` : item.materialId}</td>
                    <td>{item.quantityPerUnit}</td>
                    <td data-testid={`batch-${m?.number ?? item.materialId}`}>
                      {loaded ? (
                        <>
                          <span aria-hidden="true">✔ </span>
                          {loaded.batch}
                        </>
                      ) : isMissing ? (
                        <span className="wf-missing">
                          <span aria-hidden="true">⚠ </span>
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

      <div className="wf-actions">
        {execution.status === 'released' && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void a.start()} data-testid="wf-start">
            <span aria-hidden="true">▶ </span>
            {t('workflow.start')}
          </button>
        )}
        {running && (
          <>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void a.bookGood(1)} data-testid="wf-plus-one">
              {t('workflow.plusOne')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => openPanel('count')} data-testid="wf-plus-n">
              {t('workflow.plusN')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => openPanel('pause')} data-testid="wf-pause">
              <span aria-hidden="true">⏸ </span>
              {t('workflow.pause')}
            </button>
          </>
        )}
        {execution.status === 'paused' && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void a.resume()} data-testid="wf-resume">
            <span aria-hidden="true">▶ </span>
            {t('workflow.resume')}
          </button>
        )}
        {active && (
          <>
            <button type="button" className="btn" disabled={busy} onClick={() => openPanel('scrap')} data-testid="wf-scrap-open">
              <span aria-hidden="true">✖ </span>
              {t('workflow.scrapButton')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={a.beginHandover} data-testid="wf-handover">
              <span aria-hidden="true">⇄ </span>
              {t('workflow.handoverButton')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => openPanel('complete')} data-testid="wf-complete">
              <span aria-hidden="true">■ </span>
              {t('workflow.complete')}
            </button>
          </>
        )}
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => a.trace(true)} data-testid="wf-trace-open">
          <span aria-hidden="true">⌕ </span>
          {t('workflow.trace.button')}
        </button>
      </div>

      {panel === 'pause' && (
        <section className="wf-panel" data-testid="wf-pause-panel">
          <h2>{t('workflow.pauseTitle')}</h2>
          <div className="wf-choice-grid">
            {PAUSE_REASONS.map((r) => (
              <button
                key={r}
                type="button"
                className="btn"
                disabled={busy}
                onClick={() => {
                  setPanel('none');
                  void a.pause(r);
                }}
                data-testid={`pause-reason-${r}`}
              >
                {t(`workflow.pauseReason.${r}`)}
              </button>
            ))}
          </div>
          <button type="button" className="btn btn-secondary" onClick={() => setPanel('none')}>
            {t('workflow.cancel')}
          </button>
        </section>
      )}
      {(panel === 'count' || panel === 'complete') && (
        <section className="wf-panel" data-testid={`wf-${panel}-panel`}>
          <h2>{panel === 'count' ? t('workflow.countTitle') : t('workflow.completeTitle')}</h2>
          <NumericPad value={pad} onChange={setPad} onSubmit={() => void submitPad()} submitLabel={t('workflow.confirm')} disabled={busy} />
          <button type="button" className="btn btn-secondary" onClick={() => setPanel('none')}>
            {t('workflow.cancel')}
          </button>
        </section>
      )}
      {panel === 'scrap' && <ScrapPanel onClose={() => setPanel('none')} />}
      {handover && (
        <section className="wf-panel wf-modal" role="dialog" data-testid="wf-handover-panel">
          <h2>{t('workflow.handover.title')}</h2>
          <p className="wf-prompt">
            <span aria-hidden="true">▮▯▮ </span>
            {t('workflow.handover.hint')}
          </p>
          <button type="button" className="btn btn-secondary" onClick={a.cancelHandover} data-testid="wf-handover-cancel">
            {t('workflow.cancel')}
          </button>
        </section>
      )}
      <ContainerPanel />
      <TracePanel />
      <VerdictOverlay />
    </main>
  );
}
