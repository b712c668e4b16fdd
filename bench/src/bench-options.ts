// The bench's command-line options: the sizes as defaults, `--quick` for development.
import { parseArgs } from 'node:util';
import { DEFAULT_WORKLOAD_CONCURRENCY } from '@score-orchestrator/orchestrator';
import type { WorkloadShape } from './workloads/bench-workload.js';

export interface BenchOptions {
  /** Runs per latency figure. */
  readonly latencyRuns: number;
  /** Runs per scale setting (default 1: three take about 40 minutes on two cores). */
  readonly scaleRuns: number;
  /** Workload counts of the scale runs. */
  readonly sizes: readonly number[];
  /** Workload shapes of the scale runs. */
  readonly shapes: readonly WorkloadShape[];
  /**
   * Reconcile concurrency of the Workload controller and both plugin hosts, one scale run set each. Default:
   * the Workload controller's default (the hosts' is the same), so the figures are those of a default install.
   */
  readonly concurrencies: readonly number[];
  /** The idle window after the largest run with a resource (0: none). */
  readonly idleSeconds: number;
  /** ConfigMaps per ceiling run. */
  readonly ceilingObjects: number;
  readonly ceilingRuns: number;
  /** The orchestrator's log level (lines are counted, not printed). */
  readonly logLevel: string;
  /** Where the JSON result goes. */
  readonly out: string;
  /** Workloads present in the recovery scenario (0: skip it). */
  readonly recoverySize: number;
  /** How long the recovery scenario keeps the API server down. */
  readonly apiServerDownSeconds: number;
  /** Whether each scale run is followed by the direct-apply run of the same objects (default true). */
  readonly direct: boolean;
  /** The scenarios to run (default all). */
  readonly only: readonly Scenario[];
}

/** The bench's scenarios, in the order they run. */
export const SCENARIOS = ['ceiling', 'latency', 'scale', 'recovery'] as const;
export type Scenario = (typeof SCENARIOS)[number];

const usage = `usage: npm run bench -w @score-orchestrator/bench -- [--quick] [--sizes=200,1000]
  [--shapes=port,redis] [--concurrency=${DEFAULT_WORKLOAD_CONCURRENCY}] [--scale-runs=1] [--latency-runs=7] [--idle-seconds=120] [--ceiling-objects=3000]
  [--ceiling-runs=3] [--recovery-size=1000] [--api-server-down-seconds=10]
  [--only=ceiling,latency,scale,recovery] [--no-direct] [--log-level=info] [--out=bench-results/orchestrator.json]`;

/** Parses `argv` (without node and script). `--quick`: small sizes and one short run of each. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean' },
      sizes: { type: 'string' },
      concurrency: { type: 'string' },
      shapes: { type: 'string' },
      'scale-runs': { type: 'string' },
      'latency-runs': { type: 'string' },
      'idle-seconds': { type: 'string' },
      'ceiling-objects': { type: 'string' },
      'ceiling-runs': { type: 'string' },
      'log-level': { type: 'string' },
      'recovery-size': { type: 'string' },
      'api-server-down-seconds': { type: 'string' },
      only: { type: 'string' },
      'no-direct': { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const quick = values.quick === true;
  const int = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be an integer >= 0\n${usage}`);
    return value;
  };
  const list = (name: string, text: string | undefined, fallback: number[]): number[] =>
    text === undefined ? fallback : text.split(',').map((part) => int(name, part, 0));
  return {
    latencyRuns: int('latency-runs', values['latency-runs'], quick ? 3 : 7),
    scaleRuns: int('scale-runs', values['scale-runs'], 1),
    sizes: list('sizes', values.sizes, quick ? [50] : [200, 1000]),
    shapes: (values.shapes ?? 'port,redis').split(',').map((shape) => {
      if (shape !== 'port' && shape !== 'redis') throw new Error(`--shapes: port or redis\n${usage}`);
      return shape;
    }),
    concurrencies: list('concurrency', values.concurrency, [DEFAULT_WORKLOAD_CONCURRENCY]),
    idleSeconds: int('idle-seconds', values['idle-seconds'], quick ? 10 : 120),
    ceilingObjects: int('ceiling-objects', values['ceiling-objects'], quick ? 500 : 3000),
    ceilingRuns: int('ceiling-runs', values['ceiling-runs'], quick ? 1 : 3),
    logLevel: values['log-level'] ?? 'info',
    out: values.out ?? 'bench-results/orchestrator.json',
    recoverySize: int('recovery-size', values['recovery-size'], quick ? 50 : 1000),
    apiServerDownSeconds: int('api-server-down-seconds', values['api-server-down-seconds'], 10),
    direct: values['no-direct'] !== true,
    only: (values.only ?? SCENARIOS.join(',')).split(',').map((name) => {
      if (!(SCENARIOS as readonly string[]).includes(name))
        throw new Error(`--only: one or more of ${SCENARIOS.join(', ')}\n${usage}`);
      return name as Scenario;
    }),
  };
}
