import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebI18n, type Language } from '../../../web/i18n';
import { BatchResult } from '../../../web/trace/BatchResult';
import { recallCsv } from '../../../web/trace/recall-csv';
import type { BatchTrace } from '../../../web/trace/types';

/**
 * The forward trace on the web Trace page: orders with their counts first,
 * an order's loads and serials on demand, and the exports (CSV, printed
 * report) holding every serial of the trace whatever is open on screen.
 */

const at = (hm: string) => `2025-01-06T${hm}:00.000Z`;
const serial = (orderId: string, n: number) => ({ serial: `S-${orderId}-${n}`, orderId, producedAt: at(`07:0${n}`), link: 'window' as const });

const TRACE: BatchTrace = {
  materialId: 'M-HOUSING',
  batch: 'H-1',
  blocked: null,
  suppliers: ['Gehäusebau GmbH'],
  windows: [
    { orderId: 'ORD-1', lineId: 'L1', terminalId: 'T-1', operatorId: 'OP-1', from: at('06:00'), to: at('08:00'), supplier: 'Gehäusebau GmbH' },
    { orderId: 'ORD-2', lineId: 'L2', terminalId: 'T-2', operatorId: 'OP-2', from: at('06:00'), to: null, supplier: null },
    { orderId: 'ORD-3', lineId: 'L3', terminalId: 'T-3', operatorId: null, from: at('06:00'), to: at('06:01'), supplier: null },
  ],
  orders: [
    { orderId: 'ORD-1', from: at('06:00'), to: at('08:00'), consumed: 2, goodQuantity: 2, scrapQuantity: 0, status: 'completed' },
    { orderId: 'ORD-2', from: at('06:00'), to: null, consumed: 3, goodQuantity: 3, scrapQuantity: 1, status: 'running' },
    { orderId: 'ORD-3', from: at('06:00'), to: at('06:01'), consumed: 0, goodQuantity: 0, scrapQuantity: 0, status: null },
  ],
  serials: [serial('ORD-1', 1), serial('ORD-1', 2), serial('ORD-2', 1), serial('ORD-2', 2), serial('ORD-2', 3)],
  containers: [
    { containerId: 'C-1', sscc: null, openedAt: at('06:00'), closedAt: at('08:00'), link: 'serial', from: at('07:01'), to: at('07:02') },
    { containerId: 'C-2', sscc: '340123450000000017', openedAt: at('06:00'), closedAt: null, link: 'serial', from: at('07:01'), to: at('07:03') },
  ],
  shipments: [{ shipmentId: 'SH-1', deliveryNote: '4711', customerId: 'K-1', customer: 'Autowerk Süd', status: 'written', dispatchedAt: at('09:00'), containerIds: ['C-1'] }],
};

async function show(language: Language = 'en') {
  const i18n = await createWebI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <BatchResult trace={TRACE} mayBlock={false} onChanged={() => {}} />
    </I18nextProvider>,
  );
}

const serialsShown = () => screen.queryAllByTestId('order-serial').map((li) => li.textContent);
const orderRow = (orderId: string) => screen.getAllByTestId('tree-order').find((li) => li.textContent?.startsWith(orderId))!;

describe('web Trace page: the forward trace of a batch', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('lists the orders with their serial counts first and renders no serial until an order is opened', async () => {
    await show();
    expect(screen.getAllByTestId('tree-order').map((li) => li.textContent?.split(' ')[0])).toEqual(['ORD-1', 'ORD-2', 'ORD-3']);
    expect(screen.getAllByTestId('order-serial-count').map((c) => c.textContent)).toEqual(['2 serials', '3 serials', '0 serials']);
    expect(screen.getByTestId('batch-counts').textContent).toContain('3 orders · 5 serials · 2 containers · 1 shipment · 1 customer');
    expect(serialsShown()).toEqual([]);
    expect(screen.getAllByTestId('order-toggle').map((b) => b.getAttribute('aria-expanded'))).toEqual(['false', 'false', 'false']);
  });

  it('opens one order to its loads and exactly its serials, and closes it again', async () => {
    await show();
    const toggle = within(orderRow('ORD-2')).getByTestId('order-toggle');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(serialsShown()).toEqual(['S-ORD-2-1', 'S-ORD-2-2', 'S-ORD-2-3']);
    const detail = within(orderRow('ORD-2')).getByTestId('order-detail');
    expect(toggle.getAttribute('aria-controls')).toBe(detail.id);
    expect(detail.textContent).toContain('Line L2 · terminal T-2 · operator OP-2');
    expect(detail.textContent).toContain('still loaded');
    expect(within(orderRow('ORD-1')).queryByTestId('order-detail')).toBeNull();

    fireEvent.click(within(orderRow('ORD-1')).getByTestId('order-toggle'));
    expect(serialsShown()).toEqual(['S-ORD-1-1', 'S-ORD-1-2', 'S-ORD-2-1', 'S-ORD-2-2', 'S-ORD-2-3']);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(serialsShown()).toEqual(['S-ORD-1-1', 'S-ORD-1-2']);
  });

  it('exports every serial of the trace as CSV with no order opened', async () => {
    await show();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:recall';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    fireEvent.click(screen.getByTestId('export-csv'));
    expect(names).toEqual(['recall-M-HOUSING-H-1.csv']);
    // jsdom's Blob has no text(); FileReader reads it as a browser would.
    const csv = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(blobs[0]!);
    });
    expect(csv).toBe(recallCsv(TRACE));
    const serialRows = csv.split('\r\n').filter((line) => line.startsWith('serial,'));
    expect(serialRows.map((line) => line.split(',')[1])).toEqual(TRACE.serials.map((s) => s.serial));
  });

  it('prints every order open with all its serials, from the print button and from the browser menu, and closes them after', async () => {
    await show();
    fireEvent.click(within(orderRow('ORD-1')).getByTestId('order-toggle'));
    const atPrint: (string | null)[][] = [];
    vi.spyOn(window, 'print').mockImplementation(() => {
      atPrint.push(serialsShown());
    });
    fireEvent.click(screen.getByTestId('print'));
    expect(atPrint).toEqual([TRACE.serials.map((s) => s.serial)]);
    act(() => {
      window.dispatchEvent(new Event('afterprint'));
    });
    expect(serialsShown()).toEqual(['S-ORD-1-1', 'S-ORD-1-2']);

    // Ctrl+P: the browser fires beforeprint and lays out for print right after it.
    window.dispatchEvent(new Event('beforeprint'));
    expect(serialsShown()).toEqual(TRACE.serials.map((s) => s.serial));
    act(() => {
      window.dispatchEvent(new Event('afterprint'));
    });
    expect(serialsShown()).toEqual(['S-ORD-1-1', 'S-ORD-1-2']);
  });

  it('speaks German: counts and the open control', async () => {
    await show('de');
    expect(screen.getAllByTestId('order-serial-count').map((c) => c.textContent)).toEqual(['2 Seriennummern', '3 Seriennummern', '0 Seriennummern']);
    const toggle = within(orderRow('ORD-1')).getByTestId('order-toggle');
    expect(toggle.textContent).toContain('Rüstungen und Seriennummern zeigen');
    fireEvent.click(toggle);
    expect(toggle.textContent).toContain('Rüstungen und Seriennummern ausblenden');
  });
});
