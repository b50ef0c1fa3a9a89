import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChangeFeed, type ChangeListen } from '../../server/db/change-feed';
import { upsertMaster } from '../../server/master-data-store';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/**
 * The change feed's fallbacks, with a scripted LISTEN: while listening it does
 * not poll; when the listening connection is lost it tells subscribers to
 * look, polls the fingerprint meanwhile and listens again; when LISTEN cannot
 * be set up at all it polls. The fingerprint is read from a real database.
 */

const until = async (check: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('change feed', () => {
  let database: TestDatabase;
  let n = 0;
  const write = async () => {
    const w = await upsertMaster(database.db, 'line', { id: `L-${++n}`, plantId: 'P1', name: `Linie ${n}` });
    expect(w.ok).toBe(true);
  };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('polls the fingerprint where it cannot listen, and only while someone is subscribed', async () => {
    const feed = createChangeFeed({ db: database.db, pollMs: 50 });
    let heard = 0;
    expect(feed.mode).toBe('idle');
    const off = feed.subscribe(() => heard++);
    await until(() => feed.mode === 'poll');
    await new Promise((r) => setTimeout(r, 150));
    expect(heard).toBe(0);
    await write();
    await until(() => heard === 1);
    off();
    await until(() => feed.mode === 'idle');
    await feed.close();
  });

  it('listens without polling, and after losing the connection tells subscribers, polls, then listens again', async () => {
    const sessions: { onChange: () => void; onLost: (err: unknown) => void; stopped: boolean }[] = [];
    const listen: ChangeListen = async (onChange, onLost) => {
      const session = { onChange, onLost, stopped: false };
      sessions.push(session);
      return async () => {
        session.stopped = true;
      };
    };
    const feed = createChangeFeed({ db: database.db, listen, pollMs: 50 });
    let heard = 0;
    const off = feed.subscribe(() => heard++);
    await until(() => feed.mode === 'listen');
    // Once LISTEN is in place, subscribers look once (a write just before it would be missed otherwise).
    expect(heard).toBe(1);
    sessions[0]!.onChange();
    expect(heard).toBe(2);
    // A write nobody announces is not seen while listening: the feed does not poll then.
    await write();
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toBe(2);

    sessions[0]!.onLost(new Error('connection reset'));
    expect(heard).toBe(3);
    expect(feed.mode).toBe('poll');
    await write();
    await until(() => heard >= 4);
    // It listens again after a pause, on a new connection.
    await until(() => sessions.length === 2 && feed.mode === 'listen', 5_000);
    off();
    await until(() => sessions[1]!.stopped);
    await feed.close();
  });

  it('falls back to polling when LISTEN cannot be set up, and keeps trying', async () => {
    let attempts = 0;
    const listen: ChangeListen = async () => {
      attempts++;
      throw new Error('connection refused');
    };
    const feed = createChangeFeed({ db: database.db, listen, pollMs: 50 });
    let heard = 0;
    const off = feed.subscribe(() => heard++);
    await until(() => feed.mode === 'poll');
    await write();
    await until(() => heard >= 1);
    await until(() => attempts >= 2, 5_000);
    off();
    await feed.close();
  });
});
