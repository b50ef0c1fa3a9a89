import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { describeProblem } from '../../shared/edi/problems';
import { readEdiMessage, type InboundMessage } from '../../shared/edi/read';
import { decodeEdiFile, receiveEdi } from '../edi/inbound';
import { writeOutbox } from '../edi/outbox';
import { ediSettings } from '../edi/settings';
import { databaseSettings } from './config';
import { EXIT_FAILURE, EXIT_OK, UsageError, envOf, printJson, type CliIo } from './io';
import { withDatabase } from './with-database';

export const EDI_USAGE = 'takt edi parse <file> [--json] | import <file> [--json] | outbox [--json] [--data DIR]';

/**
 * `takt edi parse` shows what a message says without applying it (exit 1
 * naming segment and element when it cannot be read); `takt edi import`
 * applies it as the inbox would; `takt edi outbox` writes pending despatch
 * advices now.
 */
export async function runEdi(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { data: { type: 'string' }, json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  const [what, file, ...rest] = positionals;
  if (rest.length) throw new UsageError('one file at a time');
  const env = envOf(io);
  if (what === 'outbox') {
    const db = databaseSettings(values, env);
    return withDatabase(db, async ({ db: database }) => {
      const settings = ediSettings(db.dataDir, env);
      const written = await writeOutbox(database, { outboxDir: settings.outboxDir, formats: settings.formats, graceMs: settings.graceMs });
      if (values.json) printJson(io, { written });
      else io.stdout.write(written.length ? written.map((w) => `${w.shipmentId}: ${w.status} ${w.refusals ? w.refusals.map((r) => `${r.containerId || w.shipmentId} ${r.code}`).join(', ') : (w.error ?? w.files.join(', '))}\n`).join('') : 'nothing pending\n');
      return written.some((w) => w.status === 'failed' || w.status === 'refused') ? EXIT_FAILURE : EXIT_OK;
    });
  }
  if ((what !== 'parse' && what !== 'import') || !file) throw new UsageError('expected parse <file>, import <file> or outbox');
  const text = decodeEdiFile(readFileSync(file));
  if (what === 'parse') {
    const r = readEdiMessage(text);
    if (values.json) printJson(io, r);
    else if (!r.ok) io.stderr.write(`takt edi parse: ${describeProblem(r.error)}\n`);
    else io.stdout.write(describe(r.value));
    if (!values.json) for (const w of r.warnings) io.stderr.write(`warning: ${describeProblem(w)}\n`);
    return r.ok ? EXIT_OK : EXIT_FAILURE;
  }
  const db = databaseSettings(values, env);
  return withDatabase(db, async ({ db: database }) => {
    const outcome = await receiveEdi(database, text, 'cli', basename(file), { jisLineId: ediSettings(db.dataDir, env).jisLineId });
    if (values.json) printJson(io, outcome);
    else {
      io.stdout.write(`${outcome.format} ${outcome.reference ?? ''}: ${outcome.status} (message ${outcome.messageId})\n`);
      if (outcome.error) io.stderr.write(`takt edi import: ${describeProblem(outcome.error)}\n`);
      if (outcome.effect) io.stdout.write(`${JSON.stringify(outcome.effect)}\n`);
    }
    return outcome.status === 'rejected' ? EXIT_FAILURE : EXIT_OK;
  });
}

function describe(m: InboundMessage): string {
  const lines = [`${m.format}  reference ${m.reference}`];
  if (m.kind === 'schedule') {
    lines.push(`  customer ${m.customer}  supplier ${m.supplier}`);
    for (const s of m.schedules) {
      lines.push(`  part ${s.customerPartNumber}  schedule ${s.scheduleNumber} of ${s.scheduleDate}  cumulative received ${s.cumulativeReceived ?? '—'}  last note ${s.lastDespatch?.deliveryNote ?? '—'}`);
      for (const l of s.lines) lines.push(`    ${l.time ?? (l.date || l.dateKind)}  ${l.quantity} ${s.unit}  ${l.commitment}`);
    }
  } else if (m.kind === 'sequence') {
    lines.push(`  customer ${m.customer}  supplier ${m.supplier}  call-off ${m.callOffNumber} (${m.function})  positions ${m.positions.length}`);
    for (const p of m.positions) lines.push(`    ${p.sequenceNumber}  ${p.action}  ${p.vehicleNumber}  ${p.customerPartNumber} ${p.variant}  ×${p.quantity}  ${p.dueTime}  ${p.unloadingPoint}`);
  } else {
    lines.push(`  delivery note ${m.deliveryNoteNumber}  supplier ${m.supplier}  customer ${m.customer}  packages ${m.packages.length}`);
    for (const p of m.packages) lines.push(`    ${p.label} ${p.sscc ?? ''}  ${p.customerPartNumber} ×${p.quantity}  batches ${p.batches.join(', ') || '—'}`);
  }
  return `${lines.join('\n')}\n`;
}
