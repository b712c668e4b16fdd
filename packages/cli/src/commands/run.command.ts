import type { CliContext } from '../cli-context.js';
import type { Command, CommandSpec, ParsedArgs } from '../args/command-spec.js';
import { booleanFlag, choiceFlag, durationFlag, portFlag, stringFlag } from '../args/parse-command-args.js';
import type { CliEnvironment } from '../environment.js';
import { usageError } from '../errors/cli.error.js';

const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
const DEFAULT_PROBE_PORT = 8081;
/** The orchestrator's `DEFAULT_CONFIG_MAP_KEY`, here so that parsing flags loads nothing of the orchestrator. */
export const DEFAULT_CONFIG_MAP_KEY = 'platform.yaml';

const spec: CommandSpec = {
  name: 'run',
  summary: 'run the orchestrator (the manager) with the plugins named in the platform config',
  synopsis: '(--config FILE | --config-map NS/NAME[:KEY]) [flags]',
  description:
    'What the container image runs. Loads the platform config (watched: changes re-enqueue every Workload),\n' +
    "imports its plugins, and runs the Workload controller and the plugins' resolvers and runtimes until\n" +
    'SIGTERM/SIGINT. /metrics, /healthz and /readyz are served on the metrics address.',
  flags: {
    config: {
      type: 'string',
      short: 'c',
      value: 'FILE',
      description: 'the platform config file (e.g. a mounted ConfigMap)',
    },
    'config-map': {
      type: 'string',
      value: 'NS/NAME[:KEY]',
      description: `read the platform config from a ConfigMap key (default key ${DEFAULT_CONFIG_MAP_KEY})`,
    },
    kubeconfig: {
      type: 'string',
      value: 'FILE',
      description: 'kubeconfig to use',
      defaultText: 'in-cluster, then KUBECONFIG',
    },
    'metrics-bind-address': {
      type: 'string',
      value: '[HOST]:PORT',
      description: 'where /metrics and the probes are served; 0 turns them off',
      defaultText: `:${DEFAULT_PROBE_PORT}`,
    },
    'probe-port': {
      type: 'string',
      value: 'PORT',
      description: 'shorthand for --metrics-bind-address :PORT',
    },
    'leader-elect': { type: 'boolean', description: 'run controllers only while holding the leader Lease' },
    'leader-election-namespace': {
      type: 'string',
      value: 'NS',
      description: 'namespace of the Lease',
      defaultText: '$POD_NAMESPACE',
    },
    'watch-namespaces': {
      type: 'string',
      value: 'NS[,NS...]',
      description:
        'reconcile Workloads in these namespaces only: caches list and watch nothing else, so Roles there suffice',
      defaultText: 'every namespace',
    },
    'workload-concurrency': {
      type: 'string',
      value: 'N',
      description: 'Workloads reconciled at once',
      defaultText: '32',
    },
    'resolver-concurrency': {
      type: 'string',
      value: 'N',
      description: 'resource claims provisioned at once by the resolver host',
      defaultText: '32',
    },
    'runtime-concurrency': {
      type: 'string',
      value: 'N',
      description: 'plans applied at once by the runtime host',
      defaultText: '32',
    },
    'watch-disconnect-threshold': {
      type: 'string',
      value: 'DURATION',
      description: '/readyz fails once watches stay disconnected this long (e.g. 60s, 2m); 0 never',
      defaultText: '60s',
    },
    'log-level': {
      type: 'string',
      value: 'LEVEL',
      description: 'error, warn, info or debug',
      defaultText: 'info',
    },
  },
  positionals: 'none',
  examples: [
    'score-orchestrator run --config /etc/score/platform.yaml --leader-elect',
    'score-orchestrator run --config-map score-system/platform-config --kubeconfig ~/.kube/config',
    'score-orchestrator run --config-map score-system/platform-config --watch-namespaces team-a,team-b',
  ],
};

/** Where `run` reads the platform config from. */
export type ConfigLocation =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'config-map'; readonly namespace: string; readonly name: string; readonly key: string };

/** The options of `run`, parsed and checked. */
export interface RunOptions {
  readonly config: ConfigLocation;
  readonly kubeconfig?: string;
  /** `false` when turned off. */
  readonly probePort: number | false;
  /** The host the probe server binds; `undefined` binds every interface (`:PORT`). */
  readonly probeHost?: string;
  readonly leaderElection?: { readonly namespace: string };
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** The namespaces to reconcile Workloads in; undefined for every namespace. */
  readonly watchNamespaces?: readonly string[];
  /** Reconciles at once per controller; an absent one keeps its default. */
  readonly concurrency?: {
    readonly workload?: number;
    readonly resolver?: number;
    readonly runtime?: number;
  };
  /** `/readyz` fails once watches stay disconnected this long; `false` never; undefined the default. */
  readonly watchDisconnectThresholdMs?: number | false;
}

/**
 * Parses and checks `run`'s flags against the environment read at start-up (`POD_NAMESPACE`).
 * @throws CliError `Usage` naming the flag and what to give instead.
 */
export function runOptions(args: ParsedArgs, env: CliEnvironment): RunOptions {
  const file = stringFlag(args, 'config');
  const configMap = stringFlag(args, 'config-map');
  if ((file === undefined) === (configMap === undefined)) {
    throw usageError(
      'run: give the platform config with exactly one of --config FILE or --config-map NS/NAME[:KEY]',
    );
  }
  const config: ConfigLocation =
    file !== undefined ? { kind: 'file', path: file } : parseConfigMapRef(configMap ?? '');
  const leaderElect = booleanFlag(args, 'leader-elect');
  const namespace = stringFlag(args, 'leader-election-namespace') ?? env.podNamespace;
  if (leaderElect && namespace === undefined) {
    throw usageError(
      'run: --leader-elect needs a namespace for its Lease; pass --leader-election-namespace or set POD_NAMESPACE',
    );
  }
  return {
    config,
    kubeconfig: stringFlag(args, 'kubeconfig'),
    ...probeAddressOf(args),
    leaderElection: leaderElect && namespace !== undefined ? { namespace } : undefined,
    logLevel: choiceFlag(args, 'log-level', LOG_LEVELS, 'info'),
    ...watchNamespacesOf(stringFlag(args, 'watch-namespaces')),
    ...concurrencyOf(args),
    ...watchDisconnectThresholdOf(args),
  };
}

/** `--workload-concurrency`, `--resolver-concurrency`, `--runtime-concurrency`. @throws CliError `Usage`. */
function concurrencyOf(args: ParsedArgs): Pick<RunOptions, 'concurrency'> {
  const count = (name: string): number | undefined => {
    const value = stringFlag(args, name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 256)
      throw usageError(`--${name} must be a whole number from 1 to 256, not '${value}'`);
    return Number(value);
  };
  const concurrency = {
    workload: count('workload-concurrency'),
    resolver: count('resolver-concurrency'),
    runtime: count('runtime-concurrency'),
  };
  return Object.values(concurrency).some((n) => n !== undefined) ? { concurrency } : {};
}

/** `--watch-disconnect-threshold DURATION`; `0` turns the check off. @throws CliError `Usage`. */
function watchDisconnectThresholdOf(args: ParsedArgs): Pick<RunOptions, 'watchDisconnectThresholdMs'> {
  if (stringFlag(args, 'watch-disconnect-threshold') === undefined) return {};
  const ms = durationFlag(args, 'watch-disconnect-threshold', 0);
  return { watchDisconnectThresholdMs: ms === 0 ? false : ms };
}

/** Namespaces the orchestrator never reconciles in: a Workload there could reach the control plane's Secrets. */
const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

/** `--watch-namespaces a,b`: lower-case namespace names, no system namespace. @throws CliError `Usage`. */
export function watchNamespacesOf(value: string | undefined): Pick<RunOptions, 'watchNamespaces'> {
  if (value === undefined) return {};
  const namespaces = [...new Set(value.split(',').map((ns) => ns.trim()))];
  for (const ns of namespaces) {
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(ns))
      throw usageError(`--watch-namespaces: '${ns}' is not a namespace name; give e.g. team-a,team-b`);
    if (SYSTEM_NAMESPACES.includes(ns))
      throw usageError(
        `--watch-namespaces: ${ns} is a system namespace; the orchestrator does not reconcile Workloads there`,
      );
  }
  return { watchNamespaces: namespaces };
}

/** Parses `NS/NAME[:KEY]`. @throws CliError `Usage`. */
export function parseConfigMapRef(ref: string): ConfigLocation {
  const match = /^([a-z0-9][-a-z0-9]*)\/([a-z0-9][-a-z0-9.]*)(?::([-._a-zA-Z0-9]+))?$/.exec(ref);
  if (match === null) throw usageError(`--config-map must be NAMESPACE/NAME[:KEY], not '${ref}'`);
  return { kind: 'config-map', namespace: match[1], name: match[2], key: match[3] ?? DEFAULT_CONFIG_MAP_KEY };
}

/**
 * `--metrics-bind-address [HOST]:PORT` (as controller-runtime reads it: an empty host binds every interface,
 * `[::1]:PORT` an IPv6 host) or `--probe-port PORT`; `0` turns the server off.
 */
function probeAddressOf(args: ParsedArgs): Pick<RunOptions, 'probePort' | 'probeHost'> {
  const address = stringFlag(args, 'metrics-bind-address');
  const port = stringFlag(args, 'probe-port');
  if (address !== undefined && port !== undefined) {
    throw usageError('run: give --metrics-bind-address or --probe-port, not both');
  }
  if (port !== undefined) return { probePort: portFlag(port, 'probe-port') };
  if (address === undefined) return { probePort: DEFAULT_PROBE_PORT };
  if (address === '0') return { probePort: false };
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d+)$/.exec(address);
  if (match === null) throw usageError(`--metrics-bind-address must be [HOST]:PORT or 0, not '${address}'`);
  const host = match[1] ?? match[2];
  return {
    probePort: portFlag(match[3], 'metrics-bind-address'),
    ...(host === '' || host === undefined ? {} : { probeHost: host }),
  };
}

/** `score-orchestrator run`: see the spec above. */
export const runCommand: Command = {
  spec,
  async run(args: ParsedArgs, context: CliContext): Promise<number> {
    const options = runOptions(args, context.env);
    // The orchestrator and everything it runs are loaded only now: `--help` and the other commands never do.
    const { runOrchestrator } = await import('../run/run-orchestrator.js');
    return runOrchestrator(options, context);
  },
};
