import { useTranslation } from 'react-i18next';
import { Icon } from '../../renderer/ui/icons';
import { formatTime, formatWindow } from '../format';
import { BlockPanel } from './BlockPanel';
import { recallCsv } from './recall-csv';
import type { BatchTrace } from './types';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The forward trace of one batch as a tree: orders with their windows and serials, containers, shipments, customers. */
export function BatchResult({ trace, mayBlock, onChanged }: { trace: BatchTrace; mayBlock: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const open = t('web.trace.open');
  const customers = [...new Set(trace.shipments.flatMap((s) => (s.customer ? [s.customer] : [])))].sort();
  const shipmentOf = new Map(trace.shipments.flatMap((s) => s.containerIds.map((c) => [c, s] as const)));
  // Grouped once: filtering per order is orders × serials (200 × 9,000 in a plant-size recall).
  const windowsOf = groupBy(trace.windows, (w) => w.orderId);
  const serialsOf = groupBy(trace.serials, (s) => s.orderId);
  const counts = { orders: trace.orders.length, serials: trace.serials.length, containers: trace.containers.length, shipments: trace.shipments.length, customers: customers.length };

  return (
    <div className="web-result" data-testid="batch-result">
      <div className="web-result-head">
        <h1 className="web-title">
          {t('web.trace.batchTitle', { material: trace.materialId, batch: trace.batch })}
          {trace.blocked !== null && (
            <span className="web-blocked" data-testid="batch-blocked">
              <Icon name="warn" /> {t('web.trace.blocked', { reason: trace.blocked })}
            </span>
          )}
        </h1>
        <p className="web-counts" data-testid="batch-counts">
          {(Object.keys(counts) as (keyof typeof counts)[]).map((k) => t(`web.trace.n.${k}`, { count: counts[k] })).join(' · ')}
          {trace.suppliers.length > 0 && ` · ${t('web.trace.suppliers', { list: trace.suppliers.join(', ') })}`}
        </p>
        <div className="web-actions no-print">
          <button type="button" className="web-btn" data-testid="export-csv" onClick={() => download(`recall-${trace.materialId}-${trace.batch}.csv`, recallCsv(trace))}>
            {t('web.trace.exportCsv')}
          </button>
          <button type="button" className="web-btn" data-testid="print" onClick={() => window.print()}>
            <Icon name="print" /> {t('web.trace.print')}
          </button>
          {mayBlock && <BlockPanel materialId={trace.materialId} batch={trace.batch} blocked={trace.blocked !== null} onChanged={onChanged} />}
        </div>
      </div>
      <div className="web-scroll web-tree" tabIndex={0} aria-label={t('web.trace.tree')}>
        <h2>{t('web.trace.orders', { count: counts.orders })}</h2>
        <ul data-testid="tree-orders">
          {trace.orders.map((o) => {
            const windows = windowsOf.get(o.orderId) ?? [];
            const serials = serialsOf.get(o.orderId) ?? [];
            return (
              <li key={o.orderId} data-testid="tree-order">
                <strong>{o.orderId}</strong> · {formatWindow(o.from, o.to, lng, open)} · {t('web.trace.orderFigures', { consumed: o.consumed, good: o.goodQuantity, scrap: o.scrapQuantity })}
                {o.status && ` · ${t(`web.trace.status.${o.status}`, { defaultValue: o.status })}`}
                <ul>
                  {windows.map((w, i) => (
                    <li key={i}>
                      {t('web.trace.window', { line: w.lineId, terminal: w.terminalId, operator: w.operatorId ?? '–', time: formatWindow(w.from, w.to, lng, open) })}
                    </li>
                  ))}
                  {serials.length > 0 && (
                    <li>
                      {t('web.trace.serialsOf', { count: serials.length })}: {serials.map((s) => s.serial).join(', ')}
                    </li>
                  )}
                </ul>
              </li>
            );
          })}
        </ul>
        <h2>{t('web.trace.containers', { count: counts.containers })}</h2>
        <ul data-testid="tree-containers">
          {trace.containers.map((c) => {
            const s = shipmentOf.get(c.containerId);
            return (
              <li key={c.containerId} data-testid="tree-container">
                <strong>{c.containerId}</strong>
                {c.sscc && ` · SSCC ${c.sscc}`} · {t(`web.trace.link.${c.link}`)} · {formatWindow(c.from, c.to, lng, open)}
                {s && ` → ${t('web.trace.shippedIn', { shipment: s.shipmentId, customer: s.customer ?? '–' })}`}
              </li>
            );
          })}
        </ul>
        <h2>{t('web.trace.shipments', { count: counts.shipments })}</h2>
        <ul data-testid="tree-shipments">
          {trace.shipments.map((s) => (
            <li key={s.shipmentId} data-testid="tree-shipment">
              <strong>{s.shipmentId}</strong>
              {s.deliveryNote && ` · ${t('web.trace.deliveryNote', { note: s.deliveryNote })}`} · {s.customer ?? '–'} · {formatTime(s.dispatchedAt, lng)} · {s.containerIds.join(', ')}
            </li>
          ))}
        </ul>
        <h2>{t('web.trace.customers', { count: counts.customers })}</h2>
        <ul data-testid="tree-customers">
          {customers.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
