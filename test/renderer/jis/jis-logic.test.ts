import { describe, expect, it } from 'vitest';
import de from '../../../renderer/i18n/jis.de.json';
import en from '../../../renderer/i18n/jis.en.json';
import { chainView, rackLabel, rackLabelData, restoreJisState } from '../../../renderer/state/jis-logic';
import { verifyScan } from '../../../shared/jis';
import { renderSvg } from '../../../shared/labels/svg';
import type { EventEnvelope } from '../../../shared/events';
import type { JisSequence } from '../../../shared/master-data';
import { JIS_CONFIG, jisRow } from './jis-fixtures';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

let seq = 0;
const envelope = (e: { type: string; payload: object }): EventEnvelope => ({
  id: '00000000-0000-7000-8000-000000000000',
  terminalId: 'T',
  seq: ++seq,
  type: e.type,
  occurredAt: '2025-03-01T06:00:00.000Z',
  payload: e.payload as Record<string, unknown>,
  schemaVersion: 1,
});

describe('JIS screen logic', () => {
  it('de and en name the same keys', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it('restores from the cached call-off plus the journal, ignoring other event types', () => {
    const row = jisRow() as JisSequence;
    let state = restoreJisState(row, [], JIS_CONFIG);
    const verdict = verifyScan(state, { partNumber: 'PA100', variant: 'SW' }, 0);
    if (!verdict.ok) throw new Error(verdict.reason.message);
    const events = [envelope({ type: 'OrderStarted', payload: { orderNumber: 'x', materialId: 'm', quantity: 1 } }), ...verdict.events.map(envelope)];
    state = restoreJisState(row, events, JIS_CONFIG);
    const view = chainView(state);
    expect(view.current?.data.sequenceNumber).toBe(2);
    expect(view.done.map((p) => p.data.sequenceNumber)).toEqual([1]);
    expect(view.gaps).toEqual([{ from: 4, to: 4, before: 5 }]);
  });

  it('builds the jis-rack label data with rising sequence numbers and renders model and preview', () => {
    const row = jisRow() as JisSequence;
    const built = restoreJisState(row, [], JIS_CONFIG);
    const a = verifyScan(built, { partNumber: 'PA100', variant: 'SW' }, 0);
    if (!a.ok) throw new Error('a');
    const afterA = restoreJisState(row, a.events.map(envelope), JIS_CONFIG);
    const b = verifyScan(afterA, { partNumber: 'PB200', variant: 'GR' }, 0);
    if (!b.ok) throw new Error('b');
    const full = restoreJisState(row, [...a.events, ...b.events].map(envelope), JIS_CONFIG);
    const data = rackLabelData(full, 'JIS-T-R1');
    expect(data).toMatchObject({ rack: 'JIS-T-R1', partNumber: 'MIXED', unloadingPoint: 'Tor 3', callOff: 'REV 1' });
    expect(data.positions).toEqual([
      { sequence: 1, vehicle: 'VIN700101' },
      { sequence: 2, vehicle: 'VIN700102' },
    ]);
    const label = rackLabel(full, 'JIS-T-R1', renderSvg);
    expect(label.ok && label.value.svg?.startsWith('<svg')).toBe(true);
  });
});
