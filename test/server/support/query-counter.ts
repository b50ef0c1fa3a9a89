import type { KyselyPlugin } from 'kysely';

/**
 * Counts every query a Kysely instance wrapped with `plugin` compiles (BEGIN
 * and COMMIT are not queries to Kysely), and
 * the rows the database answered them with, whatever runs them: how much a
 * read asks of the database, independent of the machine's speed.
 */
export function queryCounter(): { plugin: KyselyPlugin; count: () => number; rows: () => number; reset: () => void } {
  let queries = 0;
  let rows = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => {
        rows += args.result.rows.length;
        return args.result;
      },
    },
    count: () => queries,
    rows: () => rows,
    reset: () => {
      queries = 0;
      rows = 0;
    },
  };
}
