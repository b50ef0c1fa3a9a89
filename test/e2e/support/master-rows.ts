import { expect } from 'vitest';
import type { Stack } from './stack';

export type MasterRow = [kind: string, row: { id: string } & Record<string, unknown>];

/** Master data through the admin route (a process per `takt import` would cost seconds each on a loaded machine). */
export async function putMaster(stack: Stack, rows: MasterRow[]): Promise<void> {
  for (const [kind, row] of rows) {
    const res = await fetch(`${stack.serverUrl}/api/v1/master/${kind}/${row.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(row),
    });
    expect(res.status, await res.text()).toBe(200);
  }
}

/**
 * Replaces the demo's shift model of a line (breaks at fixed local times) by
 * one 24-hour shift without breaks that began two hours before `now`: a test
 * that books minutes relative to the clock then reads the same minutes back
 * whatever the time of day it runs at.
 */
export function breakFreeShiftModel(lineId: string, now: number): MasterRow {
  const start = new Date(now - 2 * 3600_000).toISOString().slice(11, 16);
  return ['shift-model', { id: `SM-${lineId}`, lineId, timeZone: 'UTC', shifts: [{ id: 'day', name: 'Tag', start, end: start, breaks: [] }] }];
}
