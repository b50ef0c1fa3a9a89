import { ok } from '../../shared/errors';
import { serverFail, type ServerResult } from '../errors';
import type { SequenceCallOff } from '../../shared/edi/messages/deljit';
import { JisSequence, type Customer, type JisPosition } from '../../shared/master-data';
import type { Db } from '../db/schema';
import { upsertMaster } from '../master-data-store';
import { activeRows } from './store';

/**
 * A DELJIT becomes the next revision of the line's JIS sequence, the same
 * master row `takt import jis-sequence` writes: terminals pull it and apply
 * it as a SequenceRevisionApplied event (shared/jis/revision.ts), which keeps
 * built positions and raises an alert when one of them changes. Positions
 * the call-off adds or changes are written whole, a deleted one is marked
 * cancelled, and positions it does not name are kept (a rolling call-off
 * lists only what is new). The sequence is the customer's (one per
 * unloading point when there are several); a first one goes to the line
 * plant IT named for EDI sequences (TAKT_EDI_JIS_LINE) or the only line.
 */

export interface SequenceEffect {
  kind: 'jis-sequence';
  sequenceId: string;
  lineId: string;
  fromRevision: number;
  toRevision: number;
  added: number[];
  changed: number[];
  cancelled: number[];
}

async function targetSequence(db: Db, customer: Customer, callOff: SequenceCallOff, jisLineId: string | undefined): Promise<ServerResult<JisSequence>> {
  const all = await activeRows(db, 'jis-sequence', JisSequence);
  const ofCustomer = all.filter((s) => s.customer === customer.name || s.customer === customer.id);
  const point = callOff.positions.find((p) => p.unloadingPoint)?.unloadingPoint ?? '';
  const matching = ofCustomer.filter((s) => s.positions.some((p) => p.unloadingPoint === point));
  const existing = matching.length === 1 ? matching[0] : ofCustomer.length === 1 ? ofCustomer[0] : undefined;
  if (existing) return ok(existing);
  let lineId = jisLineId;
  if (!lineId) {
    const lines = await db.selectFrom('master_data').select('id').where('kind', '=', 'line').where('deleted', '=', 0).execute();
    if (lines.length === 1) lineId = lines[0]!.id;
  }
  if (!lineId) return serverFail('edi-jis-no-line', `no JIS sequence of ${customer.name} yet and no line to start one on: set TAKT_EDI_JIS_LINE`);
  const id = `edi-${customer.id}${point ? `-${point.replace(/[^A-Za-z0-9]+/g, '')}` : ''}`;
  return ok({ id, lineId, customer: customer.name, callOffRevision: 0, positions: [] });
}

export async function applySequenceCallOff(db: Db, callOff: SequenceCallOff, customer: Customer, jisLineId: string | undefined): Promise<ServerResult<SequenceEffect>> {
  const target = await targetSequence(db, customer, callOff, jisLineId);
  if (!target.ok) return target;
  const sequence = target.value;
  const byNumber = new Map<number, JisPosition>(sequence.positions.map((p) => [p.sequenceNumber, p]));
  const effect: SequenceEffect = { kind: 'jis-sequence', sequenceId: sequence.id, lineId: sequence.lineId, fromRevision: sequence.callOffRevision, toRevision: sequence.callOffRevision + 1, added: [], changed: [], cancelled: [] };
  for (const p of callOff.positions) {
    const before = byNumber.get(p.sequenceNumber);
    if (p.action === 'deleted') {
      if (before && before.status !== 'cancelled') {
        byNumber.set(p.sequenceNumber, { ...before, status: 'cancelled' });
        effect.cancelled.push(p.sequenceNumber);
      }
      continue;
    }
    const next: JisPosition = {
      sequenceNumber: p.sequenceNumber,
      vehicleNumber: p.vehicleNumber,
      customerPartNumber: p.customerPartNumber,
      variant: p.variant,
      quantity: p.quantity,
      dueTime: p.dueTime,
      unloadingPoint: p.unloadingPoint,
      rack: p.rack || before?.rack || '',
      ...(before?.slot !== undefined ? { slot: before.slot } : {}),
      status: 'open',
    };
    (before ? effect.changed : effect.added).push(p.sequenceNumber);
    byNumber.set(p.sequenceNumber, next);
  }
  const positions = [...byNumber.values()].sort((a, b) => a.sequenceNumber - b.sequenceNumber);
  const written = await upsertMaster(db, 'jis-sequence', { ...sequence, callOffRevision: effect.toRevision, positions });
  if (!written.ok) return written;
  return ok(effect);
}
