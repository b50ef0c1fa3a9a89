import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PIN_DIGITS } from '../../../shared/pin';
import {
  approvalFlow,
  idleApproval,
  isFinished,
  isWaiting,
  type ApprovalFlow,
  type ApprovalInput,
  type ApprovalRequest,
  type Approver,
  type LockView,
} from '../../../renderer/state/approval/approval-flow';

const petra: Approver = { id: 'op-petra', name: 'Petra', badge: 'B9001', role: 'shift-lead', pinHash: 'scrypt$x' };
const quinn: Approver = { id: 'op-quinn', name: 'Quinn', badge: 'Q1', role: 'quality', pinHash: 'scrypt$y' };
const noPin: Approver = { id: 'op-nopin', name: 'Nina', badge: 'B9002', role: 'shift-lead' };
const free: LockView = { attemptsLeft: 5, lockedMinutes: null };
const scrap: ApprovalRequest = { what: { kind: 'scrap', quantity: 11, reason: { de: 'Lunker', en: 'Blowhole' } }, requiredRole: 'shift-lead' };
const jis: ApprovalRequest = {
  what: { kind: 'jis-override', built: '5Q0-857-001-B', expected: '5Q0-857-001-A', sequenceNumber: 7 },
  requiredRole: 'shift-lead',
  reasonCodes: ['customer-approved', 'equivalent-part'],
};

const run = (inputs: ApprovalInput[], from: ApprovalFlow = idleApproval) => inputs.reduce(approvalFlow, from);
const badge = (approver: Approver | null, lock: LockView = free): ApprovalInput => ({ type: 'badge', scan: approver?.badge ?? 'X1', approver, lock });
const digits = (pin: string): ApprovalInput[] => [...pin].map((digit) => ({ type: 'digit', digit }));

describe('approval flow', () => {
  it('badge → PIN → verified → approved, for a request without reasons', () => {
    let flow = run([{ type: 'request', request: scrap }]);
    expect(flow).toEqual({ step: 'awaiting-badge', request: scrap, error: null });
    flow = run([badge(petra, { attemptsLeft: 3, lockedMinutes: null }), ...digits('246810')], flow);
    expect(flow).toMatchObject({ step: 'awaiting-pin', approver: petra, digits: '246810', attemptsLeft: 3, wrong: false });
    flow = approvalFlow(flow, { type: 'submit' });
    expect(flow).toMatchObject({ step: 'verifying', digits: '246810' });
    expect(approvalFlow(flow, { type: 'verified', valid: true, lock: free })).toEqual({ step: 'approved', request: scrap, approver: petra, reason: null });
  });

  it('with reason codes the PIN leads to the reason, and only an offered reason approves', () => {
    let flow = run([{ type: 'request', request: jis }, badge(petra), ...digits('1'), { type: 'submit' }, { type: 'verified', valid: true, lock: free }]);
    expect(flow).toEqual({ step: 'awaiting-reason', request: jis, approver: petra });
    expect(approvalFlow(flow, { type: 'reason', code: 'made-up' })).toBe(flow);
    flow = approvalFlow(flow, { type: 'reason', code: 'equivalent-part' });
    expect(flow).toEqual({ step: 'approved', request: jis, approver: petra, reason: 'equivalent-part' });
  });

  it('a badge that cannot approve leaves the request open with the reason in words', () => {
    const open = run([{ type: 'request', request: scrap }]);
    expect(approvalFlow(open, badge(null))).toMatchObject({ step: 'awaiting-badge', error: 'unknown-badge', scan: 'X1' });
    expect(approvalFlow(open, badge(quinn))).toMatchObject({ step: 'awaiting-badge', error: 'not-approver' });
    expect(approvalFlow(open, badge(noPin))).toMatchObject({ step: 'awaiting-badge', error: 'no-pin' });
    // A locked shift lead does not end the request: another one may still confirm it.
    const locked = approvalFlow(open, badge(petra, { attemptsLeft: 0, lockedMinutes: 12 }));
    expect(locked).toMatchObject({ step: 'awaiting-badge', error: 'pin-locked', lockedMinutes: 12 });
    expect(approvalFlow(locked, badge({ ...petra, id: 'op-lena', badge: 'B9003' }))).toMatchObject({ step: 'awaiting-pin', wrong: false });
  });

  it('a wrong PIN clears the digits and counts down; the last one locks out', () => {
    let flow = run([{ type: 'request', request: scrap }, badge(petra), ...digits('99'), { type: 'submit' }]);
    flow = approvalFlow(flow, { type: 'verified', valid: false, lock: { attemptsLeft: 4, lockedMinutes: null } });
    expect(flow).toMatchObject({ step: 'awaiting-pin', digits: '', attemptsLeft: 4, wrong: true });
    flow = run([...digits('1'), { type: 'submit' }, { type: 'verified', valid: false, lock: { attemptsLeft: 0, lockedMinutes: 15 } }], flow);
    expect(flow).toEqual({ step: 'locked-out', request: scrap, approver: petra, minutes: 15 });
  });

  it('a named approver starts at the PIN, is refused without one, locked out when locked', () => {
    const login: ApprovalRequest = { what: { kind: 'login', name: 'Petra' }, approver: petra };
    expect(approvalFlow(idleApproval, { type: 'request', request: login, lock: { attemptsLeft: 2, lockedMinutes: null } })).toMatchObject({
      step: 'awaiting-pin',
      attemptsLeft: 2,
    });
    expect(approvalFlow(idleApproval, { type: 'request', request: { ...login, approver: noPin } })).toMatchObject({ step: 'refused', cause: 'no-pin' });
    expect(approvalFlow(idleApproval, { type: 'request', request: login, lock: { attemptsLeft: 0, lockedMinutes: 3 } })).toMatchObject({
      step: 'locked-out',
      minutes: 3,
    });
  });

  it('cancel ends a waiting approval as refused; a late PIN verdict then changes nothing', () => {
    const verifying = run([{ type: 'request', request: scrap }, badge(petra), ...digits('1'), { type: 'submit' }]);
    const cancelled = approvalFlow(verifying, { type: 'cancel' });
    expect(cancelled).toEqual({ step: 'refused', request: scrap, cause: 'cancelled' });
    expect(approvalFlow(cancelled, { type: 'verified', valid: true, lock: free })).toBe(cancelled);
    expect(approvalFlow(cancelled, { type: 'reset' })).toBe(idleApproval);
  });

  it('keeps at most MAX_PIN_DIGITS digits and ignores what is not a digit', () => {
    let flow = run([{ type: 'request', request: scrap }, badge(petra), ...digits('12x3'), { type: 'digit', digit: '45' }, { type: 'backspace' }]);
    expect(flow).toMatchObject({ digits: '12' });
    flow = run(digits('9'.repeat(MAX_PIN_DIGITS + 3)), flow);
    expect(flow).toMatchObject({ digits: `12${'9'.repeat(MAX_PIN_DIGITS - 2)}` });
    expect(approvalFlow(run([{ type: 'request', request: scrap }, badge(petra)]), { type: 'submit' })).toMatchObject({ step: 'awaiting-pin' });
  });
});

const approverArb = fc.constantFrom<Approver | null>(petra, quinn, noPin, null);
const lockArb = fc.oneof(
  fc.integer({ min: 1, max: 5 }).map((attemptsLeft): LockView => ({ attemptsLeft, lockedMinutes: null })),
  fc.integer({ min: 1, max: 15 }).map((lockedMinutes): LockView => ({ attemptsLeft: 0, lockedMinutes })),
);
const inputArb: fc.Arbitrary<ApprovalInput> = fc.oneof(
  fc.constantFrom(scrap, jis, { what: { kind: 'login', name: 'Petra' }, approver: petra } as ApprovalRequest).chain((request) =>
    lockArb.map((lock): ApprovalInput => ({ type: 'request', request, lock })),
  ),
  fc.tuple(approverArb, lockArb).map(([approver, lock]): ApprovalInput => ({ type: 'badge', scan: approver?.badge ?? 'X', approver, lock })),
  fc.constantFrom('0', '5', '9', 'x', '12', '').map((digit): ApprovalInput => ({ type: 'digit', digit })),
  fc.constant<ApprovalInput>({ type: 'backspace' }),
  fc.constant<ApprovalInput>({ type: 'submit' }),
  fc.tuple(fc.boolean(), lockArb).map(([valid, lock]): ApprovalInput => ({ type: 'verified', valid, lock })),
  fc.constantFrom('customer-approved', 'equivalent-part', 'nope').map((code): ApprovalInput => ({ type: 'reason', code })),
  fc.constant<ApprovalInput>({ type: 'cancel' }),
  fc.constant<ApprovalInput>({ type: 'reset' }),
);

describe('approval flow, any sequence of inputs', () => {
  it('approves only after a valid PIN verdict of a shift lead with a PIN, with an offered reason when reasons are asked', () => {
    fc.assert(
      fc.property(fc.array(inputArb, { maxLength: 40 }), (inputs) => {
        let flow: ApprovalFlow = idleApproval;
        for (const input of inputs) {
          const before = flow;
          flow = approvalFlow(flow, input);
          // The PIN never holds more than the pad allows, nor anything but digits.
          if ('digits' in flow) expect(flow.digits).toMatch(new RegExp(`^\\d{0,${MAX_PIN_DIGITS}}$`));
          if (flow.step === 'approved' && before.step !== 'approved') {
            expect(flow.approver.pinHash).toBeTruthy();
            if (!flow.request.approver) expect(flow.approver.role).toBe(flow.request.requiredRole);
            if (flow.request.reasonCodes?.length) {
              expect(before.step).toBe('awaiting-reason');
              expect(flow.request.reasonCodes).toContain(flow.reason);
            } else {
              expect(before.step).toBe('verifying');
              expect(input).toMatchObject({ type: 'verified', valid: true });
            }
          }
          if (flow.step === 'locked-out' && before.step !== 'locked-out') expect(['request', 'verified']).toContain(input.type);
          // Cancel always ends what waits; a finished or idle flow is never waiting.
          if (input.type === 'cancel' && isWaiting(before)) expect(flow).toMatchObject({ step: 'refused', cause: 'cancelled' });
          expect(isWaiting(flow) && isFinished(flow)).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('an idle flow moves only on a request', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const next = approvalFlow(idleApproval, input);
        if (input.type !== 'request') expect(next).toBe(idleApproval);
        else expect(next.step).not.toBe('idle');
      }),
    );
  });
});
