// helm and kustomize for the deploy tests (and actionlint for the release test), built from the Go modules
// pinned under hack/helm, hack/kustomize and hack/actionlint and cached like the control-plane binaries (no
// prebuilt binaries are downloaded).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A tool the deploy tests render manifests with. */
export type DeployTool = 'helm' | 'kustomize' | 'actionlint';

interface ToolSpec {
  /** The variable that names a prebuilt binary instead. */
  readonly envVar: string;
  /** The Go module whose `require` line is the tool's version. */
  readonly module: string;
  /** The Go package `go build` turns into the binary. */
  readonly goPackage: string;
  /** Linker flags stamping the version, as the tool's own Makefile does. */
  readonly ldflags: (goMod: string) => string;
}

const tools: Record<DeployTool, ToolSpec> = {
  helm: {
    envVar: 'TEST_ASSET_HELM',
    module: 'helm.sh/helm/v3',
    goPackage: 'helm.sh/helm/v3/cmd/helm',
    // Without the Kubernetes stamps helm assumes v1.20 for charts' kubeVersion checks.
    ldflags: (goMod) => {
      const [, minor] = requiredVersion(goMod, 'k8s.io/client-go').replace(/^v/, '').split('.');
      return [
        '-s -w',
        `-X helm.sh/helm/v3/internal/version.version=${requiredVersion(goMod, 'helm.sh/helm/v3')}`,
        '-X helm.sh/helm/v3/internal/version.metadata=',
        `-X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1`,
        `-X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=${minor}`,
        `-X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1`,
        `-X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=${minor}`,
      ].join(' ');
    },
  },
  kustomize: {
    envVar: 'TEST_ASSET_KUSTOMIZE',
    module: 'sigs.k8s.io/kustomize/kustomize/v5',
    goPackage: 'sigs.k8s.io/kustomize/kustomize/v5',
    ldflags: (goMod) =>
      `-s -w -X sigs.k8s.io/kustomize/api/provenance.version=${requiredVersion(goMod, 'sigs.k8s.io/kustomize/kustomize/v5')}`,
  },
  actionlint: {
    envVar: 'TEST_ASSET_ACTIONLINT',
    module: 'github.com/rhysd/actionlint',
    goPackage: 'github.com/rhysd/actionlint/cmd/actionlint',
    ldflags: (goMod) =>
      `-s -w -X github.com/rhysd/actionlint.version=${requiredVersion(goMod, 'github.com/rhysd/actionlint')}`,
  },
};

/** The repository root (the folder holding hack/ and deploy/). */
export const repoRoot = resolve(dirname(new URL(import.meta.url).pathname), '..', '..', '..');

/**
 * The path of `tool`: `$TEST_ASSET_HELM` / `$TEST_ASSET_KUSTOMIZE` when set, else the cached build
 * (`${XDG_CACHE_HOME:-~/.cache}/score-orchestrator/deploy-tools/<tool>-<version>_<hash>/<tool>`), else a
 * fresh `go build` of the module pinned under `hack/<tool>` into that cache (a few minutes, once).
 *
 * @throws Error when the variable names no executable, or when go is missing or the build fails.
 */
export async function ensureDeployTool(
  tool: DeployTool,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const spec = tools[tool];
  const explicit = env[spec.envVar];
  if (explicit) {
    if (!isExecutable(explicit)) {
      throw new Error(`failed to resolve ${tool}: ${spec.envVar}=${explicit} is not an executable; unset it`);
    }
    return explicit;
  }
  const moduleDir = join(repoRoot, 'hack', tool);
  const goMod = await readFile(join(moduleDir, 'go.mod'), 'utf8');
  const goSum = await readFile(join(moduleDir, 'go.sum'), 'utf8');
  const digest = createHash('sha256').update(goMod).update(goSum).digest('hex').slice(0, 10);
  const version = requiredVersion(goMod, spec.module);
  const output = join(cacheRoot(env), `${tool}-${version}_${digest}`, tool);
  if (isExecutable(output)) return output;

  await mkdir(dirname(output), { recursive: true });
  const temporary = `${output}.${process.pid}.tmp`;
  process.stderr.write(
    `building ${tool} ${version} from ${moduleDir} (once; cached in ${dirname(output)})\n`,
  );
  try {
    await run('go', ['build', `-ldflags=${spec.ldflags(goMod)}`, '-o', temporary, spec.goPackage], {
      cwd: moduleDir,
      env: { ...env, GOTOOLCHAIN: 'local', GOFLAGS: '-buildvcs=false' },
      maxBuffer: 64 * 1024 * 1024,
    });
    await rename(temporary, output);
  } catch (err) {
    await rm(temporary, { force: true });
    throw new Error(`failed to build ${tool} from ${moduleDir}: ${(err as Error).message}`, { cause: err });
  }
  return output;
}

function cacheRoot(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'score-orchestrator', 'deploy-tools');
}

function requiredVersion(goMod: string, module: string): string {
  const escaped = module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const version = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm').exec(goMod)?.[1];
  if (version === undefined)
    throw new Error(`failed to read the version of ${module}: go.mod does not require it`);
  return version;
}

function isExecutable(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
