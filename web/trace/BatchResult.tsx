import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../renderer/ui/icons';
import { formatTime, formatWindow } from '../format';
import { BlockPanel } from './BlockPanel';
import { OrderTree } from './OrderTree';
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

/**
 * True from the browser's beforeprint to its afterprint (the print button and
 * the browser's own print alike): the printed report then opens every order,
 * so it holds every serial of the trace whatever is open on screen. flushSync,
 * because the browser lays the page out for print right after the event.
 */
function usePrinting(): { printing: boolean; print: () => void } {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  // Opened before print() too: a browser that fires no beforeprint for it still prints it all.
  const print = () => {
    flushSync(() => setPrinting(true));
    window.print();
  };
  return { printing, print };
}

/** The forward trace of one batch as a tree: orders with their windows and serials, containers, shipments, customers. */
export function BatchResult({ trace, mayBlock, onChanged }: { trace: BatchTrace; mayBlock: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const open = t('web.trace.open');
  const customers = [...new Set(trace.shipments.flatMap((s) => (s.customer ? [s.customer] : [])))].sort();
  const shipmentOf = new Map(trace.shipments.flatMap((s) => s.containerIds.map((c) => [c, s] as const)));
  const { printing, print } = usePrinting();
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
          <button type="button" className="web-btn" data-testid="print" onClick={print}>
            <Icon name="print" /> {t('web.trace.print')}
          </button>
          {mayBlock && <BlockPanel materialId={trace.materialId} batch={trace.batch} blocked={trace.blocked !== null} onChanged={onChanged} />}
        </div>
      </div>
      <div className="web-scroll web-tree" tabIndex={0} aria-label={t('web.trace.tree')}>
        <OrderTree trace={trace} allOpen={printing} />
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
