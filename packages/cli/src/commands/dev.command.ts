import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliContext } from '../cli-context.js';
import type { Command, CommandSpec, ParsedArgs } from '../args/command-spec.js';
import { booleanFlag, choiceFlag, durationFlag, stringFlag } from '../args/parse-command-args.js';
import { usageError } from '../errors/cli.error.js';
import { readInputFiles } from '../files/expand-files.js';

const DEFAULT_EXAMPLE = 'examples/hello';

const spec: CommandSpec = {
  name: 'dev',
  summary: 'try Workloads on a throw-away local cluster with the orchestrator running in-process',
  synopsis: '[flags] [FILE|DIR...]',
  description:
    'Starts a local cluster (etcd, kube-apiserver, controller-manager, scheduler, kwok nodes or with\n' +
    '--real-nodes containerd and a kubelet; binaries and images are built once and cached), installs the\n' +
    'Score CRDs, runs the orchestrator with the built-in plugins (or those of --config, or of a\n' +
    'PlatformConfig among the files), applies the files (Score files are\n' +
    'converted; other manifests are applied as they are; a directory means its .yaml/.yml files;\n' +
    `are; ${DEFAULT_EXAMPLE}/ when none are given and it exists) and shows each Workload's conditions as they\n` +
    'converge. With --exit-on-ready it exits 0 once every Workload is Ready, 1 when one fails or on timeout;\n' +
    'without, it runs until Ctrl-C and prints the kubeconfig to use with kubectl.',
  flags: {
    'exit-on-ready': { type: 'boolean', description: 'exit once every Workload is Ready (CI, smoke tests)' },
    'real-nodes': {
      type: 'boolean',
      description: 'containers really run: containerd and a kubelet instead of kwok (root, Debian packages)',
    },
    timeout: {
      type: 'string',
      value: 'DURATION',
      description: 'with --exit-on-ready: give up after this long',
      defaultText: '5m',
    },
    namespace: {
      type: 'string',
      short: 'n',
      value: 'NS',
      description: 'namespace for objects that name none',
      defaultText: 'default',
    },
    image: { type: 'string', value: 'IMAGE', description: 'the image for Score containers with image: "."' },
    config: {
      type: 'string',
      short: 'c',
      value: 'FILE',
      description: 'a platform config',
      defaultText: 'the built-in plugins',
    },
    'write-kubeconfig': {
      type: 'string',
      value: 'FILE',
      description: "also write the cluster's kubeconfig here",
    },
    'log-level': {
      type: 'string',
      value: 'LEVEL',
      description: "the orchestrator log's level",
      defaultText: 'info',
    },
  },
  positionals: 'any',
  examples: [
    'score-orchestrator dev',
    'score-orchestrator dev score.yaml',
    'score-orchestrator dev --exit-on-ready --timeout 3m examples/hello',
    'score-orchestrator dev --real-nodes examples/hello',
  ],
};

/** The options of `dev`, parsed. */
export interface DevOptions {
  readonly files: readonly string[];
  readonly exitOnReady: boolean;
  /** Real nodes (LocalCluster's `nodeKind: 'kubelet'`) instead of kwok's fake ones. */
  readonly realNodes: boolean;
  readonly timeoutMs: number;
  readonly namespace: string;
  readonly image?: string;
  readonly config?: string;
  readonly writeKubeconfig?: string;
  readonly logLevel: string;
}

/** @throws CliError `Usage` for a bad duration, level or namespace. */
export function devOptions(args: ParsedArgs): DevOptions {
  const namespace = stringFlag(args, 'namespace') ?? 'default';
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace))
    throw usageError(`--namespace must be a DNS label, not '${namespace}'`);
  if (stringFlag(args, 'timeout') !== undefined && !booleanFlag(args, 'exit-on-ready')) {
    throw usageError('dev: --timeout only applies with --exit-on-ready');
  }
  return {
    files: args.positionals,
    exitOnReady: booleanFlag(args, 'exit-on-ready'),
    realNodes: booleanFlag(args, 'real-nodes'),
    timeoutMs: durationFlag(args, 'timeout', 5 * 60_000),
    namespace,
    image: stringFlag(args, 'image'),
    config: stringFlag(args, 'config'),
    writeKubeconfig: stringFlag(args, 'write-kubeconfig'),
    logLevel: choiceFlag(args, 'log-level', ['error', 'warn', 'info', 'debug'] as const, 'info'),
  };
}

/** The example applied when no files are given: `examples/hello` under the working directory or the repository. */
export function defaultExample(cwd: string): string | undefined {
  const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
  return [resolve(cwd, DEFAULT_EXAMPLE), resolve(repoRoot, DEFAULT_EXAMPLE)].find((path) => existsSync(path));
}

/** `score-orchestrator dev`: see the spec above. */
export const devCommand: Command = {
  spec,
  async run(args: ParsedArgs, context: CliContext): Promise<number> {
    const options = devOptions(args);
    const example = options.files.length === 0 ? defaultExample(context.cwd) : undefined;
    const paths = options.files.length > 0 ? options.files : example === undefined ? [] : [example];
    // The Score API, the orchestrator and the local control plane are loaded only for `dev`.
    const [{ prepareManifests }, { devPlatformConfig }, { readPlatformConfigFile }, { runDevSession }] =
      await Promise.all([
        import('../dev/prepare-manifests.js'),
        import('../plugins/builtin-plugins.js'),
        import('../plugins/read-config-file.js'),
        import('../dev/dev-session.js'),
      ]);
    // Read and convert everything before starting a cluster: a typo should cost a second, not a minute.
    const { objects, platformConfig } = prepareManifests(await readInputFiles(paths, context.cwd), {
      namespace: options.namespace,
      image: options.image,
    });
    const config =
      options.config !== undefined
        ? (await readPlatformConfigFile(options.config, context.cwd)).text
        : (platformConfig ?? devPlatformConfig());
    return runDevSession(
      {
        objects,
        config,
        namespace: options.namespace,
        exitOnReady: options.exitOnReady,
        realNodes: options.realNodes,
        timeoutMs: options.timeoutMs,
        logLevel: options.logLevel,
        writeKubeconfig:
          options.writeKubeconfig === undefined ? undefined : resolve(context.cwd, options.writeKubeconfig),
      },
      context,
    );
  },
};
