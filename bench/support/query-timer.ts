import type { KyselyPlugin, QueryId } from 'kysely';

/**
 * Times every query a Kysely instance wrapped with `plugin` runs, from its
 * compilation to its rows (waiting for the connection included), grouped by
 * the tables it reads: where a request's database time goes, for a bench's
 * `--queries` breakdown. Never on by default: it touches every query.
 */
export interface QueryTime {
  tables: string;
  count: number;
  rows: number;
  ms: number;
}

/** The table names in a query's operation tree, in order of first mention; aliases (`w` in `w.batch`) are left out. */
function tablesOf(node: unknown): string {
  const names: string[] = [];
  const aliases = new Set<string>();
  const visit = (n: unknown): void => {
    if (n === null || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    const o = n as { kind?: string; table?: { identifier?: { name?: string } }; alias?: { kind?: string; name?: string } };
    if (o.kind === 'AliasNode' && o.alias?.kind === 'IdentifierNode' && o.alias.name) aliases.add(o.alias.name);
    const name = o.kind === 'TableNode' ? o.table?.identifier?.name : undefined;
    if (name && !names.includes(name)) names.push(name);
    for (const value of Object.values(o)) visit(value);
  };
  visit(node);
  return names.filter((name) => !aliases.has(name)).join('+') || '(no table)';
}

export function queryTimer(): { plugin: KyselyPlugin; times: () => QueryTime[]; reset: () => void } {
  const started = new WeakMap<QueryId, { at: number; tables: string }>();
  let byTables = new Map<string, QueryTime>();
  return {
    plugin: {
      transformQuery: (args) => {
        started.set(args.queryId, { at: performance.now(), tables: tablesOf(args.node) });
        return args.node;
      },
      transformResult: async (args) => {
        const start = started.get(args.queryId);
        if (start) {
          const time = byTables.get(start.tables) ?? { tables: start.tables, count: 0, rows: 0, ms: 0 };
          time.count += 1;
          time.rows += args.result.rows.length;
          time.ms += performance.now() - start.at;
          byTables.set(start.tables, time);
        }
        return args.result;
      },
    },
    times: () => [...byTables.values()].sort((a, b) => b.ms - a.ms),
    reset: () => {
      byTables = new Map();
    },
  };
}
