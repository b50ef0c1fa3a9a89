import './dispatch.css';
import { useContext, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RawScan } from '../../../shared/bridge';
import { packageNumberOf } from '../../../shared/labels/container-label';
import { deliveryProgress } from '../../../shared/shipping/delivery';
import type { ShipmentItem } from '../../../shared/shipping/shipment';
import { useLocaleFormat } from '../../i18n/format';
import { messageParams } from '../../i18n/params';
import { Icon } from '../icons';
import { ScanRouterContext } from '../scan-test/scan-router-context';
import { beep } from '../sound';
import { useApp } from '../store-context';
import { DispatchProgress } from './DispatchProgress';

/**
 * Logistics loading a truck: choose the customer, scan each container's
 * label (every scan answers OK or NOK by colour, icon, sound and text),
 * watch the call-off fill, close the truck. While open it takes every scan.
 */
export function DispatchScreen({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const f = useLocaleFormat();
  const router = useContext(ScanRouterContext);
  const dispatch = useApp((s) => s.dispatch);
  const customers = useApp((s) => s.dispatchCustomers);
  const callOffs = useApp((s) => s.dispatchCallOffs);
  const verdict = useApp((s) => s.dispatchVerdict);
  const racks = useApp((s) => s.dispatchRacks);
  const busy = useApp((s) => s.dispatchBusy);
  const openDispatch = useApp((s) => s.openDispatch);
  const start = useApp((s) => s.startDispatchDelivery);
  const scan = useApp((s) => s.dispatchScan);
  const closeTruck = useApp((s) => s.closeDispatchDelivery);

  useEffect(() => void openDispatch(), [openDispatch]);
  useEffect(() => router.capture((s: RawScan) => void scan(s.raw)), [router, scan]);
  useEffect(() => {
    if (verdict) beep(verdict.tone);
  }, [verdict]);

  const open = dispatch.open;
  const customer = customers.find((c) => c.id === open?.customerId);
  // Only the parts this customer buys from us: a call-off line for a part we do not make cannot be loaded.
  const progress = useMemo(
    () => (open && customer ? deliveryProgress(dispatch, open.customerId, callOffs.filter((c) => customer.parts.some((p) => p.customerPartNumber === c.customerPartNumber))) : []),
    [dispatch, open, customer, callOffs],
  );
  // One row per container or rack, newest first; a rack of mixed variants lists each of its parts.
  const containers = useMemo(() => {
    const byId = new Map<string, ShipmentItem[]>();
    for (const i of open?.items ?? []) byId.set(i.containerId, [...(byId.get(i.containerId) ?? []), i]);
    return [...byId].map(([containerId, items]) => ({ containerId, items, rack: items.some((i) => i.sequenceId) })).reverse();
  }, [open]);

  // A container is named by the package number its label prints (the operator has that in hand, not the internal id); a rack's label prints its id.
  const rackIds = useMemo(() => new Set(racks.sequences.flatMap((s) => s.racks.map((r) => r.rackId))), [racks]);
  const labelOf = (id: unknown) => (typeof id === 'string' && !rackIds.has(id) ? packageNumberOf(id) : id);
  const params = verdict
    ? { ...verdict.params, containerId: labelOf(verdict.params['containerId'] ?? verdict.params['rackId']), id: labelOf(verdict.params['id']), what: verdict.params['customerPartNumber'] ?? verdict.params['materialId'] ?? '' }
    : {};
  return (
    <main className="screen dispatch-screen" data-testid="dispatch-screen" aria-busy={busy}>
      <header className="dispatch-header">
        <button type="button" className="btn btn-secondary" onClick={onClose} data-testid="dispatch-back">
          <Icon name="back" />
          {t('dispatch.back')}
        </button>
        <h1>
          <Icon name="truck" />
          {open && customer ? t('dispatch.delivery', { customer: customer.name, unloadingPoint: open.unloadingPoint || t('dispatch.noUnloadingPoint') }) : t('dispatch.title')}
        </h1>
      </header>

      {verdict && (
        <p className={`dispatch-verdict dispatch-verdict-${verdict.tone}`} role={verdict.tone === 'ok' ? 'status' : 'alert'} data-testid="dispatch-verdict" data-tone={verdict.tone} data-code={verdict.code}>
          <Icon name={verdict.tone === 'ok' ? 'ok' : 'nok'} className="dispatch-verdict-icon" />
          <span>{t(`dispatch.verdict.${verdict.code}`, messageParams(params, i18n.language))}</span>
        </p>
      )}

      {!open ? (
        <section className="dispatch-customers" aria-label={t('dispatch.chooseCustomer')}>
          <h2>{t('dispatch.chooseCustomer')}</h2>
          {customers.length === 0 && <p className="notice">{t('dispatch.noCustomers')}</p>}
          {customers.map((c) => (
            <button key={c.id} type="button" className="btn btn-primary dispatch-customer" disabled={busy} onClick={() => void start(c.id)} data-testid={`dispatch-start-${c.id}`}>
              <Icon name="truck" />
              <span>{c.name}</span>
              <small>{c.shipTo.name}{c.shipTo.unloadingPoint ? ` · ${c.shipTo.unloadingPoint}` : ''}</small>
            </button>
          ))}
        </section>
      ) : (
        <div className="dispatch-layout">
          <section className="dispatch-work">
            <p className="dispatch-hint">
              <Icon name="scan" />
              {t('dispatch.scanHint')}
            </p>
            <DispatchProgress progress={progress} />
            <button type="button" className="btn btn-primary dispatch-close" disabled={busy || open.items.length === 0} onClick={() => void closeTruck()} data-testid="dispatch-close">
              <Icon name="closeContainer" />
              {t('dispatch.close')}
            </button>
            <p className="screen-hint">{t('dispatch.closeHint')}</p>
          </section>
          <section className="dispatch-loaded" aria-label={t('dispatch.containers', { count: containers.length })}>
            <h2>{t('dispatch.containers', { count: containers.length })}</h2>
            {containers.length === 0 ? <p>{t('dispatch.none')}</p> : (
              <ul data-testid="dispatch-loaded">
                {containers.map((c) => (
                  <li key={c.containerId} data-testid={`dispatch-loaded-${c.containerId}`}>
                    <Icon name="ok" />
                    <span className="dispatch-container-id">{c.rack ? c.containerId : packageNumberOf(c.containerId)}</span>
                    {/* A rack of mixed variants: one line per part, so none runs out of the list. */}
                    {c.items.map((i) => <span key={i.customerPartNumber} className="dispatch-part">{i.customerPartNumber} × {f.number(i.quantity)}</span>)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </main>
  );
}
