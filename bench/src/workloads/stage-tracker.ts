// Where a Workload's time to Ready goes: when each object on its way first reached each stage, seen by
// watches opened before anything is created (the Workload, its claims, its plan and the plan's Deployment).
import type { KubernetesObject, V1Deployment } from '@kubernetes/client-node';
import { ResourceClaimKind, WorkloadKind, WorkloadPlanKind } from '@score-orchestrator/api';
import {
  BuiltinKinds,
  type KubeClient,
  type ResourceKind,
  type WatchHandle,
} from '@score-orchestrator/operator-sdk';
import { observeRollout } from '@score-orchestrator/runtime-kubernetes';

/** The stages of one Workload, in the order the orchestrator's chain reaches them. */
export const STAGES = [
  'workload seen',
  'claims Bound',
  'plan applied',
  'Deployment created',
  'Deployment Available',
  'plan Ready',
  'Workload Ready',
] as const;
export type Stage = (typeof STAGES)[number];

type Conditioned = KubernetesObject & {
  status?: { phase?: string; conditions?: { type: string; status: string }[] };
};

const conditionTrue = (obj: Conditioned, type: string) =>
  obj.status?.conditions?.some((c) => c.type === type && c.status === 'True') === true;

/** The Workload an object belongs to: its own name, its plan's, its claim's owner, its Deployment's plan. */
const workloadOf = (obj: KubernetesObject): string | undefined =>
  obj.kind === 'ResourceClaim'
    ? obj.metadata?.ownerReferences?.find((ref) => ref.kind === 'Workload')?.name
    : obj.kind === 'Deployment'
      ? obj.metadata?.labels?.['app.kubernetes.io/instance']
      : obj.metadata?.name;

/** The stages an object shows (a claim counts once all of a Workload's claims are Bound: one claim here). */
const WATCHED: readonly { kind: ResourceKind; stages: (obj: Conditioned) => Stage[] }[] = [
  {
    kind: WorkloadKind,
    stages: (obj) => ['workload seen', ...(conditionTrue(obj, 'Ready') ? (['Workload Ready'] as const) : [])],
  },
  { kind: ResourceClaimKind, stages: (obj) => (obj.status?.phase === 'Bound' ? ['claims Bound'] : []) },
  {
    kind: WorkloadPlanKind,
    stages: (obj) => ['plan applied', ...(conditionTrue(obj, 'Ready') ? (['plan Ready'] as const) : [])],
  },
  {
    kind: BuiltinKinds.Deployment,
    stages: (obj) => [
      'Deployment created',
      ...(observeRollout(obj as V1Deployment, []).phase === 'Ready'
        ? (['Deployment Available'] as const)
        : []),
    ],
  },
];

/** First time (`performance.now()`) each Workload of a namespace reached each stage. */
export class StageTracker {
  readonly reached = new Map<string, Partial<Record<Stage, number>>>();
  private handles: WatchHandle[] = [];

  private constructor() {}

  static async start(client: KubeClient, namespace: string): Promise<StageTracker> {
    const tracker = new StageTracker();
    for (const { kind, stages } of WATCHED) {
      const { resourceVersion } = await client.list(kind, { namespace });
      tracker.handles.push(
        client.watch<Conditioned>(kind, { namespace, resourceVersion }, (event) => {
          if (event.type === 'DELETED') return;
          const workload = workloadOf(event.object);
          if (workload) tracker.note(workload, stages(event.object));
        }),
      );
    }
    return tracker;
  }

  stop(): void {
    for (const handle of this.handles) handle.abort();
  }

  private note(workload: string, stages: readonly Stage[]): void {
    const at = performance.now();
    const reached = this.reached.get(workload) ?? {};
    for (const stage of stages) reached[stage] ??= at;
    this.reached.set(workload, reached);
  }
}

/** Percentiles of `values` (nearest rank). Pure. */
export function percentiles(values: readonly number[], ps: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return ps.map((p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!);
}

/**
 * A table of the stages (p50, p90 and max since `started`) and of the steps between consecutive stages
 * each Workload reached (p50, p90, max of its own gap). Pure.
 */
export function formatStages(
  reached: ReadonlyMap<string, Partial<Record<Stage, number>>>,
  started: number,
): string {
  const ps = [0.5, 0.9, 1];
  const cell = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padStart(9);
  const lines = [
    `${'stage (since the first create)'.padEnd(44)}${['p50', 'p90', 'max'].map((h) => h.padStart(9)).join('')}`,
  ];
  const all = [...reached.values()];
  const present = STAGES.filter((stage) => all.some((r) => r[stage] !== undefined));
  for (const stage of present) {
    const times = all.flatMap((r) => (r[stage] === undefined ? [] : [r[stage] - started]));
    lines.push(`${stage.padEnd(44)}${percentiles(times, ps).map(cell).join('')}`);
  }
  lines.push(
    `${'step (per Workload)'.padEnd(44)}${['p50', 'p90', 'max'].map((h) => h.padStart(9)).join('')}`,
  );
  for (let i = 1; i < present.length; i++) {
    const [from, to] = [present[i - 1]!, present[i]!];
    const gaps = all.flatMap((r) => (r[from] === undefined || r[to] === undefined ? [] : [r[to] - r[from]]));
    lines.push(`${`${from} -> ${to}`.padEnd(44)}${percentiles(gaps, ps).map(cell).join('')}`);
  }
  return lines.join('\n');
}
