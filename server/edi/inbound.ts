import { writeAperak } from '../../shared/edi/messages/aperak';
import type { EdiProblem } from '../../shared/edi/problems';
import { readEdiMessage, type InboundMessage } from '../../shared/edi/read';
import type { Db } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { applySchedules, type ScheduleEffect } from './apply-schedule';
import { applySequenceCallOff, type SequenceEffect } from './apply-sequence';
import { archive, customerOfMessage, loadCustomers, nextCounter } from './store';

/**
 * One inbound message, from the inbox, the CLI or the API: read it, apply it
 * once, archive it whatever happens. The interchange (partner + reference) is
 * claimed in the applying transaction, so a resend finds the claim and is
 * archived as a duplicate without effect; a message that cannot be read or
 * applied is archived with its precise error and an APERAK-style answer,
 * and its claim rolls back, so the corrected resend applies.
 */

/** UNOC files are ISO 8859-1, newer gateways send UTF-8: a file that is not valid UTF-8 is read as Latin-1. */
export function decodeEdiFile(bytes: Uint8Array): string {
  const utf8 = Buffer.from(bytes).toString('utf8');
  return utf8.includes('\uFFFD') ? Buffer.from(bytes).toString('latin1') : utf8;
}

export type InboundSource = 'inbox' | 'cli' | 'api';

export interface InboundOptions {
  /** Line for a customer's first EDI sequence (TAKT_EDI_JIS_LINE). */
  jisLineId?: string | undefined;
  now?: () => Date;
}

export interface InboundOutcome {
  messageId: string;
  status: 'applied' | 'duplicate' | 'rejected' | 'archived';
  format: string;
  reference: string | null;
  warnings: EdiProblem[];
  error?: EdiProblem;
  effect?: ScheduleEffect | SequenceEffect;
  /** The APERAK-style answer for a rejected message. */
  answer?: string;
}

class Refusal extends Error {
  constructor(readonly problem: EdiProblem) {
    super(problem.message);
  }
}

export async function receiveEdi(db: Db, raw: string, source: InboundSource, fileName: string | null, options: InboundOptions = {}): Promise<InboundOutcome> {
  const at = (options.now ?? (() => new Date()))().toISOString();
  const parsed = readEdiMessage(raw);
  const base = { direction: 'in' as const, source, file_name: fileName, at, raw, warnings: JSON.stringify(parsed.warnings) };
  if (!parsed.ok) return reject(db, base, 'unreadable', null, null, null, parsed.error, parsed.warnings, fileName);
  const message = parsed.value;
  const reference = message.reference;
  if (message.kind === 'despatch-advice') {
    const messageId = await archive(db, { ...base, format: message.format, partner: message.supplier, reference, status: 'archived', parsed: JSON.stringify(message), error: null, effect: null, answer: null });
    return { messageId, status: 'archived', format: message.format, reference, warnings: parsed.warnings };
  }
  const customers = await loadCustomers(db);
  const customer = customerOfMessage(customers, message);
  if (!customer) {
    const problem: EdiProblem = { code: 'edi-unknown-customer', message: `no customer with supplier number ${message.supplier} or id ${message.customer}`, expected: 'a customer in master data whose supplierNumber is ours in this message' };
    return reject(db, base, message.format, message.customer, reference, message, problem, parsed.warnings, fileName);
  }
  const partner = customer.id;
  try {
    return await inTransaction(db, async (trx) => {
      const claimed = await trx.insertInto('edi_interchanges').values({ partner, reference, message_id: 'pending' }).onConflict((oc) => oc.columns(['partner', 'reference']).doNothing()).executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
        const first = await trx.selectFrom('edi_interchanges').select('message_id').where('partner', '=', partner).where('reference', '=', reference).executeTakeFirst();
        const effect = { kind: 'duplicate', of: first?.message_id ?? null };
        const messageId = await archive(trx, { ...base, format: message.format, partner, reference, status: 'duplicate', parsed: JSON.stringify(message), error: null, effect: JSON.stringify(effect), answer: null });
        return { messageId, status: 'duplicate' as const, format: message.format, reference, warnings: parsed.warnings };
      }
      const messageId = await archive(trx, { ...base, format: message.format, partner, reference, status: 'applied', parsed: JSON.stringify(message), error: null, effect: null, answer: null });
      const effect = await apply(trx, message, customer, messageId, at, options);
      await trx.updateTable('edi_messages').set({ effect: JSON.stringify(effect) }).where('id', '=', messageId).execute();
      await trx.updateTable('edi_interchanges').set({ message_id: messageId }).where('partner', '=', partner).where('reference', '=', reference).execute();
      return { messageId, status: 'applied' as const, format: message.format, reference, warnings: parsed.warnings, effect };
    });
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    return reject(db, base, message.format, partner, reference, message, err.problem, parsed.warnings, fileName);
  }
}

async function apply(db: Db, message: Exclude<InboundMessage, { kind: 'despatch-advice' }>, customer: Awaited<ReturnType<typeof loadCustomers>>[number], messageId: string, at: string, options: InboundOptions): Promise<ScheduleEffect | SequenceEffect> {
  if (message.kind === 'schedule') return applySchedules(db, message, customer, messageId, at);
  const applied = await applySequenceCallOff(db, message, customer, options.jisLineId);
  if (!applied.ok) throw new Refusal({ code: applied.error.code, message: applied.error.message });
  return applied.value;
}

async function reject(
  db: Db,
  base: { direction: 'in'; source: string; file_name: string | null; at: string; raw: string; warnings: string },
  format: string,
  partner: string | null,
  reference: string | null,
  message: InboundMessage | null,
  problem: EdiProblem,
  warnings: EdiProblem[],
  fileName: string | null,
): Promise<InboundOutcome> {
  const controlRef = `A${String(await nextCounter(db, 'edi_out_ref')).padStart(9, '0')}`;
  const answer = writeAperak({ to: partner ?? '', from: message && 'supplier' in message ? message.supplier : '', inboundReference: reference ?? fileName ?? 'unknown', controlRef, preparedAt: base.at, problems: [problem] });
  const messageId = await archive(db, { ...base, format, partner, reference, status: 'rejected', parsed: message ? JSON.stringify(message) : null, error: JSON.stringify(problem), effect: null, answer });
  return { messageId, status: 'rejected', format, reference, warnings, error: problem, answer };
}
