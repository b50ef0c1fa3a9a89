import type { Page } from 'playwright-core';

/**
 * The journal's snapshots as each bench/open.ts round leaves them, changed
 * straight in the page's IndexedDB while the app is not loaded:
 *
 * - cleared: an update with no upgrade step from the stored version (the
 *   snapshot is unreadable, the worker refolds the journal);
 * - written by version 1: what the app before the snapshot-version change
 *   stored (the same folds without `foldedFrom`, shared/journal-snapshot-upgrade.ts),
 *   so the update finds a snapshot it upgrades.
 */

type Change = 'clear' | 'as-version-1';

function changeSnapshots(page: Page, db: string, change: Change): Promise<{ rows: number; bytes: number }> {
  return page.evaluate(
    ({ db, change }) =>
      new Promise<{ rows: number; bytes: number }>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('snapshots', 'readwrite');
          const store = tx.objectStore('snapshots');
          const seen = { rows: 0, bytes: 0 };
          if (change === 'clear') store.clear();
          else {
            const all = store.getAll();
            all.onsuccess = () => {
              for (const row of all.result as Record<string, unknown>[]) {
                delete row['foldedFrom'];
                row['version'] = 1;
                seen.rows += 1;
                seen.bytes += JSON.stringify(row).length;
                store.put(row);
              }
            };
          }
          tx.oncomplete = () => {
            open.result.close();
            resolve(seen);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { db, change },
  );
}

/** Drops the journal's snapshots, as an update without an upgrade step leaves them unreadable. */
export async function clearSnapshots(page: Page, db: string): Promise<void> {
  await changeSnapshots(page, db, 'clear');
}

/** Rewrites the stored snapshot as version 1 wrote it; returns its size as JSON. Throws when there is none to rewrite. */
export async function snapshotsAsVersion1(page: Page, db: string): Promise<number> {
  const { rows, bytes } = await changeSnapshots(page, db, 'as-version-1');
  if (rows === 0) throw new Error('no snapshot to rewrite as version 1: the worker round before should have stored one');
  return bytes;
}

/** Waits until the app has stored a snapshot (the worker stores it after handing it to the opening order). */
export async function storedSnapshot(page: Page, db: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const count = await page.evaluate(
      (db) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open(db);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('snapshots').objectStore('snapshots').count();
            req.onsuccess = () => {
              open.result.close();
              resolve(req.result);
            };
            req.onerror = () => reject(req.error);
          };
        }),
      db,
    );
    if (count > 0) return;
    if (Date.now() > deadline) throw new Error('the worker stored no snapshot');
    await new Promise((r) => setTimeout(r, 200));
  }
}
