import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Icon, PowerIcon } from './icons';
import { useTranslation } from 'react-i18next';
import { useApp } from './store-context';
import { orderViews, type OrderView } from '../state/selectors';

/**
 * Cards shown at first and added per "show more". A line with thousands of
 * released orders (an ERP releasing months ahead) would otherwise render
 * thousands of cards on every booking: restarting a terminal with 10,000
 * cached orders took 18 s to the list. Started orders are always shown; any
 * other order opens by scanning its traveller.
 */
export const ORDER_LIST_PAGE = 50;

/**
 * The line's released and started orders as big cards, each with a Start
 * button. Start opens the order and starts it there, through the same
 * material check as the order screen's Start (see the session's startOrder).
 */
export function OrderList({ terminalId }: { terminalId: string }) {
  const { t } = useTranslation();
  const masterLoaded = useApp((s) => s.masterLoaded);
  const terminalRow = useApp((s) => s.terminalRow);
  const line = useApp((s) => s.line);
  const orders = useApp((s) => s.orders);
  const materials = useApp((s) => s.materials);
  const terminal = useApp((s) => s.terminal);
  const startingOrderId = useApp((s) => s.startingOrderId);
  const startOrder = useApp((s) => s.startOrder);
  const openOrder = useApp((s) => s.openOrder);
  const logout = useApp((s) => s.logout);
  const writing = useApp((s) => s.writing);
  const progress = useApp((s) => s.workflow.production.orders);
  const loadProduction = useApp((s) => s.loadProduction);
  // Progress needs the journal folded once; a no-op after that.
  useEffect(() => void loadProduction(), [loadProduction]);

  const views = useMemo(() => orderViews(orders, materials, terminal), [orders, materials, terminal]);
  const [shown, setShown] = useState(ORDER_LIST_PAGE);
  const visible = useMemo(() => views.filter((o, i) => i < shown || o.displayStatus === 'started'), [views, shown]);

  let body: ReactNode;
  if (!masterLoaded) {
    body = (
      <p className="notice notice-busy" role="status" data-testid="orders-waiting">
        <span className="spinner" aria-hidden="true" />
        {t('orders.waiting')}
      </p>
    );
  } else if (!terminalRow) {
    body = (
      <p className="notice notice-nok" role="alert" data-testid="orders-no-terminal">
        <Icon name="warn" />
        {t('orders.noTerminal', { terminalId })}
      </p>
    );
  } else if (views.length === 0) {
    body = (
      <p className="notice" data-testid="orders-empty">
        {t('orders.empty')}
      </p>
    );
  } else {
    body = (
      <>
        <ul className="order-list">
          {visible.map((order) => (
            <OrderCard key={order.id} order={order} good={progress[order.id]?.goodQuantity ?? 0} scrap={progress[order.id]?.scrapQuantity ?? 0} starting={startingOrderId === order.id} disabled={startingOrderId !== null} onStart={() => void startOrder(order.id)} onOpen={() => void openOrder(order.id)} />
          ))}
        </ul>
        {visible.length < views.length && (
          <div className="order-list-more">
            <p className="notice" data-testid="orders-more-notice">
              <Icon name="scan" />
              {t('orders.moreNotice', { shown: visible.length, total: views.length })}
            </p>
            <button type="button" className="btn btn-secondary" onClick={() => setShown((n) => n + ORDER_LIST_PAGE)} data-testid="orders-show-more">
              {t('orders.showMore', { count: Math.min(ORDER_LIST_PAGE, views.length - visible.length) })}
            </button>
          </div>
        )}
      </>
    );
  }

  return (
    <main className="screen order-screen" data-testid="order-screen">
      <div className="screen-header">
        <h1 className="screen-title">{t('orders.title', { line: line?.name ?? terminalRow?.lineId ?? '' })}</h1>
        <button type="button" className="btn btn-secondary" onClick={() => void logout()} disabled={writing} data-testid="logout">
          <PowerIcon />{' '}
          {t('session.logout')}
        </button>
      </div>
      {body}
    </main>
  );
}

interface OrderCardProps {
  order: OrderView;
  /** Good and scrap quantities booked on this terminal (its journal), shown against the target. */
  good: number;
  scrap: number;
  starting: boolean;
  disabled: boolean;
  onStart: () => void;
  onOpen: () => void;
}

function OrderCard({ order, good, scrap, starting, disabled, onStart, onOpen }: OrderCardProps) {
  const { t } = useTranslation();
  const started = order.displayStatus === 'started';
  return (
    <li className={`order-card${order.active ? ' order-active' : ''}`} data-testid={`order-${order.number}`} data-status={order.displayStatus}>
      <div className="order-main">
        <dl className="order-id">
          <dt className="order-number">{order.number}</dt>
          <dd data-testid={`status-${order.number}`} aria-label={t('orders.status')}>
            <Icon name={started ? 'start' : 'open'} />
            {t(`orderStatus.${order.displayStatus}`)}
            {order.active && ` · ${t('orders.active')}`}
          </dd>
          <dd className="order-due">{t('orders.dueOn', { date: order.dueDate })}</dd>
        </dl>
        <dl className="order-facts">
          <div>
            <dt>{t('orders.material')}</dt>
            <dd>{order.materialLabel}</dd>
          </div>
          <div>
            <dt>{t('orders.progress')}</dt>
            <dd data-testid={`progress-${order.number}`} data-good={good}>
              {t('orders.progressValue', { good, quantity: order.quantity, scrap })}
              <progress className="order-progress" value={Math.min(good, order.quantity)} max={order.quantity} aria-hidden="true" />
            </dd>
          </div>
        </dl>
      </div>
      {!started && (
        <button type="button" className="btn btn-primary order-start" disabled={disabled} onClick={onStart} data-testid={`start-${order.number}`} aria-busy={starting}>
          <Icon name="start" />
          {starting ? t('orders.starting') : t('orders.start')}
        </button>
      )}
      <button type="button" className="btn btn-secondary order-open" onClick={onOpen} data-testid={`open-${order.number}`}>
        <Icon name="menu" />
        {t('workflow.open')}
      </button>
    </li>
  );
}
