/** Options of {@link ControlPlane.start}. */
export interface ControlPlaneOptions {
  /** CRD files (YAML/JSON, multi-document) or folders of them, installed once the API server is ready. */
  readonly crds?: string | readonly string[];
  /**
   * Use the cluster of the current kubeconfig (`KUBECONFIG`, else `~/.kube/config`) instead of starting one.
   * Defaults to `USE_EXISTING_CLUSTER=true` in the environment.
   */
  readonly useExistingCluster?: boolean;
  /** How long to wait for each start-up step, in ms; 60 s by default. */
  readonly startTimeoutMs?: number;
  /** Extra kube-apiserver flags, e.g. `--feature-gates=...`; appended, so they override the defaults. */
  readonly apiServerFlags?: readonly string[];
  /**
   * The environment read at start: `USE_EXISTING_CLUSTER`, `TEST_ASSET_*`, `KUBEBUILDER_ASSETS`,
   * `XDG_CACHE_HOME`. `process.env` by default.
   */
  readonly env?: NodeJS.ProcessEnv;
}
