import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { TestingError, describeError } from '../errors/testing.error.js';

/**
 * The versions of the control-plane binaries, read from the Go modules pinned under `hack/`.
 * `hack/kube/go.mod` is the one place that names the Kubernetes version.
 */
export interface PinnedVersions {
  /** The Kubernetes version, e.g. `v1.37.2` (kube-apiserver, kube-controller-manager, kube-scheduler). */
  readonly kubernetes: string;
  /** The etcd server version, e.g. `v3.7.3`. */
  readonly etcd: string;
  /** The kwok version, e.g. `v0.8.0`. */
  readonly kwok: string;
}

const pinnedModules = {
  kubernetes: { dir: 'kube', module: 'k8s.io/kubernetes' },
  etcd: { dir: 'etcd', module: 'go.etcd.io/etcd/server/v3' },
  kwok: { dir: 'kwok', module: 'sigs.k8s.io/kwok' },
} as const;

/**
 * Reads the pinned versions from `{kube,etcd,kwok}/go.mod` of the pinned modules' folder.
 *
 * @param hackDir - the folder of the pinned modules (the repository's `hack/`, or the package's `pins/`);
 *   found by {@link findHackDir} when omitted.
 * @throws TestingError `Configuration` when the folder or a pinned module is missing.
 */
export async function readPinnedVersions(hackDir?: string): Promise<PinnedVersions> {
  const dir = hackDir ?? requireHackDir();
  const read = async (key: keyof typeof pinnedModules): Promise<string> => {
    const { dir: sub, module } = pinnedModules[key];
    const file = join(dir, sub, 'go.mod');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new TestingError('Configuration', `failed to read ${file}: ${describeError(err)}`, {
        cause: err,
      });
    }
    const version = parseRequiredVersion(text, module);
    if (version === undefined) {
      throw new TestingError(
        'Configuration',
        `failed to read the version of ${module}: ${file} does not require it`,
      );
    }
    return version;
  };
  return { kubernetes: await read('kubernetes'), etcd: await read('etcd'), kwok: await read('kwok') };
}

/** The version `go.mod` text requires for `module`, from a single-line or block `require`. */
export function parseRequiredVersion(goMod: string, module: string): string | undefined {
  const escaped = module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm').exec(goMod);
  return match?.[1];
}

/**
 * The folder holding the pinned Go modules (`kube/`, `etcd/`, `kwok/`, each a `go.mod` and `go.sum`):
 * - in a packed or installed package, its own `pins/` folder (copied from the repository's `hack/` when
 *   the package is packed), so the test kit builds the same binaries from any directory;
 * - in the repository, the nearest ancestor of `start` holding `hack/kube/go.mod`.
 *
 * Both hold the same files, so both give the same cache key: binaries built in the repository serve an
 * installed package on the same machine. Undefined when neither exists (binaries then come from the
 * environment: `KUBEBUILDER_ASSETS` or `TEST_ASSET_*`).
 */
export function findHackDir(start: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  const packaged = join(packageRoot(start), PINS_DIR);
  if (existsSync(join(packaged, 'kube', 'go.mod'))) return packaged;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'hack', 'kube', 'go.mod'))) return join(dir, 'hack');
    if (dirname(dir) === dir) return undefined;
  }
}

/** The folder of a packed package that holds its copy of the pinned modules. */
export const PINS_DIR = 'pins';

/** The testing package's root: the nearest ancestor of `start` holding a package.json. */
function packageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) || dirname(dir) === dir) return dir;
  }
}

function requireHackDir(): string {
  const dir = findHackDir();
  if (dir === undefined) {
    throw new TestingError(
      'Configuration',
      'failed to find the pinned Go modules: the testing package has no pins/ folder and no ancestor holds ' +
        'hack/kube/go.mod; reinstall @score-orchestrator/testing, or set KUBEBUILDER_ASSETS / TEST_ASSET_* ' +
        'to prebuilt binaries',
    );
  }
  return dir;
}
