import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWindow } from '../format';
import type { BatchTrace } from './types';

export function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The orders of a forward trace, each one line with its window, figures and
 * how many serials it made while the batch was loaded; its loads and serials
 * open on demand. A plant-size recall names 200 orders and 9,000 serials:
 * the orders with counts are what a person reads first, and rendering every
 * serial at once cost the page more than the query did. `allOpen` opens every
 * order (the printed report, which must hold every serial whatever is open on
 * screen).
 */
export function OrderTree({ trace, allOpen }: { trace: BatchTrace; allOpen: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const open = t('web.trace.open');
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set());
  // Grouped once: filtering per order is orders × serials (200 × 9,000 in a plant-size recall).
  const windowsOf = useMemo(() => groupBy(trace.windows, (w) => w.orderId), [trace.windows]);
  const serialsOf = useMemo(() => groupBy(trace.serials, (s) => s.orderId), [trace.serials]);
  const toggle = (orderId: string) =>
    setOpened((before) => {
      const next = new Set(before);
      if (!next.delete(orderId)) next.add(orderId);
      return next;
    });

  return (
    <>
      <h2>{t('web.trace.orders', { count: trace.orders.length })}</h2>
      <ul data-testid="tree-orders" className="web-orders">
        {trace.orders.map((o) => {
          const serials = serialsOf.get(o.orderId) ?? [];
          const expanded = allOpen || opened.has(o.orderId);
          const detailId = `trace-order-${o.orderId}`;
          return (
            <li key={o.orderId} data-testid="tree-order">
              <button
                type="button"
                className="web-order-toggle"
                aria-expanded={expanded}
                aria-controls={detailId}
                data-testid="order-toggle"
                onClick={() => toggle(o.orderId)}
              >
                <span>
                  <strong>{o.orderId}</strong> · {formatWindow(o.from, o.to, lng, open)} · {t('web.trace.orderFigures', { consumed: o.consumed, good: o.goodQuantity, scrap: o.scrapQuantity })}
                  {o.status && ` · ${t(`web.trace.status.${o.status}`, { defaultValue: o.status })}`} · <span data-testid="order-serial-count">{t('web.trace.n.serials', { count: serials.length })}</span>
                </span>
                <span className="web-order-more no-print">{t(expanded ? 'web.trace.hideDetail' : 'web.trace.showDetail')}</span>
              </button>
              {expanded && (
                <ul id={detailId} data-testid="order-detail">
                  {(windowsOf.get(o.orderId) ?? []).map((w, i) => (
                    <li key={i}>{t('web.trace.window', { line: w.lineId, terminal: w.terminalId, operator: w.operatorId ?? '–', time: formatWindow(w.from, w.to, lng, open) })}</li>
                  ))}
                  {serials.length > 0 && (
                    <li>
                      {t('web.trace.serialsOf', { count: serials.length })}:
                      <ul className="web-serials" data-testid="order-serials">
                        {serials.map((s) => (
                          <li key={s.serial} data-testid="order-serial">
                            {s.serial}
                          </li>
                        ))}
                      </ul>
                    </li>
                  )}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
