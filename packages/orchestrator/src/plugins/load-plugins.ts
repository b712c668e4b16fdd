import { describeError } from '@score-orchestrator/operator-sdk';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import type { LoadedPlugin } from './loaded-plugin.js';
import { assertNoConflicts, validatePluginModule } from './validate-plugins.js';

/** Settings of {@link loadPlugins}. */
export interface LoadPluginsOptions {
  /** How to import a package (default: dynamic `import()`); tests pass fixtures here. */
  readonly importer?: (packageName: string) => Promise<unknown>;
}

/**
 * Imports each plugin package, takes its `plugin` export (or its default export), and checks it: every
 * resolver class carries `@Resolver`, every runtime class `@Runtime`, and no resolver name or runtime
 * class is declared twice across the packages. Packages are imported in order; the result keeps it.
 *
 * @throws OrchestratorError `Configuration` naming the package and the problem: not installed (with the
 *   `npm install` to run), no plugin export, an undecorated class, a duplicate.
 */
export async function loadPlugins(
  packageNames: readonly string[],
  options: LoadPluginsOptions = {},
): Promise<LoadedPlugin[]> {
  const importer = options.importer ?? ((name: string) => import(name));
  const loaded: LoadedPlugin[] = [];
  for (const packageName of packageNames) {
    const exports = await importPackage(packageName, importer);
    const candidate = exports.plugin ?? exports.default;
    loaded.push({ packageName, module: validatePluginModule(packageName, candidate) });
  }
  assertNoConflicts(loaded);
  return loaded;
}

async function importPackage(
  packageName: string,
  importer: (packageName: string) => Promise<unknown>,
): Promise<{ plugin?: unknown; default?: unknown }> {
  try {
    const exports = await importer(packageName);
    return (typeof exports === 'object' && exports !== null ? exports : {}) as {
      plugin?: unknown;
      default?: unknown;
    };
  } catch (err) {
    if (isPackageNotFound(err, packageName)) {
      throw new OrchestratorError(
        'Configuration',
        `failed to load plugin ${packageName}: the package is not installed; run "npm install ${packageName}" where the orchestrator runs`,
        { cause: err },
      );
    }
    throw new OrchestratorError(
      'Configuration',
      `failed to load plugin ${packageName}: ${describeError(err)}`,
      {
        cause: err,
      },
    );
  }
}

/** Whether `err` says `packageName` itself is missing (not one of its own dependencies). */
function isPackageNotFound(err: unknown, packageName: string): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  // Errors may come from another realm (a VM context): read the message structurally.
  const message = String((err as { message?: unknown } | undefined)?.message ?? '');
  const namesPackage = message.includes(`'${packageName}'`) || message.includes(`"${packageName}"`);
  const notFound =
    code === 'ERR_MODULE_NOT_FOUND' ||
    code === 'MODULE_NOT_FOUND' ||
    /Cannot find (module|package)/.test(message);
  return notFound && namesPackage;
}
