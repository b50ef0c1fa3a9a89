import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BADGES, DEMO_PIN } from '../../server/demo/demo-data';
import { launchChromium } from './support/browser';
import { unreachable } from './support/in-view';
import { startStack, type Stack } from './support/stack';

/**
 * Just-in-sequence end to end: real Chromium, the socat scanner, the
 * printer simulator and the server. A 100-position call-off for L1 with a gap
 * (15 is missing: numbers 1–14 and 16–101) is PUT as master data; the operator
 * logs in by badge, opens the pearl chain and scans ISO 15434 part labels
 * (P part number, 2P variant, S serial). On the way: a wrong part (NOK,
 * acknowledged, nothing advanced), the gap acknowledged, a call-off revision
 * changing a not-yet-built position (applied after the next pull), a
 * shift-lead override (badge + PIN). Racks have 10 slots (L1's jisRackSlots in
 * the demo master data, the engine's default too), so three full racks
 * are 30 built positions: 1–14 and 16–31. The server's Sequence events must
 * be exactly what was scanned, in order.
 */
const TERMINAL = 'T-L1-01';
const SEQ = 'JIS-E2E';
const GAP = 15;
const NUMBERS = Array.from({ length: 101 }, (_, i) => i + 1).filter((n) => n !== GAP);
const VARIANTS = [
  { customerPartNumber: '5Q0-857-001-A', variant: 'schwarz' },
  { customerPartNumber: '5Q0-857-001-B', variant: 'grau' },
  { customerPartNumber: '5Q0-857-002', variant: 'beige' },
] as const;
type Part = { customerPartNumber: string; variant: string };
const partOf = (n: number): Part => VARIANTS[(n - 1) % VARIANTS.length]!;
/** Another variant's part: wrong at position n. */
const wrongOf = (n: number): Part => VARIANTS[n % VARIANTS.length]!;
/** Revision 2 changes position 23 (not built yet when it arrives). */
const REVISED = 23;
const REVISED_PART: Part = { customerPartNumber: '5Q0-857-009', variant: 'rot' };

/** One due-time base for every revision: a revision changes only what it means to change. */
const DUE_BASE = Date.now() + 3_600_000;

const label = (part: Part, serial: string) => `[)>\x1e06\x1dP${part.customerPartNumber}\x1d2P${part.variant}\x1dS${serial}\x1e\x04`;

function callOff(revision: number, changes: Record<number, Part> = {}) {
  return {
    id: SEQ,
    lineId: 'L1',
    customer: 'Autowerk Süd',
    callOffRevision: revision,
    positions: NUMBERS.map((n, i) => ({
      sequenceNumber: n,
      vehicleNumber: `VIN${800_000 + n}`,
      ...(changes[n] ?? partOf(n)),
      quantity: 1,
      dueTime: new Date(DUE_BASE + i * 120_000).toISOString(),
      unloadingPoint: 'Tor 3',
      rack: `R${Math.floor(i / 10) + 1}`,
      slot: (i % 10) + 1,
    })),
  };
}

interface ServerEvent {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
}

describe('JIS: the right part, in the right order, every time', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  /** What the physical sequence produced, as the server must record it. */
  const expected: [string, number][] = [];

  async function putCallOff(body: ReturnType<typeof callOff>) {
    const res = await fetch(`${stack.serverUrl}/api/v1/master/jis-sequence/${SEQ}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  }

  async function serverEvents(): Promise<ServerEvent[]> {
    const res = await fetch(`${stack.serverUrl}/api/v1/events?terminalId=${TERMINAL}&limit=1000`, {
      headers: { authorization: `Bearer ${stack.adminToken}` },
      signal: AbortSignal.timeout(10_000),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { events: ServerEvent[] }).events;
  }

  const currentSeq = () => page.getByTestId('jis-current').getAttribute('data-seq', { timeout: 5_000 });

  async function expectCurrent(n: number) {
    await expect.poll(currentSeq, { timeout: 10_000 }).toBe(String(n));
  }

  /** Scans the right part at the current position n and waits until the chain moved on to `next`. */
  async function build(n: number, next: number, part: Part = partOf(n)) {
    await expectCurrent(n);
    stack.scan(label(part, `SN${n}`));
    await expectCurrent(next);
    expected.push(['SequencePartVerified', n]);
  }

  async function scanWrong(n: number) {
    await expectCurrent(n);
    const wrong = wrongOf(n);
    stack.scan(label(wrong, `SNX${n}`));
    await page.getByTestId('jis-mismatch').waitFor({ timeout: 10_000 });
    expected.push(['SequenceMismatch', n]);
    expect(await page.getByTestId('jis-mismatch-expected').textContent()).toBe(`${partOf(n).customerPartNumber} / ${partOf(n).variant}`);
    expect(await page.getByTestId('jis-mismatch-scanned').textContent()).toBe(`${wrong.customerPartNumber} / ${wrong.variant}`);
  }

  beforeAll(async () => {
    stack = await startStack(TERMINAL, 'L1', { printer: true });
    // Before the page loads, so the terminal's first pull already carries the call-off.
    await putCallOff(callOff(1));
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(stack.hostUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('logs in by badge and opens the pearl chain of the cached call-off', async () => {
    await page.getByTestId('login-screen').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('scanner-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('connected');
    await expect.poll(() => page.getByTestId('line-name').textContent(), { timeout: 15_000 }).toContain('Montage 1');
    stack.scan(DEMO_BADGES.anna);
    await page.getByTestId('order-screen').waitFor({ timeout: 10_000 });
    await page.getByTestId(`jis-open-${SEQ}`).click({ timeout: 15_000 });
    await page.getByTestId('jis-screen').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('jis-title').getAttribute('data-revision')).toBe('1');
    await expectCurrent(1);
    expect(await page.getByTestId('jis-current-part').textContent()).toBe(partOf(1).customerPartNumber);
    expect(await page.getByTestId('jis-current-variant').textContent()).toBe(partOf(1).variant);
    expect(await page.getByTestId(`jis-gap-${GAP}-${GAP}`).count()).toBe(1);
  });

  it('verifies right parts; a wrong part blocks red until acknowledged and advances nothing', async () => {
    for (let n = 1; n <= 4; n++) await build(n, n + 1);
    await scanWrong(5);
    // Blocked: even the right part is not taken before the acknowledgement.
    stack.scan(label(partOf(5), 'SN5-early'));
    await expect.poll(() => page.getByTestId('jis-verdict').getAttribute('data-code'), { timeout: 10_000 }).toBe('awaiting-ack');
    expect(await currentSeq()).toBe('5');
    await page.getByTestId('jis-mismatch-ack').click();
    await page.getByTestId('jis-mismatch').waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await currentSeq()).toBe('5');
    for (let n = 5; n <= 14; n++) await build(n, n === 14 ? 16 : n + 1);
    // Ten built: the first rack is full.
    await expect.poll(() => page.getByTestId(`jis-rack-${SEQ}-R1`).getAttribute('data-status'), { timeout: 10_000 }).toBe('closed');
  });

  it('shows the gap and takes no part past it until it is acknowledged', async () => {
    await expectCurrent(16);
    stack.scan(label(partOf(16), 'SN16-early'));
    await expect.poll(() => page.getByTestId('jis-verdict').getAttribute('data-code'), { timeout: 10_000 }).toBe('sequence-gap');
    expect(await currentSeq()).toBe('16');
    await page.getByTestId('jis-gap-ack').click();
    await page.getByTestId('jis-gap-ack').waitFor({ state: 'hidden', timeout: 10_000 });
    // The gap stays visible as information; building goes on.
    expect(await page.getByTestId(`jis-gap-${GAP}-${GAP}`).count()).toBe(1);
    for (let n = 16; n <= 20; n++) await build(n, n + 1);
  });

  it('applies a call-off revision arriving mid-sequence after the next pull', async () => {
    await putCallOff(callOff(2, { [REVISED]: REVISED_PART }));
    // The terminal pulls every 15 s; the open chain applies the newer revision then.
    await expect.poll(() => page.getByTestId('jis-title').getAttribute('data-revision'), { timeout: 35_000, interval: 250 }).toBe('2');
    expect(await page.getByTestId('jis-alerts').count()).toBe(0); // nothing built changed
    await build(21, 22);
    await build(22, 23);
    expect(await page.getByTestId('jis-current-part').textContent()).toBe(REVISED_PART.customerPartNumber);
    expect(await page.getByTestId('jis-current-variant').textContent()).toBe(REVISED_PART.variant);
    await build(REVISED, 24, REVISED_PART);
  });

  it('lets a shift lead override a wrong part with badge, PIN and reason, every control in view at 1024×768', async () => {
    for (let n = 24; n <= 26; n++) await build(n, n + 1);
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      await scanWrong(27);
      expect(await unreachable(page, ['jis-mismatch-ack', 'jis-override-start'])).toEqual([]);
      const built = await page.getByTestId('jis-mismatch-scanned').textContent();
      const wanted = await page.getByTestId('jis-mismatch-expected').textContent();
      await page.getByTestId('jis-override-start').click();
      await page.locator('[data-testid="approval-layer"][data-step="awaiting-badge"]').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('approval-what').textContent()).toBe(`JIS override: built ${built} instead of ${wanted} (position 27)`);
      // The shift lead's badge, scanned while the red wrong-part block is still up, reaches the approval.
      stack.scan(DEMO_BADGES.shiftLead);
      await page.locator('[data-testid="approval-layer"][data-step="awaiting-pin"]').waitFor({ timeout: 10_000 });
      expect(await unreachable(page, ['approval-key-1', 'approval-key-0', 'approval-submit', 'approval-cancel'])).toEqual([]);
      for (const d of DEMO_PIN) await page.getByTestId(`approval-key-${d}`).click();
      await page.getByTestId('approval-submit').click();
      await page.getByTestId('approval-reason-customer-approved').waitFor({ timeout: 15_000 });
      expect(await unreachable(page, ['approval-reason-customer-approved', 'approval-reason-quality-approved', 'approval-cancel'])).toEqual([]);
      await page.getByTestId('approval-reason-customer-approved').click();
      await expectCurrent(28);
      expected.push(['SequenceOverride', 27]);
      await page.getByTestId('approval-layer').waitFor({ state: 'hidden', timeout: 10_000 });
      await page.getByTestId('jis-mismatch').waitFor({ state: 'hidden', timeout: 10_000 });
    } finally {
      if (viewport) await page.setViewportSize(viewport);
    }
  });

  it('fills three racks and prints their three labels', async () => {
    for (let n = 28; n <= 31; n++) await build(n, n + 1);
    for (const r of [1, 2, 3]) {
      await expect.poll(() => page.getByTestId(`jis-rack-${SEQ}-R${r}`).getAttribute('data-status'), { timeout: 10_000 }).toBe('closed');
    }
    const printer = stack.printer!;
    await expect.poll(() => printer.labels.length, { timeout: 20_000 }).toBe(3);
    await printer.idle();
    // Each label names its rack; the third lists positions 22–31 (27 overridden, 23 as revised).
    const zpl = printer.labels.map((l) => l.zpl);
    for (const r of [1, 2, 3]) expect(zpl.filter((z) => z.includes(`${SEQ}-R${r}`)), `label of rack R${r}`).toHaveLength(1);
    const third = zpl.find((z) => z.includes(`${SEQ}-R3`)) ?? '';
    for (const n of [22, 27, 31]) expect(third).toContain(`VIN${800_000 + n}`);
    await expect.poll(() => page.getByTestId('jis-print').getAttribute('data-status'), { timeout: 10_000 }).toBe('done');
  });

  it("the server's record matches the physical sequence, in order", async () => {
    await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 30_000 }).toBe('0');
    const events = await serverEvents();
    const sequenceFacts = events
      .filter((e) => ['SequencePartVerified', 'SequenceOverride', 'SequenceMismatch'].includes(e.type))
      .map((e) => [e.type, e.payload['sequenceNumber']]);
    expect(sequenceFacts).toEqual(expected);
    expect(expected.filter(([t]) => t !== 'SequenceMismatch')).toHaveLength(30);
    const revised = events.find((e) => e.type === 'SequencePartVerified' && e.payload['sequenceNumber'] === REVISED);
    expect(revised?.payload).toMatchObject({ sequenceId: SEQ, customerPartNumber: REVISED_PART.customerPartNumber, serial: `SN${REVISED}` });
    const override = events.find((e) => e.type === 'SequenceOverride');
    expect(override?.payload).toMatchObject({ sequenceNumber: 27, approvedBy: 'OP-9001' });
    const mismatch = events.filter((e) => e.type === 'SequenceMismatch').map((e) => e.payload);
    expect(mismatch[0]).toMatchObject({ sequenceNumber: 5, scanned: `${wrongOf(5).customerPartNumber} / ${wrongOf(5).variant}` });
    expect(events.filter((e) => e.type === 'SequenceGapAcknowledged').map((e) => e.payload)).toEqual([{ sequenceId: SEQ, from: GAP, to: GAP }]);
    expect(events.filter((e) => e.type === 'SequenceRevisionApplied').map((e) => e.payload['toRevision'])).toEqual([2]);
    expect(events.filter((e) => e.type === 'RackClosed').map((e) => e.payload['rackId'])).toEqual([1, 2, 3].map((r) => `${SEQ}-R${r}`));
  });
});
