import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_ID, demoMasterRows } from '../../server/demo/demo-data';
import { gs1CheckDigit } from '../../shared/barcode/check-digits';
import { parseDesadv } from '../../shared/edi/messages/desadv-read';
import { launchChromium } from './support/browser';
import { adminApi, delforCallOff, EOT, GS, loadOrder, logIn, pageActions, RS, T } from './support/dispatch-rig';
import { ROOT } from './support/processes';
import { auditPage } from './support/screen-checks';
import { startStack, type Stack } from './support/stack';

/**
 * JIS from call-off to truck on the real stack: a DELJIT sequence call-off
 * dropped into the server's inbox (as an AS2/OFTP2 gateway drops it) reaches
 * the line's terminal, is built part by part in real Chromium and racked
 * (racks of three, each label printed), a revision DELJIT mid-way changes a
 * position not yet built, the racks are loaded on the dispatch screen (the
 * second one first is refused: out of sequence), and the DESADV in the
 * outbox names exactly those racks with their parts, quantities and
 * batches; the DELFOR schedule of one of the parts moves by what shipped.
 */
const { Reader } = createRequire(import.meta.url)('edifact') as { Reader: new () => { parse(text: string): unknown[] } };
const SIZES = [{ width: 1024, height: 768 }, { width: 1280, height: 800 }] as const;
const SEQ = `edi-${DEMO_CUSTOMER_ID}-Tor3`;
const R1 = `${SEQ}-R1`;
const R2 = `${SEQ}-R2`;
const VARIANTS = [
  { part: '5Q0-857-001-A', variant: 'schwarz' },
  { part: '5Q0-857-001-B', variant: 'grau' },
  { part: '5Q0-857-002', variant: 'beige' },
] as const;
type Part = (typeof VARIANTS)[number];
const NUMBERS = [1001, 1002, 1003, 1004, 1005, 1006, 1007];
const partOf = (n: number): Part => VARIANTS[(n - 1001) % VARIANTS.length]!;
/** The revision turns 1005 (grau, not built yet when it arrives) into a schwarz one. */
const REVISED = 1005;
const REVISED_PART: Part = VARIANTS[0];
const vin = (n: number) => `WVWZZZ1KZAW${String(n).padStart(6, '0')}`;
const partLabel = (p: Part, serial: string) => `[)>${RS}06${GS}P${p.part}${GS}2P${p.variant}${GS}S${serial}${RS}${EOT}`;

/** A DELJIT (D.04B) as the customer sends it: SEQ (action, number) → DTM due → GIR vehicle → LIN part → PIA variant → QTY. */
function deljit(ref: string, positions: readonly { action: 1 | 3; n: number; p: Part }[]): string {
  const segments = [
    'UNH+1+DELJIT:D:04B:UN', `BGM+30+CO-${ref}+${positions.some((x) => x.action === 3) ? 4 : 9}`, 'DTM+137:202503030558:203',
    `NAD+BY+${DEMO_CUSTOMER_ID}::92`, 'NAD+SU+47110815::92', 'LOC+11+Tor 3',
    ...positions.flatMap(({ action, n, p }) => [`SEQ+${action}+${n}`, `DTM+2:20250303${String(800 + (n - 1000) * 2).padStart(4, '0')}:203`, `GIR+1+${vin(n)}:VV`, `LIN+++${p.part}:IN`, `PIA+1+${p.variant}`, 'QTY+1:1:PCE']),
  ];
  // UNA ends with its own terminator; every other segment gets one.
  return `UNA:+.? '\n${[`UNB+UNOC:4+${DEMO_CUSTOMER_ID}:ZZZ+47110815:ZZZ+20250303:0558+${ref}`, ...segments, `UNT+${segments.length + 1}+1`, `UNZ+1+${ref}`].join("'\n")}'\n`;
}

describe('dispatch of JIS racks: DELJIT in, built, racked, loaded, DESADV out', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const api = adminApi(() => stack);
  const tap = (testId: string) => pageActions(page).tap(testId);
  const shown = (testId: string) => pageActions(page).shown(testId);
  const scan = (raw: string) => stack.scan(raw);
  /** What the gateway does: write the file aside, then move it in whole. */
  const dropIntoInbox = (name: string, text: string) => {
    const inbox = join(stack.serverEnv.TAKT_DATA_DIR!, 'edi', 'inbox');
    mkdirSync(inbox, { recursive: true });
    writeFileSync(join(inbox, `.${name}`), text);
    renameSync(join(inbox, `.${name}`), join(inbox, name));
  };
  /** The server took the file from its inbox and applied it (or the poll shows why not). */
  const inboxApplied = (reference: string) => expect.poll(async () => {
    const { messages } = (await api('GET', '/api/v1/edi/messages?direction=in')) as { messages: { reference: string; status: string; error: string | null }[] };
    const m = messages.find((x) => x.reference === reference);
    return m ? `${m.status}${m.error ? `: ${m.error}` : ''}` : 'not yet';
  }, { timeout: T }).toBe('applied');
  const screenshot = async (state: string) => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const dir = join(ROOT, '.takt/screens', `${size.width}x${size.height}`);
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: join(dir, `${state}.png`) });
      expect(await auditPage(page), `${state} at ${size.width}×${size.height}`).toEqual([]);
    }
    await page.setViewportSize(SIZES[0]);
  };
  const currentSeq = () => page.getByTestId('jis-current').getAttribute('data-seq', { timeout: 5_000 });
  const build = async (n: number, next: number | null, p: Part = partOf(n)) => {
    await expect.poll(currentSeq, { timeout: T }).toBe(String(n));
    stack.scan(partLabel(p, `SN${n}`));
    if (next !== null) await expect.poll(currentSeq, { timeout: T }).toBe(String(next));
  };
  const verdictAfter = async (raw: string, code: string) => {
    stack.scan(raw);
    await page.locator(`[data-testid="dispatch-verdict"][data-code="${code}"]`).waitFor({ timeout: T });
  };

  beforeAll(async () => {
    stack = await startStack('T-L1-01', 'L1', { printer: true, hostEnv: { TAKT_LANGUAGE: 'en' }, serverEnv: { TAKT_EDI_JIS_LINE: 'L1', TAKT_EDI_POLL_MS: '200' } });
    // The customer buys the seat variants too (our control unit M-SG1 in them), and L1 racks three positions.
    const demo = demoMasterRows(new Date(), '');
    const customer = demo.find((r) => r.kind === 'customer' && r.row.id === DEMO_CUSTOMER_ID)!.row as { parts: unknown[] };
    await api('PUT', `/api/v1/master/customer/${DEMO_CUSTOMER_ID}`, { ...customer, parts: [...customer.parts, ...VARIANTS.map((v) => ({ materialId: 'M-SG1', customerPartNumber: v.part, changeLevel: 'A', description: `Sitzbezug ${v.variant}` }))] });
    const line = demo.find((r) => r.kind === 'line' && r.row.id === 'L1')!.row as { settings: Record<string, unknown> };
    await api('PUT', '/api/v1/master/line/L1', { ...line, settings: { ...line.settings, jisRackSlots: 3 } });
    // The terminal's SSCC range, for the master label of the truck.
    await api('PUT', '/api/v1/master/sscc-range/SR-E2E', { id: 'SR-E2E', terminalId: 'T-L1-01', companyPrefix: '4012345', extensionDigit: 3, from: 500, to: 599 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: SIZES[0] });
    await page.goto(stack.hostUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('loads the racks in sequence, refuses the one out of turn, and the DESADV names exactly them', async () => {
    const part = VARIANTS[0].part;
    expect(await api('POST', '/api/v1/edi/inbound', delforCallOff(part), 'application/edifact')).toMatchObject({ status: 'applied' });
    const shippedBefore = ((await api('GET', `/api/v1/edi/schedules?customer=${DEMO_CUSTOMER_ID}`)).schedules as { customerPartNumber: string; shippedSince: number }[]).find((s) => s.customerPartNumber === part)?.shippedSince ?? 0;
    dropIntoInbox('DJ000901.edi', deljit('DJ000901', NUMBERS.map((n) => ({ action: 1, n, p: partOf(n) }))));
    await inboxApplied('DJ000901');

    // The batches the seat's control units come from, loaded into the order on the line.
    await logIn(page, scan);
    await loadOrder(page, scan, { housing: 'H-0901', screw: 'S-91' });
    await tap('wf-back');

    // The call-off the inbox took reaches the terminal with its next pull.
    await tap(`jis-open-${SEQ}`);
    await shown('jis-screen');
    for (const n of [1001, 1002, 1003]) await build(n, n + 1);
    await expect.poll(() => page.getByTestId(`jis-rack-${R1}`).getAttribute('data-status'), { timeout: T }).toBe('closed');

    dropIntoInbox('DJ000902.edi', deljit('DJ000902', [{ action: 3, n: REVISED, p: REVISED_PART }]));
    await inboxApplied('DJ000902');
    await expect.poll(() => page.getByTestId('jis-title').getAttribute('data-revision'), { timeout: 35_000, interval: 250 }).toBe('2');
    await build(1004, 1005);
    expect(await page.getByTestId('jis-current-variant').textContent()).toBe(REVISED_PART.variant);
    await build(1005, 1006, REVISED_PART);
    await build(1006, 1007);
    await expect.poll(() => page.getByTestId(`jis-rack-${R2}`).getAttribute('data-status'), { timeout: T }).toBe('closed');
    await expect.poll(() => stack.printer!.labels.filter((l) => l.zpl.includes(R2)).length, { timeout: T }).toBe(1);
    await expect.poll(() => page.getByTestId('jis-print').getAttribute('data-status'), { timeout: T }).toBe('done');
    await tap('jis-back');

    await tap('dispatch-open');
    await shown('dispatch-screen');
    await tap(`dispatch-start-${DEMO_CUSTOMER_ID}`);
    await shown('dispatch-progress');
    await verdictAfter(R2, 'rack-out-of-sequence');
    expect(await page.getByTestId('dispatch-verdict').getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('dispatch-verdict').textContent()).toContain(`Wrong order: rack ${R1} is due before rack ${R2}.`);
    await screenshot('dispatch-rack-refused');
    await verdictAfter(R1, 'rack-loaded');
    await shown(`dispatch-loaded-${R1}`);
    // The same verdict code again: wait for R2's row, not for the verdict R1 left.
    stack.scan(R2);
    await shown(`dispatch-loaded-${R2}`);
    expect(await page.getByTestId('dispatch-verdict').textContent()).toContain(`Loaded: rack ${R2} · 3 positions, 3 parts`);
    // 1001, 1004 and the revised 1005 are the schwarz ones.
    expect(await page.getByTestId(`dispatch-part-${part}`).getAttribute('data-loaded')).toBe('3');
    await screenshot('dispatch-racks-loaded');
    await tap('dispatch-close');
    // Two racks: the load's master label prints with the first SSCC of the terminal's range, through the real printer path.
    await page.locator('[data-testid="dispatch-verdict"][data-code="delivery-dispatched-master"]').waitFor({ timeout: T });
    const masterSscc = `34012345000000500${gs1CheckDigit('34012345000000500')}`;
    await expect.poll(() => stack.printer!.labels.filter((l) => l.zpl.includes('MIXED LOAD')).length, { timeout: T }).toBe(1);
    const master = stack.printer!.labels.find((l) => l.zpl.includes('MIXED LOAD'))!.zpl;
    expect(master).toContain(`(00) ${masterSscc}`);
    await screenshot('dispatch-master-label');

    const outbox = join(stack.serverEnv.TAKT_DATA_DIR!, 'edi', 'outbox');
    let file: string | undefined;
    await expect.poll(() => {
      try {
        file = readdirSync(outbox).find((n) => n.startsWith(`${DEMO_CUSTOMER_ID}-`) && n.endsWith('-DESADV-D96A.edi'));
      } catch {
        file = undefined;
      }
      return file !== undefined;
    }, { timeout: T }).toBe(true);
    const text = readFileSync(join(outbox, file!), 'utf8');
    expect(() => new Reader().parse(text)).not.toThrow();
    const read = parseDesadv(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const packages = read.value.packages;
    // Exactly the two racks, each a package named by the id its label prints, a line per part in it.
    expect([...new Set(packages.map((p) => p.label))]).toEqual([R1, R2]);
    const lines = packages.map((p) => [p.label, p.customerPartNumber, p.quantity]);
    expect(lines).toEqual([
      [R1, '5Q0-857-001-A', 1], [R1, '5Q0-857-001-B', 1], [R1, '5Q0-857-002', 1],
      [R2, '5Q0-857-001-A', 2], [R2, '5Q0-857-002', 1],
    ]);
    for (const p of packages) expect(p.batches).toEqual(expect.arrayContaining(['H-0901', 'S-91']));

    const schedules = (await api('GET', `/api/v1/edi/schedules?customer=${DEMO_CUSTOMER_ID}`)).schedules as { customerPartNumber: string; shippedSince: number }[];
    expect(schedules.find((s) => s.customerPartNumber === part)?.shippedSince).toBe(shippedBefore + 3);
  });
});
