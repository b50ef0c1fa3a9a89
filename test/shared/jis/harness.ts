import type { EventEnvelope } from '../../../shared/events';
import { JisSequence } from '../../../shared/master-data';
import { approveOverride, type Approval, type Nok, type Ok } from '../../../shared/production';
import { applyJisEvent, createJisState, type JisConfig, type JisState } from '../../../shared/jis';
import { createJournal, type TestJournal } from '../production/journal';

/** A call-off of positions `numbers`, part `P-<n mod 3>`, variant `V<n mod 2>` unless given. */
export function callOff(
  numbers: readonly number[],
  revision = 1,
  part: (n: number) => { customerPartNumber: string; variant: string } = (n) => ({ customerPartNumber: `P-${n % 3}`, variant: `V${n % 2}` }),
): JisSequence {
  return JisSequence.parse({
    id: 'SEQ-1',
    lineId: 'L1',
    customer: 'OEM',
    callOffRevision: revision,
    positions: numbers.map((n) => ({
      sequenceNumber: n,
      vehicleNumber: `WVW${String(n).padStart(6, '0')}`,
      dueTime: '2026-11-25T08:00:00.000Z',
      ...part(n),
    })),
  });
}

const approved = approveOverride({ approver: { id: 'op-lead', role: 'shift-lead' }, pinVerified: true, reason: 'customer agreed by phone' });
export const leadApproval = (approved.ok ? approved.approval : undefined) as Approval;

/** Runs commands against a journal: every event (of OK and of NOK verdicts) is validated, journaled and folded. */
export class Station {
  readonly journal: TestJournal = createJournal();
  state: JisState;
  constructor(sequence: JisSequence, config: Partial<JisConfig> = {}) {
    this.state = createJisState(sequence, config);
  }
  run<V extends Ok | Nok>(verdict: V): V {
    const envelopes: EventEnvelope[] = this.journal.record(verdict.events ?? []);
    this.state = envelopes.reduce(applyJisEvent, this.state);
    return verdict;
  }
  get events() {
    return this.journal.events;
  }
}
