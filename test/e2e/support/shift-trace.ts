import { expect } from 'vitest';
import { DEMO_BADGES } from '../../../server/demo/demo-data';
import { containerShortId } from '../../../renderer/state/workflow-logic';
import { BLOCKED, FIRST, ORDER, T, TERMINAL, journal, type ShiftDriver } from './shift-rig';

/**
 * The end of the shift: everything synced, the server's forward trace of the
 * first housing batch tells exactly the story the terminal booked, and a
 * badge scanned on the order list switches the operator.
 */

interface BatchTrace {
  blocked: string | null;
  windows: { orderId: string | null; terminalId: string; operatorId: string | null; to: string | null }[];
  orders: { orderId: string; goodQuantity: number; scrapQuantity: number; status: string | null }[];
  serials: { serial: string; orderId: string | null; link: string }[];
  containers: { containerId: string; closedAt: string | null; link: string }[];
}

export async function syncAndTrace(d: ShiftDriver): Promise<void> {
  const { page, stack } = d;
  await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 30_000 }).toBe('0');
  const local = await journal(page);
  const atServer = await stack.serverEvents(TERMINAL);
  expect(atServer.map((e) => [e.seq, e.id, e.type])).toEqual(local.map((e) => [e.seq, e.id, e.type]));

  const closed = local.filter((e) => e.type === 'ContainerClosed').map((e) => String(e.payload['containerId']));
  expect(closed).toHaveLength(2);
  const [first, second] = closed as [string, string];
  const printed = local.filter((e) => e.type === 'LabelPrinted').map((e) => e.payload['containerId']);
  expect([...new Set(printed)]).toEqual([first, second]);
  const packed = local.filter((e) => e.type === 'PartPacked').map((e) => [e.payload['containerId'], e.payload['quantity']]);
  expect(packed.reduce((n, [, q]) => n + Number(q), 0)).toBe(25);

  // The labels that came out of the printer name each container's package number.
  const zpl = stack.printer?.labels.map((l) => l.zpl) ?? [];
  expect(zpl).toHaveLength(2);
  expect(zpl[0]).toContain(containerShortId(first));
  expect(zpl[0]).toContain(ORDER);
  expect(zpl[1]).toContain(containerShortId(second));

  const traceOf = async (batch: string) => {
    const res = await fetch(`${stack.serverUrl}/api/v1/trace/batch/M-HOUSING/${batch}`, { headers: { authorization: `Bearer ${stack.adminToken}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as BatchTrace;
  };
  const trace = await traceOf(FIRST);
  expect(trace.blocked).toBeNull();
  // One window: loaded at this terminal for the order, closed by the batch change.
  // (Not asserted: windows[0].operatorId — the workflow's events carry no operatorId yet, so it is null.)
  expect(trace.windows).toHaveLength(1);
  expect(trace.windows[0]).toMatchObject({ orderId: ORDER, terminalId: TERMINAL });
  expect(trace.windows[0]?.to).not.toBeNull();
  expect(trace.orders).toEqual([expect.objectContaining({ orderId: ORDER, goodQuantity: 25, scrapQuantity: 14 })]);
  // The serials made while it was loaded, linked by their own scan; SN-0003 came after the batch change.
  expect(trace.serials).toEqual([
    { serial: 'SN-0001', orderId: ORDER, producedAt: expect.any(String), link: 'component' },
    { serial: 'SN-0002', orderId: ORDER, producedAt: expect.any(String), link: 'component' },
  ]);
  // The first container holds those serials; the second was only packed after the batch change.
  expect(trace.containers.map((c) => [c.containerId, c.link])).toEqual([[first, 'serial']]);
  expect(trace.containers[0]?.closedAt).not.toBeNull();

  // And the refused batches left nothing behind.
  for (const batch of [BLOCKED, 'H-OLD']) {
    const refused = await traceOf(batch);
    expect(refused.windows).toEqual([]);
    expect(refused.serials).toEqual([]);
    expect(refused.blocked).toBe(batch === BLOCKED ? 'Quality hold' : null);
  }
}

export async function switchOperatorByBadge(d: ShiftDriver): Promise<void> {
  const { page, stack } = d;
  await d.tap('wf-back');
  await page.getByTestId('order-screen').waitFor({ timeout: T });
  await d.settled('back on the order list');
  expect(await d.text('operator-name')).toBe('Jonas Weber');
  const before = (await journal(page)).length;
  stack.scan(DEMO_BADGES.anna);
  await expect.poll(() => d.text('operator-name'), { timeout: T }).toBe('Anna Becker');
  await page.locator('[data-testid="feedback"][data-tone="ok"]').filter({ hasText: 'Anna Becker is now logged in' }).waitFor({ timeout: T });
  await d.settled('after the operator switched');
  const added = (await journal(page)).slice(before).map((e) => [e.type, e.operatorId, e.payload]);
  // The order was completed: nothing to hand over, only the change of operator.
  expect(added).toEqual([
    ['OperatorLoggedOut', 'OP-1002', { reason: 'handover' }],
    ['OperatorLoggedIn', 'OP-1001', { badge: DEMO_BADGES.anna, role: 'operator', method: 'badge' }],
  ]);
}
