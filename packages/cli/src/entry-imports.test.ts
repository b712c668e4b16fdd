import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// `score-orchestrator` imports the package entry before it knows the command. The entry must not load the
// orchestrator, the SDK, the Score API or their heavy libraries: each command imports those when it runs.
const src = dirname(fileURLToPath(import.meta.url));
const heavy = [
  /^@score-orchestrator\//,
  /^@kubernetes\/client-node/,
  /^yaml$/,
  /^inversify$/,
  /^winston$/,
  /^prom-client$/,
  /^class-validator/,
  /^@marcbachmann\/cel-js$/,
];

/** Every module specifier the file loads when it is imported: value imports and re-exports, not `import()`. */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause !== undefined &&
          clause.name === undefined &&
          clause.namedBindings !== undefined &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.every((element) => element.isTypeOnly));
      if (!typeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** The packages the entry loads, with the chain of files that leads to each. */
function packagesLoadedBy(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.'))
        visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')), [...chain, file]);
      else if (!specifier.startsWith('node:') && !packages.has(specifier))
        packages.set(
          specifier,
          [...chain, file].map((f) => f.slice(src.length + 1)),
        );
    }
  };
  visit(entry, []);
  return packages;
}

describe('the CLI entry', () => {
  it('loads none of the orchestrator, the SDK, the Score API or their libraries at import', () => {
    const loaded = [...packagesLoadedBy(resolve(src, 'index.ts'))];
    const offenders = loaded.filter(([name]) => heavy.some((pattern) => pattern.test(name)));
    expect(offenders.map(([name, chain]) => `${name} via ${chain.join(' -> ')}`)).toEqual([]);
  });

  it('is checked by following re-exports and value imports (the offline subpath does load the Score API)', () => {
    const loaded = packagesLoadedBy(resolve(src, 'offline.ts'));
    expect([...loaded.keys()]).toEqual(expect.arrayContaining(['@score-orchestrator/api', 'yaml']));
  });
});
