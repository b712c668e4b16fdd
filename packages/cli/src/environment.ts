// The one place the CLI reads the process environment. `bin/score-orchestrator.js` calls `readEnvironment`
// once at start-up; every command receives the result, so nothing below reads `process.env` itself.

/** What the CLI takes from its environment. */
export interface CliEnvironment {
  /** `POD_NAMESPACE`: the default `--leader-election-namespace` of `run` (set by the Deployment). */
  readonly podNamespace?: string;
  /** `NO_COLOR` is set (https://no-color.org): no ANSI colours even on a terminal. */
  readonly noColor: boolean;
  /** `CI` is set: no live redrawing, plain lines only. */
  readonly ci: boolean;
  /**
   * The whole environment, passed on (never read here again) to libraries that take one explicitly:
   * `LocalCluster.start({ env })` and `ensureControlPlaneAssets({ env })` read `KUBEBUILDER_ASSETS`,
   * `TEST_ASSET_*`, `XDG_CACHE_HOME`; the kubeconfig loader reads `KUBECONFIG` and the in-cluster variables.
   */
  readonly variables: Readonly<NodeJS.ProcessEnv>;
}

/** Reads the environment once. `env` is `process.env` in the binary and a literal in tests. */
export function readEnvironment(env: NodeJS.ProcessEnv): CliEnvironment {
  const set = (name: string): boolean => env[name] !== undefined && env[name] !== '';
  return {
    podNamespace: set('POD_NAMESPACE') ? env.POD_NAMESPACE : undefined,
    noColor: set('NO_COLOR'),
    ci: set('CI'),
    variables: { ...env },
  };
}
