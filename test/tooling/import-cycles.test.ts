import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No import cycles in the product's source. Cycles make module order matter
 * (a `const` read before its module ran is `undefined` at run time) and tie
 * layers together. The check uses TypeScript's own module resolution so that
 * paths resolve exactly as the compiler sees them; `import type` is ignored
 * because it leaves nothing at run time. (A lint plugin would need its own
 * resolver setup for TypeScript and re-walks the graph per file.)
 */
const ROOT = new URL('../..', import.meta.url).pathname;
const LAYERS = ['shared', 'electron', 'renderer', 'server'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Module specifiers that stay at run time: type-only imports and exports are left out. */
function runtimeImports(source: string, fileName: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const specs: string[] = [];
  for (const stmt of file.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const clause = stmt.importClause;
      const typeOnly = clause?.isTypeOnly || (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) specs.push(stmt.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(stmt) && stmt.moduleSpecifier && ts.isStringLiteral(stmt.moduleSpecifier) && !stmt.isTypeOnly) {
      specs.push(stmt.moduleSpecifier.text);
    }
  }
  return specs;
}

function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('import graph', () => {
  it('finds a cycle when there is one (the check bites)', () => {
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
    expect(runtimeImports("import type { A } from './a';\nimport { type B } from './b';\nimport { c } from './c';\nexport * from './d';", 'x.ts')).toEqual(['./c', './d']);
  });

  it('has no runtime import cycles in shared/, electron/, renderer/ or server/', () => {
    const options: ts.CompilerOptions = { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, resolveJsonModule: true, allowJs: false };
    const host = ts.createCompilerHost(options);
    const files = LAYERS.flatMap((layer) => sourceFiles(join(ROOT, layer)));
    const known = new Set(files);
    const graph = new Map<string, string[]>();
    for (const file of files) {
      const deps = runtimeImports(readFileSync(file, 'utf8'), file)
        .map((spec) => ts.resolveModuleName(spec, file, options, host).resolvedModule?.resolvedFileName)
        .filter((p): p is string => !!p && known.has(p));
      graph.set(file, deps);
    }
    expect(files.length).toBeGreaterThan(200);
    // Resolution works: most files import at least one other source file.
    expect([...graph.values()].flat().length).toBeGreaterThan(files.length);
    const cycles = findCycles(graph).map((c) => c.map((p) => relative(ROOT, p)).join(' → '));
    expect(cycles).toEqual([]);
  });
});
