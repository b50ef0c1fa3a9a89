import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommitter } from '../../../renderer/storage/group-commit';
import { Journal } from '../../../renderer/storage/journal';
import { fixedClock, uniqueTerminalId } from '../support/fixtures';

const login = () => ({ type: 'OperatorLoggedIn' as const, operatorId: 'op-anna', payload: { badge: 'B1001', role: 'operator', method: 'badge' as const } });
const started = (orderId: string) => ({ type: 'OrderStarted' as const, operatorId: 'op-anna', orderId, payload: { orderNumber: `PO-${orderId}`, materialId: 'm-1', quantity: 5 } });

const open: Journal[] = [];
afterEach(() => {
  for (const j of open.splice(0)) j.close();
});

describe('GroupCommitter', () => {
  it('items arriving during a commit share the next one; each resolves after its own commit', async () => {
    const commits: number[][] = [];
    let release: () => void = () => undefined;
    const committer = new GroupCommitter<number, string>({
      commit: async (items) => {
        commits.push([...items]);
        if (commits.length === 1) await new Promise<void>((r) => (release = r));
        return items.map((i) => `done ${i}`);
      },
      onGroupError: () => 'failed',
    });
    const resolved: number[] = [];
    const first = committer.submit(1).then((r) => (resolved.push(1), r));
    await Promise.resolve();
    const burst = [2, 3, 4, 5].map((i) => committer.submit(i).then((r) => (resolved.push(i), r)));
    await new Promise((r) => setTimeout(r, 5));
    expect(resolved).toEqual([]); // nobody is told "done" before the commit finished
    release();
    expect(await first).toBe('done 1');
    expect(await Promise.all(burst)).toEqual(['done 2', 'done 3', 'done 4', 'done 5']);
    expect(commits).toEqual([[1], [2, 3, 4, 5]]);
    expect(committer.groupSizes).toEqual([1, 4]);
  });

  it('a failing commit fails every item of its group, and the next group still commits', async () => {
    let n = 0;
    const committer = new GroupCommitter<number, string>({
      commit: async (items) => {
        if (n++ === 0) throw new Error('disk full');
        return items.map(() => 'ok');
      },
      onGroupError: (err) => `failed: ${(err as Error).message}`,
    });
    const a = committer.submit(1);
    const b = committer.submit(2);
    expect(await a).toBe('failed: disk full');
    expect(await b).toBe('ok');
  });

  it('caps a group at maxItems', async () => {
    const sizes: number[] = [];
    const committer = new GroupCommitter<number, number>({ commit: async (items) => (sizes.push(items.length), [...items]), onGroupError: () => -1, maxItems: 3 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => committer.submit(i)));
    expect(sizes.every((s) => s <= 3)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(8);
  });
});

describe('Journal group commit', () => {
  it('a burst of 50 scans takes few transactions, keeps seq gap-free and in call order', async () => {
    const journal = await Journal.open(uniqueTerminalId());
    open.push(journal);
    const clock = fixedClock();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => journal.append([started(`o-${i}`)], { clock })));
    expect(results.every((r) => r.ok)).toBe(true);
    const seqs = results.map((r) => (r.ok ? r.value.events[0]!.seq : -1));
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(journal.groupSizes.length).toBeLessThan(10);
    expect(journal.groupSizes.reduce((a, b) => a + b, 0)).toBe(50);
    // Each caller gets the state as of its own events.
    const third = results[2]!;
    expect(third.ok && third.value.state.lastSeq).toBe(3);
    expect((await journal.loadState()).lastSeq).toBe(50);
  });

  it('an invalid caller in a group is refused alone; the others commit without a gap', async () => {
    const journal = await Journal.open(uniqueTerminalId());
    open.push(journal);
    const clock = fixedClock();
    let n = 0;
    const badIds = () => (n++ === 0 ? 'not-a-uuid' : crypto.randomUUID());
    const [a, bad, c] = await Promise.all([
      journal.append([login()], { clock }),
      journal.append([started('x')], { clock, newId: badIds }),
      journal.append([started('y')], { clock }),
    ]);
    expect(a.ok).toBe(true);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('invalid-event');
    expect(c.ok && c.value.events[0]!.seq).toBe(2);
    expect((await journal.eventsAfter(0, 10)).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('takes occurredAt when the caller appended, not when the group committed', async () => {
    const journal = await Journal.open(uniqueTerminalId());
    open.push(journal);
    const clock = fixedClock('2025-03-01T06:00:00.000Z');
    const first = journal.append([login()], { clock });
    clock.advance(60_000);
    const second = journal.append([started('o')], { clock });
    const [a, b] = await Promise.all([first, second]);
    expect(a.ok && a.value.events[0]!.occurredAt).toBe('2025-03-01T06:00:00.000Z');
    expect(b.ok && b.value.events[0]!.occurredAt).toBe('2025-03-01T06:01:00.000Z');
  });
});
