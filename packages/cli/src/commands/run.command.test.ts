import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG_MAP_KEY as orchestratorDefaultKey } from '@score-orchestrator/orchestrator';
import { parseCommandArgs } from '../args/parse-command-args.js';
import { readEnvironment } from '../environment.js';
import { CliError } from '../errors/cli.error.js';
import { DEFAULT_CONFIG_MAP_KEY, runCommand, runOptions } from './run.command.js';

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
  runOptions(parseCommandArgs(runCommand.spec, argv), readEnvironment(env));

describe('runOptions', () => {
  it('takes a config file and defaults the rest', () => {
    expect(parse(['--config', 'platform.yaml'])).toEqual({
      config: { kind: 'file', path: 'platform.yaml' },
      kubeconfig: undefined,
      probePort: 8081,
      leaderElection: undefined,
      logLevel: 'info',
    });
  });

  it('reads concurrency and the watch-disconnect threshold', () => {
    const options = parse([
      '--config',
      'c.yaml',
      '--resolver-concurrency',
      '6',
      '--runtime-concurrency',
      '2',
      '--watch-disconnect-threshold',
      '2m',
    ]);
    expect(options.concurrency).toEqual({ workload: undefined, resolver: 6, runtime: 2 });
    expect(options.watchDisconnectThresholdMs).toBe(120_000);
    expect(
      parse(['--config', 'c.yaml', '--watch-disconnect-threshold', '0']).watchDisconnectThresholdMs,
    ).toBe(false);
  });

  it.each([
    [['--workload-concurrency', '0'], /--workload-concurrency must be a whole number from 1 to 256, not '0'/],
    [['--runtime-concurrency', 'many'], /--runtime-concurrency must be a whole number/],
    [['--watch-disconnect-threshold', 'soon'], /--watch-disconnect-threshold must be a duration/],
  ])('refuses %j', (flags, message) => {
    expect(() => parse(['--config', 'c.yaml', ...flags])).toThrow(message);
  });

  it.each([
    ['score-system/platform', { namespace: 'score-system', name: 'platform', key: 'platform.yaml' }],
    [
      'score-system/platform:custom.yaml',
      { namespace: 'score-system', name: 'platform', key: 'custom.yaml' },
    ],
  ])('reads --config-map %s', (ref, expected) => {
    expect(parse(['--config-map', ref]).config).toEqual({ kind: 'config-map', ...expected });
  });

  it.each([
    [['--metrics-bind-address', ':9090'], 9090],
    [['--metrics-bind-address', '0.0.0.0:8443'], 8443],
    [['--metrics-bind-address', '0'], false],
    [['--probe-port', '0'], 0],
  ])('reads %j as probe port %s', (flags, port) => {
    expect(parse(['--config', 'c.yaml', ...flags]).probePort).toBe(port);
  });

  it.each([
    [':9090', undefined],
    ['127.0.0.1:9090', '127.0.0.1'],
    ['0.0.0.0:9090', '0.0.0.0'],
    ['[::1]:9090', '::1'],
    ['localhost:9090', 'localhost'],
  ])('binds the host of --metrics-bind-address %s (%s)', (address, host) => {
    const options = parse(['--config', 'c.yaml', '--metrics-bind-address', address]);
    expect(options.probePort).toBe(9090);
    expect(options.probeHost).toBe(host);
  });

  it('reads --watch-namespaces as a list of namespaces (every namespace without it)', () => {
    expect(parse(['--config', 'c']).watchNamespaces).toBeUndefined();
    expect(parse(['--config', 'c', '--watch-namespaces', 'team-a, team-b,team-a']).watchNamespaces).toEqual([
      'team-a',
      'team-b',
    ]);
  });

  it.each([
    ['Team_A', /'Team_A' is not a namespace name/],
    ['team-a,', /'' is not a namespace name/],
    ['team-a,kube-system', /kube-system is a system namespace/],
  ])('refuses --watch-namespaces %s', (value, message) => {
    expect(() => parse(['--config', 'c', '--watch-namespaces', value])).toThrow(message);
  });

  it('takes the Lease namespace from the flag, else POD_NAMESPACE (read once at start-up)', () => {
    expect(
      parse(['--config', 'c', '--leader-elect'], { POD_NAMESPACE: 'score-system' }).leaderElection,
    ).toEqual({
      namespace: 'score-system',
    });
    expect(
      parse(['--config', 'c', '--leader-elect', '--leader-election-namespace', 'ops'], { POD_NAMESPACE: 'x' })
        .leaderElection,
    ).toEqual({ namespace: 'ops' });
    expect(parse(['--config', 'c'], { POD_NAMESPACE: 'x' }).leaderElection).toBeUndefined();
  });

  it.each([
    [[], /exactly one of --config FILE or --config-map/],
    [['--config', 'a', '--config-map', 'ns/b'], /exactly one of/],
    [['--config-map', 'no-namespace'], /--config-map must be NAMESPACE\/NAME\[:KEY\]/],
    [['--config', 'a', '--leader-elect'], /pass --leader-election-namespace or set POD_NAMESPACE/],
    [
      ['--config', 'a', '--metrics-bind-address', 'localhost'],
      /--metrics-bind-address must be \[HOST\]:PORT or 0/,
    ],
    [['--config', 'a', '--probe-port', '1', '--metrics-bind-address', ':2'], /not both/],
    [['--config', 'a', '--log-level', 'loud'], /--log-level must be one of error, warn, info, debug/],
  ])('rejects %j as a usage error', (argv, message) => {
    let caught: unknown;
    try {
      parse(argv);
    } catch (err) {
      caught = err;
    }
    expect(CliError.is(caught, 'Usage')).toBe(true);
    expect((caught as Error).message).toMatch(message);
  });
});

describe('the default ConfigMap key', () => {
  it("is the orchestrator's, without loading the orchestrator to parse flags", () => {
    expect(DEFAULT_CONFIG_MAP_KEY).toBe(orchestratorDefaultKey);
    expect(parse(['--config-map', 'score-system/platform']).config).toEqual({
      kind: 'config-map',
      namespace: 'score-system',
      name: 'platform',
      key: orchestratorDefaultKey,
    });
  });
});
