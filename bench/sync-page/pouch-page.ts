import PouchDB from 'pouchdb-browser';

/**
 * PouchDB's side of the Chromium sync bench (bench/sync-chromium.ts), in the
 * same browser as the Takt page: pouchdb-browser's IndexedDB adapter (the
 * `idb` adapter, its default), documents written while offline, then one-shot
 * `replicate.to` a pouchdb-server with default batch settings.
 */

export interface PouchSyncBench {
  /** Writes the documents with bulkDocs in chunks of 1000; resolves with the milliseconds it took. */
  write(name: string, docs: object[]): Promise<number>;
  /** Replicates to `remoteUrl` once; resolves with the time until the remote holds `expected` documents. */
  replicate(name: string, remoteUrl: string, expected: number): Promise<number>;
  destroy(name: string): Promise<void>;
}

const local = (name: string) => new PouchDB(name);

const bench: PouchSyncBench = {
  async write(name, docs) {
    const db = local(name);
    const started = performance.now();
    for (let i = 0; i < docs.length; i += 1000) await db.bulkDocs(docs.slice(i, i + 1000));
    return performance.now() - started;
  },

  async replicate(name, remoteUrl, expected) {
    const db = local(name);
    const started = performance.now();
    const result = await db.replicate.to(remoteUrl);
    const remote = await new PouchDB(remoteUrl).info();
    const ms = performance.now() - started;
    if (!result.ok || remote.doc_count !== expected) throw new Error(`replication: ok ${result.ok}, remote holds ${remote.doc_count} of ${expected}`);
    return ms;
  },

  async destroy(name) {
    await local(name).destroy();
  },
};

(window as unknown as { pouchSyncBench: PouchSyncBench }).pouchSyncBench = bench;
