/**
 * The server process of `npm run bench -- server`: the real server
 * (buildServer) on the prepared database, plus the naive baseline route and
 * GET /bench/stats, which tells the load side what the push path cost:
 * the process's CPU time and the SQL statements it sent, by kind and table
 * (INSERTs into events count the group-commit transactions, so pushes per
 * group follow). Run as `node --import tsx server-child.ts <dataDir> <url>`,
 * pinned to cores by the parent with taskset.
 */
import type { KyselyPlugin, OperationNode } from 'kysely';

export interface ServerStats {
  cpuMs: number;
  pushes: number;
  statements: Record<string, number>;
}

/** "select terminals", "insert events", …: what a statement did to which table. */
function describe(node: OperationNode): string {
  const anyNode = node as unknown as Record<string, unknown>;
  const tableOf = (t: unknown): string => {
    const n = t as { table?: { identifier?: { name?: string } }; node?: unknown; identifier?: { name?: string } } | undefined;
    return n?.table?.identifier?.name ?? n?.identifier?.name ?? (n?.node ? tableOf(n.node) : '?');
  };
  switch (node.kind) {
    case 'SelectQueryNode':
      return `select ${tableOf((anyNode.from as { froms?: unknown[] } | undefined)?.froms?.[0])}`;
    case 'InsertQueryNode':
      return `insert ${tableOf(anyNode.into)}`;
    case 'UpdateQueryNode':
      return `update ${tableOf(anyNode.table)}`;
    case 'DeleteQueryNode':
      return `delete ${tableOf((anyNode.from as { froms?: unknown[] } | undefined)?.froms?.[0])}`;
    default:
      return node.kind;
  }
}

function statementCounter(counts: Record<string, number>): KyselyPlugin {
  return {
    transformQuery: (args) => {
      const key = describe(args.node);
      counts[key] = (counts[key] ?? 0) + 1;
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
}

async function serve(dataDir: string, databaseUrl: string | undefined): Promise<void> {
  const { buildServer } = await import('../../server/app');
  const { openDatabase } = await import('../../server/db/create-database');
  const { registerNaivePush } = await import('./naive-push');
  const database = openDatabase({ dataDir, databaseUrl });
  const statements: Record<string, number> = {};
  const db = database.db.withPlugin(statementCounter(statements));
  const app = buildServer({ db, dialect: database.dialect, rateLimit: { max: 1e9, timeWindowMs: 60_000 } });
  registerNaivePush(app, db);
  let pushes = 0;
  app.addHook('onResponse', async (request) => {
    if (request.url === '/api/v1/sync/push') pushes += 1;
  });
  app.get('/bench/stats', { config: { auth: 'none' } }, async (): Promise<ServerStats> => {
    const cpu = process.cpuUsage();
    return { cpuMs: (cpu.user + cpu.system) / 1000, pushes, statements: { ...statements } };
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  process.once('SIGTERM', () => {
    void app.close().then(() => database.close()).then(() => process.exit(0));
  });
}

await serve(process.argv[2]!, process.argv[3] || undefined);
