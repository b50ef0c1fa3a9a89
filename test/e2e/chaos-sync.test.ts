import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChaosProxy, type ChaosProxy } from './support/chaos-proxy';
import { seededRandom } from '../../shared/seeded-random';
import { startChaosServer, type ChaosServer } from './support/chaos-server';
import { startNodeTerminal, type NodeTerminal } from './support/node-terminal';

/**
 * The sync protocol under abuse, at volume, against the real server (SQLite):
 * lost and cut answers over 20k events, server (= database) kills during
 * pushes, a 50k offline backlog drained after reconnect, and a terminal clock
 * hours off. Each test ends with the server holding exactly the set of events
 * the journal confirmed: same seq → id pairs, each once.
 * The terminal side runs in Node (see support/node-terminal.ts for why).
 */

const figures: Record<string, unknown> = {};

function expectExactly(serverEvents: { seq: number; id: string }[], confirmed: Map<number, string>): void {
  const expected = [...confirmed.entries()].sort((a, b) => a[0] - b[0]).map(([seq, id]) => `${seq}:${id.toLowerCase()}`);
  const actual = serverEvents.map((e) => `${e.seq}:${e.id.toLowerCase()}`);
  expect(actual.length).toBe(expected.length);
  expect(new Set(actual).size).toBe(actual.length);
  expect(actual).toEqual(expected);
}

describe('chaos: the server ends with exactly the confirmed set', () => {
  let server: ChaosServer;
  const terminals: NodeTerminal[] = [];
  const proxies: ChaosProxy[] = [];

  beforeAll(async () => {
    server = await startChaosServer();
  });

  afterAll(async () => {
    for (const t of terminals) t.close();
    for (const p of proxies) await p.close();
    await server?.stop();
    console.log('[chaos-sync figures]', JSON.stringify(figures));
  });

  it('20k events through a proxy that drops answers after the commit and cuts connections mid-body', async () => {
    const id = 'T-CHAOS-LOST';
    const token = await server.addTerminal(id);
    const proxy = await startChaosProxy({ upstreamPort: server.port, dropShare: 0.15, cutShare: 0.1, seed: 7 });
    proxies.push(proxy);
    const terminal = await startNodeTerminal({ terminalId: id, serverUrl: proxy.url, token, pushBatch: 500 });
    terminals.push(terminal);
    const started = Date.now();
    terminal.engine.start();
    // Bookings keep arriving while sync runs and answers go missing.
    await terminal.book(20_000, 250);
    await terminal.drained(120_000);
    figures.lostAnswers = { events: 20_000, ms: Date.now() - started, proxy: { ...proxy.stats } };
    expect(proxy.stats.dropped).toBeGreaterThan(5);
    expect(proxy.stats.cut).toBeGreaterThan(5);
    expect(terminal.status().lastErrors?.length ?? 0).toBeGreaterThan(0);
    expectExactly(await server.events(id), terminal.confirmed);
    expect(await terminal.journal.ackedSeq()).toBe(20_000);
  }, 180_000);

  it('survives the server and its SQLite database being killed during pushes', async () => {
    const id = 'T-CHAOS-RESTART';
    const token = await server.addTerminal(id);
    const terminal = await startNodeTerminal({ terminalId: id, serverUrl: server.url, token, pushBatch: 500 });
    terminals.push(terminal);
    terminal.engine.start();
    const random = seededRandom(11);
    const pendingAtKill: number[] = [];
    // Each kill lands while bookings are still going in and pushes are due: on a fast machine a fixed delay
    // would find everything already acknowledged, and the kill would test nothing.
    for (let i = 0; i < 3; i++) {
      const booking = terminal.book(3_000, 100);
      await new Promise((r) => setTimeout(r, random() * 100));
      const deadline = Date.now() + 10_000;
      let pending = (await terminal.journal.syncInfo()).pending;
      while (pending === 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 2));
        pending = (await terminal.journal.syncInfo()).pending;
      }
      pendingAtKill.push(pending);
      await server.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 200 + random() * 400));
      await server.start();
      await booking;
    }
    await terminal.book(1_000, 100);
    await terminal.drained(60_000);
    figures.serverRestart = { events: 10_000, kills: pendingAtKill.length, pendingAtKill };
    expect(pendingAtKill.every((p) => p > 0)).toBe(true); // every kill landed while pushes were due
    expectExactly(await server.events(id), terminal.confirmed);
  }, 120_000);

  it('drains a 50k-event offline backlog after reconnect, in bounded time', async () => {
    const id = 'T-CHAOS-BACKLOG';
    const token = await server.addTerminal(id);
    const terminal = await startNodeTerminal({ terminalId: id, serverUrl: server.url, token, pushBatch: 1000 });
    terminals.push(terminal);
    await server.kill('SIGKILL');
    terminal.engine.start(); // offline: every attempt fails and backs off
    const bookStart = Date.now();
    await terminal.book(50_000, 1000);
    const bookMs = Date.now() - bookStart;
    expect((await terminal.journal.syncInfo()).pending).toBe(50_000);
    expect(terminal.status().online).toBe(false);
    await server.start();
    const reconnect = Date.now();
    terminal.engine.retryNow(); // what the `online` event / bridge reconnect triggers in the terminal
    await terminal.drained(120_000);
    const drainMs = Date.now() - reconnect;
    figures.backlog = { events: 50_000, bookMs, drainMs, eventsPerSecond: Math.round(50_000 / (drainMs / 1000)) };
    expect(drainMs).toBeLessThan(120_000);
    expectExactly(await server.events(id), terminal.confirmed);
  }, 240_000);

  it('orders by seq, not by time, when the terminal clock is hours off', async () => {
    const id = 'T-CHAOS-CLOCK';
    const token = await server.addTerminal(id);
    const terminal = await startNodeTerminal({ terminalId: id, serverUrl: server.url, token, pushBatch: 500 });
    terminals.push(terminal);
    terminal.engine.start();
    const h = 3600_000;
    await terminal.book(300, 50, () => new Date(Date.now() + 9 * h)); // clock ahead
    await terminal.book(300, 50, () => new Date(Date.now() - 7 * h)); // then set back, behind
    await terminal.book(300, 50); // then right
    await terminal.drained(30_000);
    const local = await terminal.journal.eventsAfter(0, 10_000);
    const times = local.map((e) => Date.parse(e.occurredAt));
    expect(times[0]! > times[400]!).toBe(true); // not monotone in time…
    expect(local.map((e) => e.seq)).toEqual(Array.from({ length: 900 }, (_, i) => i + 1)); // …but gap-free in seq
    expectExactly(await server.events(id), terminal.confirmed);
  }, 60_000);
});
