import { ensureControlPlaneAssets } from '../assets/ensure-assets.js';
import type { ControlPlaneBinary } from '../assets/binaries.js';
import type { ControlPlaneOptions } from './control-plane-options.js';
import { loadExistingCluster, type ExistingCluster } from './existing-cluster.js';
import { LocalControlPlane } from './local-control-plane.js';

/** What a ControlPlane stands on: processes it started, or a cluster someone else runs. */
export type ControlPlaneBackend =
  | {
      readonly kind: 'local';
      readonly plane: LocalControlPlane;
      readonly kubeconfigPath: string;
      /** The resolved path of every binary asked for. */
      readonly binaries: ReadonlyMap<ControlPlaneBinary, string>;
    }
  | { readonly kind: 'existing'; readonly cluster: ExistingCluster };

/** Default time for each start-up step; generous because CI machines may be slow and busy. */
export const defaultStartTimeoutMs = 60_000;

/**
 * Starts etcd and kube-apiserver, or loads the existing cluster when asked to. Binaries are resolved
 * but never built here: building takes minutes, more than a test's timeout.
 */
export async function startBackend(
  options: ControlPlaneOptions,
  binaries: readonly ControlPlaneBinary[],
): Promise<ControlPlaneBackend> {
  const env = options.env ?? process.env;
  if (options.useExistingCluster ?? env.USE_EXISTING_CLUSTER === 'true') {
    return { kind: 'existing', cluster: loadExistingCluster(env) };
  }
  const resolved = await ensureControlPlaneAssets({ binaries, build: false, env });
  const binaryPaths = new Map(resolved.map((r) => [r.name, r.path]));
  const path = (name: ControlPlaneBinary): string => binaryPaths.get(name) ?? name;
  const plane = await LocalControlPlane.start({
    etcdBinary: path('etcd'),
    apiServerBinary: path('kube-apiserver'),
    apiServerFlags: options.apiServerFlags ?? [],
    startTimeoutMs: options.startTimeoutMs ?? defaultStartTimeoutMs,
  });
  try {
    return {
      kind: 'local',
      plane,
      kubeconfigPath: await plane.writeAdminKubeconfig(),
      binaries: binaryPaths,
    };
  } catch (err) {
    await plane.stop();
    throw err;
  }
}
