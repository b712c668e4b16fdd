// Turns the runs of one scale setting into table rows (medians over runs).
import { median, type BenchResult } from '@score-orchestrator/operator-sdk/bench';
import { byVerbAndKind } from '../cluster/api-server-requests.js';
import type { ScaleRun } from '../scenarios/scale.js';

const MiB = 1024 * 1024;

/** What the scale rows are compared with: the ceiling's objects per second. */
export interface Ceiling {
  readonly objectsPerSecond: number;
}

/** The rows of one scale setting: time, throughput against the ceiling, requests, reconciles, memory. */
export function scaleResults(runs: readonly ScaleRun[], ceiling: Ceiling | undefined): BenchResult[] {
  const { size, shape, concurrency } = runs[0]!.setting;
  const label = `${size.toLocaleString('en-US')} x ${shape === 'port' ? 'port only' : 'with redis'}`;
  const extra = { concurrency };
  const row = (
    name: string,
    unit: string,
    values: number[],
    more: Record<string, string | number> = {},
  ): BenchResult => ({
    name: `${name} (${label})`,
    unit,
    runs: values,
    median: median(values),
    extra: { ...extra, ...more },
  });
  const perWorkload = (value: number) => value / size;
  const rows: BenchResult[] = [];
  const allReady = runs.map((r) => r.allReadyMs);
  rows.push(
    row('scale: all Ready', 'ms', allReady, {
      workloadsPerSecond: round(median(runs.map((r) => size / (r.allReadyMs / 1000)))),
      medianWorkloadReadyMs: Math.round(median(runs.map((r) => r.medianReadyMs))),
    }),
  );
  const verbs = [...new Set(runs.flatMap((r) => Object.keys(r.requestsByVerb)))].sort();
  rows.push(
    row(
      'api: requests per Workload',
      'requests',
      runs.map((r) => perWorkload(sum(Object.values(r.requestsByVerb)))),
      Object.fromEntries(
        verbs.map((verb) => [verb, round(median(runs.map((r) => perWorkload(r.requestsByVerb[verb] ?? 0))))]),
      ),
    ),
  );
  const kinds = runs.map((r) => byVerbAndKind(r.requests));
  const kindKeys = [...new Set(kinds.flatMap((k) => Object.keys(k)))].sort();
  rows.push(
    row(
      'api: requests per Workload by verb and kind',
      'requests',
      runs.map((r) => perWorkload(sum(Object.values(r.requestsByVerb)))),
      Object.fromEntries(
        kindKeys.map((key) => [key, round(median(kinds.map((k) => perWorkload(k[key] ?? 0))))]),
      ),
    ),
  );
  const direct = runs.filter((r) => r.direct);
  if (direct.length > 0) {
    rows.push(
      row(
        'direct: all Available (the same objects, a plain client)',
        'ms',
        direct.map((r) => r.direct!.allAvailableMs),
        { objects: sum(Object.values(direct[0]!.direct!.objects)) },
      ),
    );
    rows.push(
      row(
        'direct ratio: all Ready / direct all Available',
        'x',
        direct.map((r) => r.allReadyMs / r.direct!.allAvailableMs),
        { target: 1.2 },
      ),
    );
  }
  const clientMethods = [...new Set(runs.flatMap((r) => Object.keys(r.child.requests)))].sort();
  rows.push(
    row(
      'api: client requests per Workload',
      'requests',
      runs.map((r) => perWorkload(sum(Object.values(r.child.requests)))),
      Object.fromEntries(
        clientMethods.map((m) => [m, round(median(runs.map((r) => perWorkload(r.child.requests[m] ?? 0))))]),
      ),
    ),
  );
  if (ceiling) {
    // How long the ceiling would take for the writes the orchestrator made, and how far it is from that.
    rows.push(
      row(
        'ceiling: all Ready / ceiling time for its writes',
        'x',
        runs.map((r) => r.allReadyMs / 1000 / (r.writes / ceiling.objectsPerSecond)),
        {
          writesPerWorkload: round(median(runs.map((r) => perWorkload(r.writes)))),
          writesPerSecond: Math.round(median(runs.map((r) => r.writes / (r.allReadyMs / 1000)))),
        },
      ),
    );
  }
  const controllers = [...new Set(runs.flatMap((r) => Object.keys(r.child.reconciles)))].sort();
  rows.push(
    row(
      'reconciles per Workload',
      'reconciles',
      runs.map((r) => perWorkload(sum(Object.values(r.child.reconciles)))),
      Object.fromEntries(
        controllers.map((c) => [c, round(median(runs.map((r) => perWorkload(r.child.reconciles[c] ?? 0))))]),
      ),
    ),
  );
  rows.push(
    row(
      'logs per Workload',
      'lines',
      runs.map((r) => perWorkload(r.child.logLines)),
      {
        bytesPerWorkload: Math.round(median(runs.map((r) => perWorkload(r.child.logBytes)))),
      },
    ),
  );
  rows.push(
    row(
      'memory: orchestrator RSS at all Ready',
      'MiB',
      runs.map((r) => r.child.rssBytes / MiB),
      {
        heapUsedMiB: round(median(runs.map((r) => r.child.heapUsedBytes / MiB))),
        heapTotalMiB: round(median(runs.map((r) => r.child.heapTotalBytes / MiB))),
      },
    ),
  );
  const idle = runs.filter((r) => r.idle);
  if (idle.length > 0) {
    rows.push(
      row(
        'idle: orchestrator writes after all Ready',
        'writes',
        idle.map((r) => sum(r.idle!.writes.map((s) => s.count))),
        {
          seconds: idle[0]!.idle!.seconds,
          clientWrites: median(idle.map((r) => r.idle!.clientWrites)),
          reconciles: median(idle.map((r) => sum(Object.values(r.idle!.reconciles)))),
          logLines: median(idle.map((r) => r.idle!.logLines)),
        },
      ),
    );
  }
  return rows;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
