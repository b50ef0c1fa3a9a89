import { describe, expect, it } from 'vitest';
import {
  approveOverride,
  checkScrapBooking,
  checkScrapUndo,
  executionOf,
  foldProductionEvents,
  rankScrapReasons,
  releasedExecution,
  type Approval,
  type ProductionState,
  type Verdict,
} from '../../../shared/production';
import { operators, scrapReasons } from './fixtures';
import { createJournal } from './journal';

const code = (v: { ok: boolean; reason?: { code: string } }) => (v.ok ? 'ok' : v.reason?.code);

describe('approveOverride', () => {
  it.each([
    { name: 'shift lead, PIN, reason', approver: operators.lead, pinVerified: true, reason: 'customer agreed', expected: 'ok' },
    { name: 'an operator', approver: operators.anna, pinVerified: true, reason: 'x', expected: 'override-role-required' },
    { name: 'quality is not a shift lead', approver: operators.quality, pinVerified: true, reason: 'x', expected: 'override-role-required' },
    { name: 'PIN not verified', approver: operators.lead, pinVerified: false, reason: 'x', expected: 'override-pin-required' },
    { name: 'blank reason', approver: operators.lead, pinVerified: true, reason: '  ', expected: 'override-reason-required' },
  ])('$name → $expected', ({ approver, pinVerified, reason, expected }) => {
    expect(code(approveOverride({ approver, pinVerified, reason }))).toBe(expected);
  });

  it('lets a site widen the approving roles and trims the reason', () => {
    const verdict = approveOverride({ approver: operators.quality, pinVerified: true, reason: ' hold lifted ', allowedRoles: ['shift-lead', 'quality'] });
    expect(verdict).toEqual({ ok: true, approval: { approvedBy: 'op-q', role: 'quality', reason: 'hold lifted' } });
  });
});

describe('rankScrapReasons', () => {
  it('groups reasons and sorts groups and reasons most used first, ties by name', () => {
    const ranked = rankScrapReasons(scrapReasons, { 'r-solder': 5, 'r-short': 1, 'r-dent': 3, 'r-scratch': 3 });
    expect(ranked.map((g) => [g.group, g.uses, g.reasons.map((r) => r.code)])).toEqual([
      ['electrical', 6, ['SOL', 'SHO']],
      ['surface', 6, ['DNT', 'SCR']],
      ['other', 0, ['OTH']],
    ]);
  });
});

describe('scrap booking', () => {
  const running = { ...releasedExecution('o-1'), status: 'started' as const };
  const lead = approveOverride({ approver: operators.lead, pinVerified: true, reason: 'tool broke' });
  const approval = (lead.ok ? lead.approval : undefined) as Approval;

  it.each<{ name: string; input: Partial<Parameters<typeof checkScrapBooking>[0]>; expected: string }>([
    { name: 'below the threshold', input: { quantity: 5 }, expected: 'ok' },
    { name: 'at the threshold', input: { quantity: 10 }, expected: 'ok' },
    { name: 'above the threshold without a shift lead', input: { quantity: 11 }, expected: 'scrap-needs-approval' },
    { name: 'above the threshold with a shift lead', input: { quantity: 11, approval }, expected: 'ok' },
    { name: 'no threshold on the line', input: { quantity: 500, approvalThreshold: undefined }, expected: 'ok' },
    { name: 'unknown reason', input: { reasonId: 'r-nope' }, expected: 'scrap-reason-unknown' },
    { name: 'zero parts', input: { quantity: 0 }, expected: 'quantity-invalid' },
    { name: 'a serial with quantity 2', input: { quantity: 2, serial: 'SN-1' }, expected: 'scrap-serial-quantity' },
    { name: 'a released order', input: { execution: releasedExecution('o-1') }, expected: 'order-not-running' },
    { name: 'while paused', input: { execution: { ...running, status: 'paused' } }, expected: 'ok' },
  ])('$name → $expected', ({ input, expected }) => {
    const verdict = checkScrapBooking({ execution: running, reasons: scrapReasons, reasonId: 'r-dent', quantity: 1, approvalThreshold: 10, ...input });
    expect(code(verdict)).toBe(expected);
  });

  it('records the approval right before the booking, with comment and serial', () => {
    const verdict = checkScrapBooking({ execution: running, reasons: scrapReasons, reasonId: 'r-dent', quantity: 1, serial: ' SN-7 ', comment: ' edge ', approvalThreshold: 0, approval });
    expect(verdict.ok && verdict.events).toEqual([
      { type: 'ScrapApproved', orderId: 'o-1', payload: { reasonId: 'r-dent', quantity: 1, approvedBy: 'op-lead', reason: 'tool broke' } },
      { type: 'ScrapBooked', orderId: 'o-1', payload: { quantity: 1, reasonId: 'r-dent', serial: 'SN-7', note: 'edge' } },
    ]);
  });

  describe('undo within the window', () => {
    const book = () => {
      const j = createJournal();
      const verdict = checkScrapBooking({ execution: running, reasons: scrapReasons, reasonId: 'r-dent', quantity: 3 });
      const [booked] = j.record(verdict.ok ? verdict.events : []);
      return { j, id: booked!.id, state: foldProductionEvents(j.events) };
    };

    it.each([
      { name: 'right away', after: 0, windowMs: undefined, expected: 'ok' },
      { name: 'at 60 s (default window)', after: 60_000, windowMs: undefined, expected: 'ok' },
      { name: 'at 60.001 s', after: 60_001, windowMs: undefined, expected: 'scrap-undo-expired' },
      { name: 'at 2 min with a 5 min window', after: 120_000, windowMs: 300_000, expected: 'ok' },
    ])('$name → $expected', ({ after, windowMs, expected }) => {
      const { j, id, state } = book();
      expect(code(checkScrapUndo({ state, scrapEventId: id, now: j.now + after, ...(windowMs ? { windowMs } : {}) }))).toBe(expected);
    });

    it('compensates the booking once: counts, reason use and a second undo', () => {
      const { j, id, state } = book();
      expect(executionOf(state, 'o-1')).toMatchObject({ scrapQuantity: 3, scrapByReason: { 'r-dent': 3 } });
      expect(state.scrapReasonUse).toEqual({ 'r-dent': 1 });
      const undo = checkScrapUndo({ state, scrapEventId: id, now: j.now + 10_000 });
      expect(undo.ok && undo.events).toEqual([{ type: 'ScrapUndone', orderId: 'o-1', payload: { scrapEventId: id, reasonId: 'r-dent', quantity: 3 } }]);
      const after: ProductionState = foldProductionEvents(j.record(undo.ok ? undo.events : []), state);
      expect(executionOf(after, 'o-1')).toMatchObject({ scrapQuantity: 0, scrapByReason: {} });
      expect(after.scrapReasonUse).toEqual({});
      expect(code(checkScrapUndo({ state: after, scrapEventId: id, now: j.now }))).toBe('scrap-already-undone');
      // Replaying the compensation twice (a resent event) changes nothing.
      expect(foldProductionEvents([j.events[1]!], after)).toMatchObject({ scrapReasonUse: {} });
      expect(code(checkScrapUndo({ state: after, scrapEventId: 'nope', now: j.now }) as Verdict)).toBe('scrap-not-found');
    });
  });
});
