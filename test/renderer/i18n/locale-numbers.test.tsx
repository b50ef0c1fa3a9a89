import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../shared/events';
import { packageNumberOf } from '../../../shared/labels/container-label';
import { appRig, type AppRig } from '../support/app-rig';
import { change, demoPage, fixedClock, uniqueTerminalId } from '../support/fixtures';
import { renderApp } from '../support/render-app';
import { resources } from '../../../renderer/i18n';
import { formatDateTime, formatDay, formatDuration, formatNumber, formatPercent, formatSigned } from '../../../renderer/i18n/format';

/**
 * Quantities and dates read as the operator's language writes them: a truck
 * loaded with a container of 12960 parts against a call-off of 25920 shows
 * "12.960" and "02.12.2026" in German, "12,960" and the English date in
 * English, on the progress table and on the scan's verdict alike.
 */

const PART = '8W0-907-468-B';
const extra = [
  change('customer', 'c-1', 31, {
    id: 'c-1', name: 'Autowerk Sued', supplierNumber: '47110815',
    shipTo: { name: 'Autowerk Sued Werk 2', address: 'Tor 3', unloadingPoint: 'WE-03' },
    parts: [{ materialId: 'm-1', customerPartNumber: PART }],
  }),
  change('call-off', `c-1/${PART}`, 32, { id: `c-1/${PART}`, customerId: 'c-1', customerPartNumber: PART, scheduleNumber: 'S-1', open: 25920, openFirm: 12960, nextDate: '2026-12-02', updatedAt: '2026-12-01T05:00:00.000Z' }),
];

const rigs: AppRig[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  for (const r of rigs.splice(0)) r.close();
});

async function loadBigContainer(language: 'en' | 'de') {
  const terminalId = uniqueTerminalId();
  const rig = await appRig({ terminalId, pulled: false, deps: { clock: fixedClock() } });
  rigs.push(rig);
  await rig.cache.applyPull(demoPage(terminalId, extra));
  await rig.store.getState().refreshMaster();
  const events: NewEvent[] = [
    { type: 'OrderStarted', orderId: 'o-1', payload: { orderNumber: 'PO-1001', materialId: 'm-1', quantity: 30000 } },
    { type: 'ContainerOpened', orderId: 'o-1', payload: { containerId: 'C-BIG', capacity: 20000, materialId: 'm-1' } },
    { type: 'PartPacked', orderId: 'o-1', payload: { containerId: 'C-BIG', quantity: 12960 } },
    { type: 'ContainerClosed', orderId: 'o-1', payload: { containerId: 'C-BIG' } },
  ];
  expect((await rig.journal.append(events, { clock: fixedClock() })).ok).toBe(true);
  const view = await renderApp(rig, language);
  cleanups.push(view.unwire);
  await act(async () => rig.store.getState().handleScan({ raw: 'B1001' }));
  fireEvent.click(await screen.findByTestId('dispatch-open'));
  fireEvent.click(await screen.findByTestId('dispatch-start-c-1'));
  await screen.findByTestId('dispatch-progress');
  act(() => rig.bridge.emit('scanner:scan', { raw: 'C-BIG', source: 'serial', receivedAt: '2026-12-01T06:00:00.000Z' }));
  await waitFor(() => expect(screen.getByTestId('dispatch-verdict').dataset.code).toBe('container-loaded'));
  return { verdict: screen.getByTestId('dispatch-verdict').textContent ?? '', row: screen.getByTestId(`dispatch-part-${PART}`).textContent ?? '' };
}

describe('numbers and dates in the operator locale', () => {
  it('German: 12.960 parts, a call-off of 25.920, next on 02.12.2026', async () => {
    const { verdict, row } = await loadBigContainer('de');
    expect(verdict).toContain(`Verladen: ${packageNumberOf('C-BIG')} · ${PART} × 12.960`);
    expect(row).toContain('12.960');
    expect(row).toContain('25.920');
    expect(row).toContain('12.960 fest');
    expect(row).toContain('nächster 02.12.2026');
    expect(row).not.toMatch(/12960|2026-12-02/);
  });

  it('English: 12,960 parts, a call-off of 25,920, next on Dec 2, 2026', async () => {
    const { verdict, row } = await loadBigContainer('en');
    expect(verdict).toContain(`× 12,960`);
    expect(row).toContain('25,920');
    expect(row).toContain('12,960 firm');
    expect(row).toContain('Dec 2, 2026');
    expect(row).not.toMatch(/12960|2026-12-02/);
  });
});

/**
 * Placeholders that carry words or identifiers (an order number, a batch, a
 * sequence position, a rack): shown exactly as given, never grouped. Any
 * other placeholder is a figure and must name its format, so that a new
 * message cannot show "12960" again.
 */
const SHOWN_AS_GIVEN = new Set([
  'name', 'batch', 'message', 'reason', 'rackId', 'id', 'serial', 'containerId', 'material', 'orderNumber', 'list', 'customer', 'code',
  'approver', 'scan', 'kind', 'status', 'customerPartNumber', 'blockReason', 'what', 'unloadingPoint', 'terminalId', 'templateId', 'order',
  'materialNumber', 'line', 'customerId', 'approvedBy', 'sequenceNumber', 'number', 'slot', 'from', 'to', 'next', 'revision', 'value',
  'scanned', 'expected', 'built', 'before', 'after', 'previous', 'missing', 'age', 'sscc', 'sequenceCustomer',
]);

function strings(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
}

describe('every figure in a translation names its format', () => {
  for (const language of ['de', 'en'] as const) {
    it(`${language}: no bare numeric placeholder`, () => {
      const bare = strings(resources[language].translation).flatMap(([key, text]) =>
        [...text.matchAll(/\{\{([^},]+)(,[^}]*)?\}\}/g)].filter((m) => !m[2] && !SHOWN_AS_GIVEN.has(m[1]!.trim())).map((m) => `${key}: ${m[0]}`),
      );
      expect(bare).toEqual([]);
    });
  }
});

describe('format', () => {
  it('numbers, signed changes and percentages follow the language', () => {
    expect(formatNumber(12960, 'de')).toBe('12.960');
    expect(formatNumber(12960, 'en')).toBe('12,960');
    expect(formatNumber(0.25, 'de')).toBe('0,25');
    expect(formatSigned('+12960', 'de')).toBe('+12.960');
    expect(formatSigned(-3, 'en')).toBe('-3');
    expect(formatSigned(0, 'en')).toBe('0');
    expect(formatPercent(87.5, 'de')).toBe('87,5\u00a0%');
    expect(formatPercent(87.5, 'en')).toBe('87.5%');
  });

  it('a calendar day stays that day; a moment shows date and time', () => {
    expect(formatDay('2026-12-02', 'de')).toBe('02.12.2026');
    expect(formatDay('2026-12-02', 'en')).toBe('Dec 2, 2026');
    expect(formatDay('not a day', 'de')).toBe('not a day');
    expect(formatDateTime('2026-12-02', 'de')).toBe('02.12.2026');
    expect(formatDateTime(new Date(2026, 11, 2, 14, 5), 'de')).toBe('02.12.2026, 14:05');
  });

  it('durations: two largest units, figures grouped', () => {
    expect(formatDuration(45_000, 'de')).toBe('45 s');
    expect(formatDuration(3_900_000, 'de')).toBe('1 h 5 min');
    expect(formatDuration(1_200 * 86_400_000, 'de')).toBe('1.200 d');
  });
});
