import { join } from 'node:path';

import { TestingError } from '../errors/testing.error.js';
import { cacheKey, cacheRoot } from './asset-cache.js';
import { resolveBinary, type ResolvedBinary } from './asset-resolver.js';
import { binarySpec, controlPlaneBinaries, type ControlPlaneBinary } from './binaries.js';
import { goBuild, type ProgressReporter } from './go-build.js';
import { findHackDir, readPinnedVersions } from './pinned-versions.js';

/** Options of {@link ensureControlPlaneAssets}. */
export interface EnsureAssetsOptions {
  /** The binaries wanted; all of them when omitted. */
  readonly binaries?: readonly ControlPlaneBinary[];
  /** Build what is missing (true, the default) or fail and say how to build it (false). */
  readonly build?: boolean;
  /** The environment to read `TEST_ASSET_*`, `KUBEBUILDER_ASSETS` and `XDG_CACHE_HOME` from; `process.env` by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** The repository's `hack` folder; found from this package's location when omitted. */
  readonly hackDir?: string;
  /** Receives build progress lines; builds print to stderr when omitted. */
  readonly progress?: ProgressReporter;
}

/**
 * Makes sure the wanted control-plane binaries exist and says where they are.
 *
 * Each binary is taken from, in order: its `TEST_ASSET_*` variable, `KUBEBUILDER_ASSETS`, the cache
 * (`${XDG_CACHE_HOME:-~/.cache}/score-orchestrator/control-plane/<key>/`), or else it is built from the
 * Go module pinned under `hack/` into the cache. A second call finds everything and builds nothing.
 *
 * @returns one entry per wanted binary, in the order asked.
 * @throws TestingError `Configuration` when a binary is missing and `build` is false, or a variable is wrong;
 *   `Build` when a build fails.
 */
export async function ensureControlPlaneAssets(options: EnsureAssetsOptions = {}): Promise<ResolvedBinary[]> {
  const env = options.env ?? process.env;
  const wanted = options.binaries ?? controlPlaneBinaries.map((b) => b.name);
  const hackDir = options.hackDir ?? findHackDir();
  const versions = hackDir !== undefined ? await readPinnedVersions(hackDir) : undefined;
  const cacheDir =
    hackDir !== undefined && versions !== undefined
      ? join(cacheRoot(env), await cacheKey(hackDir, versions))
      : undefined;

  const resolved: ResolvedBinary[] = [];
  for (const name of wanted) {
    const spec = binarySpec(name);
    const found = resolveBinary(spec, env, cacheDir);
    if (found !== undefined) {
      resolved.push(found);
      continue;
    }
    if (
      options.build === false ||
      hackDir === undefined ||
      versions === undefined ||
      cacheDir === undefined
    ) {
      const where = cacheDir !== undefined ? `, nor in ${cacheDir}` : '';
      throw new TestingError(
        'Configuration',
        `failed to resolve ${name}: not set by ${spec.envVar}, not in KUBEBUILDER_ASSETS${where}; ` +
          'run `npm run control-plane:assets` to build it, or set KUBEBUILDER_ASSETS',
      );
    }
    const output = join(cacheDir, name);
    const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
    await goBuild({ spec, versions, hackDir, output, progress });
    resolved.push({ name, path: output, source: 'build' });
  }
  return resolved;
}
