import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, enc } from '../api';
import { formatTime } from '../format';
import { EdiStatus } from './EdiStatus';
import type { DeliveryNoteTrace, ShipmentRow } from './types';

/** Shipments as the server received them, newest first; a row opens what the truck held (the delivery-note trace). */
export function DeliveriesPanel({ mayTrace }: { mayTrace: boolean }) {
  const { t, i18n } = useTranslation();
  const [shipments, setShipments] = useState<ShipmentRow[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const number = new Intl.NumberFormat(i18n.language === 'de' ? 'de-DE' : 'en-GB');

  useEffect(() => {
    void api<{ shipments: ShipmentRow[] }>('GET', '/api/v1/edi/shipments').then((r) => (r.ok ? setShipments(r.value.shipments) : setError(r.error.message)));
  }, []);

  const chosen = shipments.find((s) => s.shipment_id === selected);
  return (
    <>
      {error && <p className="web-error" role="alert">{error}</p>}
      <div className="web-split">
        <div className="web-scroll" tabIndex={0} aria-label={t('web.edi.deliveries')}>
          <table className="web-table" data-testid="edi-shipments">
            <thead>
              <tr>
                <th>{t('web.edi.dispatchedAt')}</th>
                <th>{t('web.edi.deliveryNote')}</th>
                <th>{t('web.edi.customer')}</th>
                <th>{t('web.edi.holds')}</th>
                <th>{t('web.edi.state')}</th>
              </tr>
            </thead>
            <tbody>
              {shipments.map((s) => (
                <tr key={s.shipment_id} data-testid="edi-shipment-row" data-shipment={s.shipment_id} className={s.shipment_id === selected ? 'web-row-selected' : undefined}>
                  <td>{formatTime(s.dispatched_at, i18n.language)}</td>
                  <td>{s.delivery_note ?? '–'}</td>
                  <td>{[s.customer_id, s.unloading_point].filter(Boolean).join(' · ') || '–'}</td>
                  <td>{t('web.edi.holdsValue', { count: s.containers, parts: number.format(s.quantity) })}</td>
                  <td>
                    <button type="button" className="web-btn web-btn-row" onClick={() => setSelected(s.shipment_id)} aria-pressed={s.shipment_id === selected} data-testid="edi-shipment-open">
                      <EdiStatus status={s.status} />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shipments.length === 0 && !error && <p className="web-hint">{t('web.edi.noShipments')}</p>}
        </div>
        <ShipmentDetail shipment={chosen} mayTrace={mayTrace} />
      </div>
    </>
  );
}

function ShipmentDetail({ shipment, mayTrace }: { shipment: ShipmentRow | undefined; mayTrace: boolean }) {
  const { t, i18n } = useTranslation();
  const [trace, setTrace] = useState<DeliveryNoteTrace | null>(null);
  const note = shipment?.delivery_note ?? null;
  const customer = shipment?.customer_id ?? null;
  useEffect(() => {
    setTrace(null);
    if (!note || !mayTrace) return;
    const query = customer ? `?customer=${enc(customer)}` : '';
    void api<DeliveryNoteTrace>('GET', `/api/v1/trace/delivery-note/${enc(note)}${query}`).then((r) => r.ok && setTrace(r.value));
  }, [note, customer, mayTrace]);
  if (!shipment) return <aside className="web-detail web-hint">{t('web.edi.pickShipment')}</aside>;
  const number = new Intl.NumberFormat(i18n.language === 'de' ? 'de-DE' : 'en-GB');
  const mine = trace?.shipments.find((s) => s.shipmentId === shipment.shipment_id);
  return (
    <aside className="web-detail" data-testid="edi-shipment-detail" aria-label={t('web.edi.detail')}>
      <h2>{t('web.edi.shipmentTitle', { note: shipment.delivery_note ?? '–', terminal: shipment.terminal_id })}</h2>
      <EdiStatus status={shipment.status} />
      {shipment.error && <p className="web-problem">{shipment.error}</p>}
      {shipment.master_sscc && (
        <p data-testid="edi-shipment-master">
          {t('web.edi.masterLabel')}: <strong>{shipment.master_sscc}</strong>
        </p>
      )}
      {mine && (
        <ul data-testid="edi-shipment-containers">
          {mine.containers.map((c) => (
            <li key={c.containerId}>
              <strong>{c.sscc ?? c.containerId}</strong> · {c.customerPartNumber} · {t('web.edi.parts', { count: c.quantity, n: number.format(c.quantity) })}
              {c.declaredBatches.length > 0 && ` · ${t('web.edi.batches')}: ${c.declaredBatches.join(', ')}`}
              {mine.refusals
                .filter((r) => r.containerId === c.containerId)
                .map((r) => (
                  <p key={r.code} className="web-problem web-nok">
                    {t(`web.edi.refusal.${r.code}`, { defaultValue: r.message })} <span className="web-code">{r.code}</span>
                  </p>
                ))}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
