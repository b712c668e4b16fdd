import { readResolverOptions, readRuntimeOptions, type PluginModule } from '@score-orchestrator/api';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import type { LoadedPlugin } from './loaded-plugin.js';

/**
 * Checks one package's export: a `PluginModule` (a `name` and lists of classes) whose resolvers carry
 * `@Resolver` and whose runtimes carry `@Runtime`.
 *
 * @throws OrchestratorError `Configuration` naming the package and what is wrong.
 */
export function validatePluginModule(packageName: string, candidate: unknown): PluginModule {
  const fail = (problem: string): never => {
    throw new OrchestratorError('Configuration', `failed to load plugin ${packageName}: ${problem}`);
  };
  if (typeof candidate !== 'object' || candidate === null) {
    return fail('it exports no plugin; export `plugin` (or a default export) of type PluginModule');
  }
  const module = candidate as Partial<PluginModule>;
  if (typeof module.name !== 'string' || module.name === '') fail('its plugin export has no name');
  for (const [list, decorator, read] of [
    ['resolvers', 'Resolver', readResolverOptions],
    ['runtimes', 'Runtime', readRuntimeOptions],
  ] as const) {
    const classes: unknown = module[list];
    if (classes === undefined) continue;
    if (!Array.isArray(classes)) fail(`${list} must be a list of classes`);
    for (const cls of classes as unknown[]) {
      if (typeof cls !== 'function') fail(`${list} holds something that is not a class`);
      else if (!read(cls))
        fail(
          `${list.slice(0, -1)} class ${cls.name} has no @${decorator} decorator; add @${decorator}({ ... })`,
        );
    }
  }
  return module as PluginModule;
}

/**
 * Checks plugins against each other: a resolver name, or a runtime class, is served by one plugin only.
 *
 * @throws OrchestratorError `Configuration` naming both packages.
 */
export function assertNoConflicts(plugins: readonly LoadedPlugin[]): void {
  const resolvers = new Map<string, string>();
  const runtimes = new Map<string, string>();
  for (const { packageName, module } of plugins) {
    for (const cls of module.resolvers ?? []) {
      claim(resolvers, readResolverOptions(cls)!.name, packageName, 'resolver name');
    }
    for (const cls of module.runtimes ?? []) {
      claim(runtimes, readRuntimeOptions(cls)!.runtimeClass, packageName, 'runtime class');
    }
  }
}

function claim(seen: Map<string, string>, value: string, packageName: string, what: string): void {
  const other = seen.get(value);
  if (other !== undefined) {
    const where = other === packageName ? `twice in ${packageName}` : `by both ${other} and ${packageName}`;
    throw new OrchestratorError(
      'Configuration',
      `failed to load plugins: ${what} "${value}" is declared ${where}; remove one of them from the plugin list`,
    );
  }
  seen.set(value, packageName);
}
