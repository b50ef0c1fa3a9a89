// pouchdb-browser ships no types; only the calls the Chromium bench page makes.
declare module 'pouchdb-browser' {
  interface PouchBrowserDb {
    bulkDocs(docs: object[]): Promise<unknown[]>;
    replicate: { to(target: string): Promise<{ ok: boolean; docs_written: number }> };
    info(): Promise<{ doc_count: number }>;
    destroy(): Promise<unknown>;
  }
  const PouchDB: new (name: string) => PouchBrowserDb;
  export default PouchDB;
}
