import { useTranslation } from 'react-i18next';
import { formatTime } from '../format';
import type { Traced } from './TracePage';

/** A container's or a serial's way back: batches and suppliers, orders, operators and terminals, shipments. */
export function BackwardResult({ traced }: { traced: Exclude<Traced, { kind: 'batch' }> }) {
  const { t, i18n } = useTranslation();
  const trace = traced.trace;
  const title =
    traced.kind === 'container'
      ? t('web.trace.containerTitle', { id: traced.trace.containerId, packageNumber: traced.trace.packageNumber ?? '–' })
      : t('web.trace.serialTitle', { serial: traced.trace.serial, order: traced.trace.orderId ?? '–' });
  const orders = traced.kind === 'container' ? traced.trace.orders.map((o) => `${o.orderId} (${o.quantity})`) : traced.trace.orderId ? [traced.trace.orderId] : [];

  return (
    <div className="web-result" data-testid="backward-result">
      <div className="web-result-head">
        <h1 className="web-title">{title}</h1>
        <p className="web-counts">{[t('web.trace.n.batches', { count: trace.batches.length }), t('web.trace.n.suppliers', { count: trace.suppliers.length }), t('web.trace.n.shipments', { count: trace.shipments.length })].join(' · ')}</p>
      </div>
      <div className="web-scroll web-tree" tabIndex={0} aria-label={t('web.trace.tree')}>
        <h2>{t('web.trace.batches', { count: trace.batches.length })}</h2>
        <ul data-testid="tree-batches">
          {trace.batches.map((b) => (
            <li key={`${b.materialId}/${b.batch}`}>
              <strong>
                {b.materialId} / {b.batch}
              </strong>{' '}
              · {b.supplier ?? '–'} · {t(`web.trace.batchLink.${b.link}`)}
            </li>
          ))}
        </ul>
        <h2>{t('web.trace.ordersPlain')}</h2>
        <p>{orders.join(', ') || '–'}</p>
        <h2>{t('web.trace.people')}</h2>
        <p>{t('web.trace.operatorsTerminals', { operators: trace.operators.join(', ') || '–', terminals: trace.terminals.join(', ') || '–' })}</p>
        <h2>{t('web.trace.shipments', { count: trace.shipments.length })}</h2>
        <ul>
          {trace.shipments.map((s) => (
            <li key={s.shipmentId}>
              <strong>{s.shipmentId}</strong>
              {s.deliveryNote && ` · ${t('web.trace.deliveryNote', { note: s.deliveryNote })}`} · {s.customer ?? '–'} · {formatTime(s.dispatchedAt, i18n.language)}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
