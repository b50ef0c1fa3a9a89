import { describe, expect, it } from 'vitest';
import { parseBarcode } from '../../../shared/barcode';
import {
  acknowledgeGap,
  acknowledgeMismatch,
  currentPosition,
  findGaps,
  matchesPosition,
  nextPositions,
  override,
  positionStatus,
  pullAhead,
  readPartLabel,
  skipPosition,
  verifyScan,
  type PartLabelConfig,
} from '../../../shared/jis';
import { T0 } from '../production/journal';
import { callOff, leadApproval, Station } from './harness';

const part = (n: number) => ({ partNumber: `P-${n % 3}`, variant: `V${n % 2}` });
const current = (s: Station) => currentPosition(s.state)?.data.sequenceNumber;

describe('readPartLabel and matchesPosition', () => {
  const GS = '\u001d';
  it.each<{ name: string; raw: string; config: PartLabelConfig; expected: ReturnType<typeof readPartLabel> }>([
    {
      name: 'ISO 15434 label: part number (P), variant from revision (2P), serial (S)',
      raw: `[)>\u001e06${GS}P5G0807217${GS}2PGRU${GS}S123456\u001e\u0004`,
      config: { variant: { kind: 'field', field: 'revision' } },
      expected: { partNumber: '5G0807217', variant: 'GRU', serial: '123456' },
    },
    {
      name: 'plain code with the variant as a suffix',
      raw: '5G0807217-GRU',
      config: { variant: { kind: 'suffix', separator: '-' } },
      expected: { partNumber: '5G0807217', variant: 'GRU' },
    },
    { name: 'plain code, no variant on the label', raw: '5G0807217', config: { variant: { kind: 'none' } }, expected: { partNumber: '5G0807217' } },
  ])('$name', ({ raw, config, expected }) => {
    expect(readPartLabel(parseBarcode(raw, { referenceYear: 2026 }), config)).toEqual(expected);
  });

  it('reads a GS1 label: customer part number (AI 241), variant from a company-internal AI', () => {
    const parsed = parseBarcode('(01)04012345000009(241)5G0807217(21)S-9(91)BLK', { referenceYear: 2026 });
    expect(readPartLabel(parsed, { variant: { kind: 'internal', ai: '91' } })).toEqual({ partNumber: '5G0807217', variant: 'BLK', serial: 'S-9' });
    expect(readPartLabel(parseBarcode('(01)04012345000009(21)S-9', { referenceYear: 2026 }))).toBeNull();
    expect(readPartLabel({ partNumber: ' ' })).toBeNull();
  });

  it.each([
    { part: { partNumber: '5G0 807 217', variant: 'gru' }, position: { customerPartNumber: '5G0807217', variant: 'GRU' }, match: true },
    { part: { partNumber: '5G0807217' }, position: { customerPartNumber: '5G0807217', variant: '' }, match: true },
    { part: { partNumber: '5G0807217', variant: 'GRU' }, position: { customerPartNumber: '5G0807217', variant: '' }, match: true },
    { part: { partNumber: '5G0807217' }, position: { customerPartNumber: '5G0807217', variant: 'GRU' }, match: false },
    { part: { partNumber: '5G0807217', variant: 'BLK' }, position: { customerPartNumber: '5G0807217', variant: 'GRU' }, match: false },
    { part: { partNumber: '5G0807218', variant: 'GRU' }, position: { customerPartNumber: '5G0807217', variant: 'GRU' }, match: false },
  ])('$part.partNumber/$part.variant vs $position.customerPartNumber/$position.variant → $match', ({ part: p, position, match }) => {
    expect(matchesPosition(p, position)).toBe(match);
  });
});

describe('verifyScan', () => {
  it('advances on the right part and records it with its serial', () => {
    const s = new Station(callOff([1, 2, 3]));
    const verdict = s.run(verifyScan(s.state, { ...part(1), serial: 'SN-1' }, T0));
    expect(verdict).toMatchObject({ ok: true, sequenceNumber: 1, slot: 1, late: false, rackLabelRequired: false });
    expect(verdict.ok && verdict.events[0]).toEqual({
      type: 'SequencePartVerified',
      payload: { sequenceId: 'SEQ-1', sequenceNumber: 1, customerPartNumber: 'P-1', serial: 'SN-1' },
    });
    expect(current(s)).toBe(2);
    expect(nextPositions(s.state, 5).map((p) => p.data.sequenceNumber)).toEqual([3]);
  });

  it('flags a late position', () => {
    const s = new Station(callOff([1]));
    expect(verifyScan(s.state, part(1), Date.parse('2026-11-25T08:00:01.000Z'))).toMatchObject({ ok: true, late: true });
  });

  it('blocks on a wrong part until acknowledged, then takes the same position again', () => {
    const s = new Station(callOff([1, 2]));
    const wrong = s.run(verifyScan(s.state, part(2), T0));
    expect(wrong).toMatchObject({ ok: false, reason: { code: 'sequence-mismatch', params: { sequenceNumber: 1, expected: 'P-1 / V1', scanned: 'P-2 / V0' } } });
    expect(wrong.events?.map((e) => e.type)).toEqual(['SequenceMismatch']);
    expect(s.state.mode).toBe('awaiting-ack');
    expect(verifyScan(s.state, part(1), T0)).toMatchObject({ ok: false, reason: { code: 'awaiting-ack' } });
    expect(acknowledgeMismatch(s.state).ok).toBe(true);
    s.run(acknowledgeMismatch(s.state));
    expect(acknowledgeMismatch(s.state)).toMatchObject({ ok: false, reason: { code: 'nothing-to-acknowledge' } });
    expect(current(s)).toBe(1);
    s.run(verifyScan(s.state, part(1), T0));
    expect(current(s)).toBe(2);
    expect(s.state.lastMismatch).toBeNull();
  });

  it('lets a shift lead accept the wrong part with a reason (also before the acknowledgement)', () => {
    const s = new Station(callOff([1, 2]));
    expect(override(s.state, leadApproval)).toMatchObject({ ok: false, reason: { code: 'override-without-mismatch' } });
    s.run(verifyScan(s.state, part(2), T0));
    const verdict = s.run(override(s.state, leadApproval, 'equivalent part, customer agreed'));
    expect(verdict.ok && verdict.events[0]).toEqual({
      type: 'SequenceOverride',
      payload: { sequenceId: 'SEQ-1', sequenceNumber: 1, reason: 'equivalent part, customer agreed', approvedBy: 'op-lead' },
    });
    expect(s.state.mode).toBe('ready');
    expect(s.state.positions[0]).toMatchObject({ build: { kind: 'overridden', part: 'P-2 / V0', approvedBy: 'op-lead' }, rackSlot: { slot: 1 } });
    expect(current(s)).toBe(2);
  });

  it('refuses unreadable labels without recording a mismatch', () => {
    const s = new Station(callOff([1]));
    expect(s.run(verifyScan(s.state, parseBarcode(''), T0))).toMatchObject({ ok: false, reason: { code: 'part-label-unreadable' } });
    expect(s.events).toEqual([]);
  });

  it('says when the sequence is complete', () => {
    const s = new Station(callOff([1]));
    s.run(verifyScan(s.state, part(1), T0));
    expect(verifyScan(s.state, part(1), T0)).toMatchObject({ ok: false, reason: { code: 'sequence-complete' } });
  });
});

describe('gaps and breaks', () => {
  it('stops at a missing sequence number until the operator has seen it', () => {
    const s = new Station(callOff([1, 2, 5, 6, 8]));
    expect(findGaps(s.state)).toEqual([
      { from: 3, to: 4, before: 5 },
      { from: 7, to: 7, before: 8 },
    ]);
    s.run(verifyScan(s.state, part(1), T0));
    expect(acknowledgeGap(s.state)).toMatchObject({ ok: false, reason: { code: 'no-gap' } });
    s.run(verifyScan(s.state, part(2), T0));
    expect(verifyScan(s.state, part(5), T0)).toMatchObject({ ok: false, reason: { code: 'sequence-gap', params: { from: 3, to: 4 } } });
    const ack = s.run(acknowledgeGap(s.state));
    expect(ack.ok && ack.events).toEqual([{ type: 'SequenceGapAcknowledged', payload: { sequenceId: 'SEQ-1', from: 3, to: 4 } }]);
    expect(verifyScan(s.state, part(5), T0).ok).toBe(true);
  });

  it('skips the current position only as a recorded break', () => {
    const s = new Station(callOff([1, 2, 3]));
    expect(skipPosition(s.state, leadApproval, ' ')).toMatchObject({ ok: false, reason: { code: 'break-reason-required' } });
    s.run(skipPosition(s.state, leadApproval, 'quality hold on vehicle'));
    expect(positionStatus(s.state.positions[0]!)).toBe('skipped');
    expect(s.state.breaks).toEqual([{ sequenceNumber: 1, kind: 'skipped', reason: 'quality hold on vehicle', approvedBy: 'op-lead' }]);
    expect(current(s)).toBe(2);
    expect(s.state.positions[0]?.rackSlot).toBeNull();
  });

  it('skipping a blocked position clears the block', () => {
    const s = new Station(callOff([1, 2]));
    s.run(verifyScan(s.state, part(2), T0));
    s.run(skipPosition(s.state, leadApproval));
    expect(s.state).toMatchObject({ mode: 'ready', lastMismatch: null });
  });

  it('pulls a later position ahead; the positions passed over stay open and come back', () => {
    const s = new Station(callOff([1, 2, 3, 4]));
    s.run(verifyScan(s.state, part(1), T0));
    expect(pullAhead(s.state, 2, leadApproval)).toMatchObject({ ok: false, reason: { code: 'position-not-ahead' } });
    expect(pullAhead(s.state, 1, leadApproval)).toMatchObject({ ok: false, reason: { code: 'position-not-open' } });
    expect(pullAhead(s.state, 9, leadApproval)).toMatchObject({ ok: false, reason: { code: 'position-not-open' } });
    s.run(pullAhead(s.state, 4, leadApproval, 'vehicle re-sequenced'));
    expect(pullAhead(s.state, 3, leadApproval)).toMatchObject({ ok: false, reason: { code: 'pull-ahead-pending' } });
    expect(current(s)).toBe(4);
    s.run(verifyScan(s.state, part(4), T0));
    expect(current(s)).toBe(2);
    expect(s.state.breaks).toMatchObject([{ sequenceNumber: 4, kind: 'pulled-ahead' }]);
    expect(s.state.positions.map((p) => p.rackSlot?.slot)).toEqual([1, undefined, undefined, 2]);
  });

  it('a pull-ahead passes a gap without an acknowledgement (the break is the record)', () => {
    const s = new Station(callOff([1, 2, 5]));
    s.run(pullAhead(s.state, 5, leadApproval, 'urgent'));
    expect(verifyScan(s.state, part(5), T0).ok).toBe(true);
  });
});
