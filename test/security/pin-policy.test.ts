import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_APPROVER_PIN_DIGITS, pinPolicyFromEnv, validateRows } from '../../server/import/import-master';
import { DEMO_PIN } from '../../server/demo/demo-data';

/** Probe: a PIN that unlocks overrides must not fall to a search of 10,000 guesses. */
describe('approver PIN length', () => {
  const row = (role: string, pin: string) => ({ row: 2, value: { id: 'OP-1', name: 'Lead', badge: 'B1', role, lineIds: ['L1'], pin } });

  it('refuses an approving role with fewer than 6 digits, and says why', () => {
    for (const role of ['shift-lead', 'quality', 'admin']) {
      const refused = validateRows('operator', [row(role, '12345')]);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.rows).toEqual([{ row: 2, message: `pin: a ${role} approves overrides and needs 6–12 digits` }]);
      expect(validateRows('operator', [row(role, '246810')]).ok).toBe(true);
    }
  });

  it('lets an operator (who approves nothing) keep a 4-digit PIN', () => {
    expect(validateRows('operator', [row('operator', '4711')]).ok).toBe(true);
  });

  it('takes a longer minimum from TAKT_MIN_APPROVER_PIN_DIGITS, never a shorter one', () => {
    const eight = pinPolicyFromEnv({ TAKT_MIN_APPROVER_PIN_DIGITS: '8' });
    expect(eight).toEqual({ minApproverDigits: 8 });
    expect(validateRows('operator', [row('shift-lead', '246810')], eight).ok).toBe(false);
    expect(validateRows('operator', [row('shift-lead', '24681012')], eight).ok).toBe(true);
    expect(pinPolicyFromEnv({ TAKT_MIN_APPROVER_PIN_DIGITS: '4' }).minApproverDigits).toBe(DEFAULT_MIN_APPROVER_PIN_DIGITS);
    expect(pinPolicyFromEnv({}).minApproverDigits).toBe(DEFAULT_MIN_APPROVER_PIN_DIGITS);
  });

  it('gives the demo shift lead a PIN the policy accepts', () => {
    expect(validateRows('operator', [row('shift-lead', DEMO_PIN)]).ok).toBe(true);
  });
});
