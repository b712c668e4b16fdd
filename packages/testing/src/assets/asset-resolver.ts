import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';

import { TestingError } from '../errors/testing.error.js';
import type { BinarySpec } from './binaries.js';

/** Where a resolved binary was found, in the order they are tried. */
export type BinarySource = 'env' | 'kubebuilder-assets' | 'cache' | 'build';

/** A binary and where it came from. */
export interface ResolvedBinary {
  readonly name: BinarySpec['name'];
  readonly path: string;
  readonly source: BinarySource;
}

/**
 * Finds a binary without building it, trying in order:
 * 1. the binary's own variable (e.g. `TEST_ASSET_KUBE_APISERVER`), which must then name an executable;
 * 2. `KUBEBUILDER_ASSETS/<name>` (the setup-envtest layout);
 * 3. `<cacheDir>/<name>`, when a cache folder is known.
 *
 * @returns the binary, or undefined when it has to be built.
 * @throws TestingError `Configuration` when the binary's variable names something that is not an executable.
 */
export function resolveBinary(
  spec: BinarySpec,
  env: NodeJS.ProcessEnv,
  cacheDir: string | undefined,
): ResolvedBinary | undefined {
  const explicit = env[spec.envVar];
  if (explicit !== undefined && explicit !== '') {
    if (!isExecutable(explicit)) {
      throw new TestingError(
        'Configuration',
        `failed to resolve ${spec.name}: ${spec.envVar}=${explicit} is not an executable file; ` +
          `unset ${spec.envVar} or point it at a ${spec.name} binary`,
      );
    }
    return { name: spec.name, path: explicit, source: 'env' };
  }
  const kubebuilder = env.KUBEBUILDER_ASSETS;
  if (kubebuilder !== undefined && kubebuilder !== '' && isExecutable(join(kubebuilder, spec.name))) {
    return { name: spec.name, path: join(kubebuilder, spec.name), source: 'kubebuilder-assets' };
  }
  if (cacheDir !== undefined && isExecutable(join(cacheDir, spec.name))) {
    return { name: spec.name, path: join(cacheDir, spec.name), source: 'cache' };
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
