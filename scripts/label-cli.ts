import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createPrinterDriver } from '../electron/host/printer-driver';
import { parsePrinterTarget } from '../electron/host/printer-link';
import { createSerialLink } from '../electron/host/printer-serial';
import { createTcpLink } from '../electron/host/printer-tcp';
import { compileZpl, DOTS_PER_MM, listTemplates, renderTemplate, type Dpi } from '../shared/labels';
import { renderSvg } from '../shared/labels/svg';

/**
 * `takt label templates [--json]`
 * `takt label render <template> --data <file.json> [--zpl <out>] [--png <out>] [--svg <out>] [--dpi 203|300] [--copies n]`
 * `takt label print <template> --data <file.json> --printer <host:port | tcp://host:9100 | /dev/tty…> [--dpi] [--copies n]`
 */
interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

const USAGE = `usage: takt label templates [--json]
       takt label render <template> --data <file.json> [--zpl <out>] [--png <out>] [--svg <out>] [--dpi 203|300] [--copies n]
       takt label print <template> --data <file.json> --printer <host:port|tcp://host:9100|serial path> [--baud 9600] [--dpi 203|300] [--copies n]
`;

export async function runLabel(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      data: { type: 'string' },
      zpl: { type: 'string' },
      png: { type: 'string' },
      svg: { type: 'string' },
      dpi: { type: 'string', default: '203' },
      copies: { type: 'string', default: '1' },
      printer: { type: 'string' },
      baud: { type: 'string', default: '9600' },
    },
  });
  const [sub, templateId] = positionals;
  if (sub === 'templates') {
    const templates = listTemplates();
    if (values.json) io.stdout.write(JSON.stringify(templates, null, 2) + '\n');
    else for (const t of templates) io.stdout.write(`${t.id.padEnd(14)} ${t.title}\n${''.padEnd(15)}${t.citation}\n${''.padEnd(15)}fields: ${t.fields.map((f) => f.name + (f.required ? '' : '?')).join(', ')}\n`);
    return 0;
  }
  if ((sub !== 'render' && sub !== 'print') || !templateId || !values.data) {
    io.stderr.write(USAGE);
    return 2;
  }
  if (values.dpi !== '203' && values.dpi !== '300') {
    io.stderr.write('takt label: --dpi must be 203 or 300\n');
    return 2;
  }
  const dpi = Number(values.dpi) as Dpi;
  const data: unknown = JSON.parse(await readFile(values.data, 'utf8'));
  const rendered = renderTemplate(templateId, data, { dpi });
  if (!rendered.ok) return fail(io, rendered.error);
  const model = rendered.value.model;
  const zpl = compileZpl(model, { copies: Number(values.copies) });
  if (!zpl.ok) return fail(io, zpl.error);

  if (sub === 'print') {
    const target = parsePrinterTarget(values.printer ?? '');
    if (!target) {
      io.stderr.write('takt label print: --printer is required\n');
      return 2;
    }
    const link = target.kind === 'tcp' ? createTcpLink(target) : createSerialLink({ path: target.path, baudRate: Number(values.baud) });
    try {
      await createPrinterDriver({ link }).print(zpl.value);
    } catch (err) {
      return fail(io, err as { code: string; message: string });
    }
    io.stdout.write(`printed ${templateId} on ${link.target}\n`);
    return 0;
  }

  const svg = renderSvg(model);
  if (!svg.ok) return fail(io, svg.error);
  if (values.zpl) await writeFile(values.zpl, zpl.value);
  if (values.svg) await writeFile(values.svg, svg.value);
  if (values.png) {
    const { ready } = await import('zpl-renderer-js');
    const { api } = await ready;
    const d = DOTS_PER_MM[dpi];
    await writeFile(values.png, Buffer.from(await api.zplToBase64Async(zpl.value, model.widthDots / d, model.heightDots / d, d), 'base64'));
  }
  if (!values.zpl && !values.png && !values.svg) io.stdout.write(zpl.value);
  return 0;
}

function fail(io: Io, error: { code: string; message: string }): number {
  io.stderr.write(`takt label: ${error.code}: ${error.message}\n`);
  return 1;
}
