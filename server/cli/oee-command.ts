import { parseArgs } from 'node:util';
import type { OeeFigures, OeeReport } from '../../shared/oee';
import { lineOee } from '../oee/oee-query';
import { OeeQuerySchema } from '../routes/oee';
import { databaseSettings } from './config';
import { EXIT_OK, UsageError, envOf, printJson, type CliIo } from './io';
import { withDatabase } from './with-database';

export const OEE_USAGE = 'takt oee --line <line> --from <ISO time> --to <ISO time> [--data DIR] [--json]';

/** `takt oee`: the same report as GET /api/v1/oee, read straight from the database. */
export async function runOee(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { line: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const query = OeeQuerySchema.safeParse({ line: values.line, from: values.from, to: values.to });
  if (!query.success) throw new UsageError(query.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  return withDatabase(databaseSettings(values, envOf(io)), async ({ db }) => {
    const report = await lineOee(db, { lineId: query.data.line, from: new Date(query.data.from), to: new Date(query.data.to) });
    if (values.json) printJson(io, report);
    else io.stdout.write(describe(report));
    return EXIT_OK;
  });
}

const pct = (v: number | null): string => (v === null ? '   —  ' : `${(v * 100).toFixed(1).padStart(5)} %`);
const hours = (s: number): string => `${(s / 3600).toFixed(2)} h`;
const figures = (f: OeeFigures): string =>
  `OEE ${pct(f.oee)} = A ${pct(f.availability)} × P ${pct(f.performance)} × Q ${pct(f.quality)}  planned ${hours(f.plannedSeconds)}, down ${hours(f.downtimeSeconds)}, ${f.microStops} micro-stops, parts ${f.totalCount} (good ${f.goodCount}; machine ${f.machineCount}, booked ${f.bookedGood} + ${f.bookedScrap} scrap)`;

function describe(r: OeeReport): string {
  const lines = [`Line ${r.lineId}  ${r.from} – ${r.to}`, `  total   ${figures(r.total)}`];
  for (const s of r.shifts) lines.push(`  ${s.date} ${s.name.padEnd(10)} ${figures(s)}`);
  for (const o of r.orders) lines.push(`  order ${o.orderId}  ${figures(o)}`);
  lines.push('  stop reasons (Pareto):');
  for (const p of r.pareto) lines.push(`    ${p.reasonId.padEnd(20)} ${hours(p.seconds).padStart(9)}  ${String(p.stops).padStart(4)} stop(s)  ${p.loss}`);
  return `${lines.join('\n')}\n`;
}
