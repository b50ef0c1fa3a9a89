import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JisSequence } from '../../shared/master-data';
import { listSchedules } from '../../server/edi/apply-schedule';
import { receiveEdi } from '../../server/edi/inbound';
import { getMessage } from '../../server/edi/store';
import { seedCustomer } from './support/edi-customer';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/edi/${name}`, import.meta.url), 'utf8');

async function sequenceRow(db: TestDatabase['db'], id: string): Promise<JisSequence> {
  const row = await db.selectFrom('master_data').select(['data', 'line_id']).where('kind', '=', 'jis-sequence').where('id', '=', id).executeTakeFirstOrThrow();
  return JisSequence.parse(JSON.parse(row.data!));
}

describe('inbound EDI', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
    await seedCustomer(database.db);
  });
  afterEach(() => database.close());

  it('applies a DELFOR as delivery schedules and archives it raw with parse result and effect', async () => {
    const raw = fixture('delfor-d96a.edi');
    const out = await receiveEdi(database.db, raw, 'cli', 'delfor.edi');
    expect(out).toMatchObject({ status: 'applied', format: 'DELFOR', reference: 'DF000123', effect: { kind: 'schedules', customerId: 'AWS000001', unknownParts: ['A0004712'] } });
    const schedules = await listSchedules(database.db, 'AWS000001');
    expect(schedules.map((s) => [s.customerPartNumber, s.materialId, s.cumulativeReceived, s.lastDeliveryNote, s.lines.length])).toEqual([
      ['A0004711', 'M-HSG', 12480, '12345', 4],
      ['A0004712', null, 300, null, 1],
    ]);
    const archived = await getMessage(database.db, out.messageId);
    expect(archived).toMatchObject({ direction: 'in', status: 'applied', raw, source: 'cli', file_name: 'delfor.edi' });
    expect(JSON.parse(archived!.parsed!)).toMatchObject({ format: 'DELFOR', schedules: [{ customerPartNumber: 'A0004711' }, { customerPartNumber: 'A0004712' }] });
  });

  it('recognises a resent interchange and does not apply it twice', async () => {
    await receiveEdi(database.db, fixture('delfor-d96a.edi'), 'inbox', 'a.edi');
    await database.db.updateTable('delivery_schedules').set({ cumulative_received: 1 }).execute();
    const again = await receiveEdi(database.db, fixture('delfor-d96a.edi'), 'inbox', 'b.edi');
    expect(again.status).toBe('duplicate');
    expect((await listSchedules(database.db))[0]!.cumulativeReceived).toBe(1);
  });

  it('keeps an unreadable message with its precise error and an APERAK answer', async () => {
    const raw = fixture('deljit-d04b.edi').replace('SEQ+1+1002', 'SEQ+1+10O2');
    const out = await receiveEdi(database.db, raw, 'api', null);
    expect(out).toMatchObject({ status: 'rejected', error: { code: 'edi-bad-sequence-number', segment: 15, tag: 'SEQ', element: 2 } });
    expect(out.answer).toContain('APERAK:D:96A:UN');
    expect(out.answer).toContain('segment 15 (SEQ), element 2.1');
    const archived = await getMessage(database.db, out.messageId);
    expect(archived).toMatchObject({ status: 'rejected', raw });
    expect(JSON.parse(archived!.error!)).toMatchObject({ code: 'edi-bad-sequence-number' });
  });

  it('turns a DELJIT into the line\u2019s JIS sequence and a change into its next revision', async () => {
    const first = await receiveEdi(database.db, fixture('deljit-d04b.edi'), 'inbox', 'j1.edi');
    expect(first).toMatchObject({ status: 'applied', effect: { kind: 'jis-sequence', lineId: 'L1', fromRevision: 0, toRevision: 1, added: [1001, 1002, 1003] } });
    const id = (first.effect as { sequenceId: string }).sequenceId;
    const second = await receiveEdi(database.db, fixture('deljit-d97a-revision.edi'), 'inbox', 'j2.edi');
    expect(second).toMatchObject({ status: 'applied', effect: { sequenceId: id, fromRevision: 1, toRevision: 2, added: [1004], changed: [1002], cancelled: [1003] } });
    expect(second.warnings.map((w) => w.code)).toEqual(['edi-unt-count']);
    const seq = await sequenceRow(database.db, id);
    expect(seq.callOffRevision).toBe(2);
    expect(seq.positions.map((p) => [p.sequenceNumber, p.customerPartNumber, p.status])).toEqual([
      [1001, '5Q0-857-001-A', 'open'],
      [1002, '5Q0-857-002', 'open'],
      [1003, '5Q0-857-002', 'cancelled'],
      [1004, '5Q0-857-001-A', 'open'],
    ]);
  });

  it('rejects a message from a customer it does not know, naming what it looked for', async () => {
    const out = await receiveEdi(database.db, fixture('delfor-d96a.edi').replaceAll('47110815', '99999999').replaceAll('AWS000001', 'OTHER'), 'cli', null);
    expect(out).toMatchObject({ status: 'rejected', error: { code: 'edi-unknown-customer' } });
    expect(await listSchedules(database.db)).toEqual([]);
  });
});
