import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovalRequest } from '../../../renderer/state/approval/approval-flow';
import type { ApprovalOutcome } from '../../../renderer/state/approval/approval-slice';
import { createPinLockout, memoryStorage } from '../../../renderer/storage/pin-lockout';
import { appRig, type AppRig } from '../support/app-rig';
import { fixedClock, LEAD_PIN } from '../support/fixtures';

const rigs: AppRig[] = [];
async function make(...args: Parameters<typeof appRig>) {
  const r = await appRig(...args);
  rigs.push(r);
  return r;
}
afterEach(() => {
  for (const r of rigs.splice(0)) r.close();
});

const scrap: ApprovalRequest = { what: { kind: 'scrap', quantity: 11, reason: { de: 'Lunker', en: 'Blowhole' } }, requiredRole: 'shift-lead' };

/** Starts an approval; the outcomes it ends with land in the returned list. */
function ask(rig: AppRig, request: ApprovalRequest = scrap): ApprovalOutcome[] {
  const outcomes: ApprovalOutcome[] = [];
  rig.store.getState().requestApproval(request, (o) => void outcomes.push(o));
  return outcomes;
}

describe('approval store action', () => {
  it('takes the approver’s badge from any screen’s scan, the PIN, and hands the outcome to the screen that asked', async () => {
    const r = await make();
    const { getState } = r.store;
    const outcomes = ask(r);
    // The login screen's scan handler: the badge belongs to the approval, nobody is logged in.
    await getState().handleScan({ raw: 'B9001' });
    expect(getState().approvalFlow).toMatchObject({ step: 'awaiting-pin', approver: { id: 'op-petra' } });
    expect(getState().terminal.operator).toBeNull();
    for (const d of LEAD_PIN) getState().approvalDigit(d);
    await getState().approvalSubmit();
    expect(outcomes).toEqual([{ ok: true, approver: expect.objectContaining({ id: 'op-petra', role: 'shift-lead' }), reason: null }]);
    expect(getState().approvalFlow.step).toBe('idle');
    expect(await r.journal.head()).toBe(0);
  });

  it('a second request cancels the first one', async () => {
    const r = await make();
    const first = ask(r);
    const second = ask(r, { ...scrap, what: { kind: 'jis-skip', sequenceNumber: 4 } });
    expect(first).toEqual([{ ok: false, cause: 'cancelled' }]);
    expect(second).toEqual([]);
    expect(r.store.getState().approvalFlow).toMatchObject({ step: 'awaiting-badge', request: { what: { kind: 'jis-skip' } } });
  });

  it('wrong approver PINs count per badge on this terminal, across a reload and with the login PIN', async () => {
    const storage = memoryStorage();
    const clock = fixedClock();
    const deps = () => ({ pinLockout: createPinLockout(storage, 'T-APPROVAL'), clock });
    const first = await make({ deps: deps() });
    let outcomes = ask(first);
    first.store.getState().approvalScan('B9001');
    for (let i = 0; i < 4; i++) {
      for (const d of '999999') first.store.getState().approvalDigit(d);
      await first.store.getState().approvalSubmit();
    }
    expect(first.store.getState().approvalFlow).toMatchObject({ step: 'awaiting-pin', attemptsLeft: 1, wrong: true });
    first.close();

    // A reload: the count holds; the fifth wrong PIN locks the badge and ends the approval.
    const r = await make({ terminalId: first.terminalId, deps: deps() });
    const { getState } = r.store;
    outcomes = ask(r);
    getState().approvalScan('B9001');
    expect(getState().approvalFlow).toMatchObject({ step: 'awaiting-pin', attemptsLeft: 1 });
    for (const d of '999999') getState().approvalDigit(d);
    await getState().approvalSubmit();
    expect(outcomes).toEqual([{ ok: false, cause: 'locked-out', approver: expect.objectContaining({ id: 'op-petra' }), minutes: 15 }]);

    // The locked badge cannot approve the next request, and cannot log in with its PIN either.
    ask(r);
    getState().approvalScan('B9001');
    expect(getState().approvalFlow).toMatchObject({ step: 'awaiting-badge', error: 'pin-locked', lockedMinutes: 15 });
    await getState().cancelApproval();
    await getState().handleScan({ raw: 'B9001' });
    expect(getState().login).toEqual({ step: 'badge', notice: { kind: 'pin-locked', minutes: 15 } });
    expect(await r.journal.head()).toBe(0);
  });
});
