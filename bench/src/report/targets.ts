// The peer-independent targets, judged from the scale runs: met or missed, with the figure.
import { median } from '@score-orchestrator/operator-sdk/bench';
import type { ScaleRun } from '../scenarios/scale.js';

/** One target's verdict. */
export interface TargetVerdict {
  readonly target: string;
  readonly value: number;
  readonly met: boolean;
}

const MiB = 1024 * 1024;

/** Requests per Workload with one resource, at most. */
export const REQUESTS_WITH_RESOURCE_TARGET = 12;
/** Orchestrator all-Ready over direct all-Available, at most. */
export const DIRECT_RATIO_TARGET = 1.2;
/** Orchestrator RSS at 1,000 Ready Workloads with a resource each, at most (MiB). */
export const RSS_TARGET_MIB = 100;

/** The verdicts for every setting the runs cover (medians over each setting's runs). */
export function judgeTargets(runs: readonly ScaleRun[]): TargetVerdict[] {
  const settings = new Map<string, ScaleRun[]>();
  for (const run of runs) {
    const { size, shape, concurrency } = run.setting;
    const key = `${size} x ${shape}, concurrency ${concurrency}`;
    settings.set(key, [...(settings.get(key) ?? []), run]);
  }
  const verdicts: TargetVerdict[] = [];
  for (const [key, group] of settings) {
    const { size, shape } = group[0]!.setting;
    if (shape === 'redis') {
      const value = median(group.map((r) => total(r.requestsByVerb) / size));
      verdicts.push({
        target: `requests per Workload <= ${REQUESTS_WITH_RESOURCE_TARGET} (${key})`,
        value,
        met: value <= REQUESTS_WITH_RESOURCE_TARGET,
      });
      if (size >= 1000) {
        const rss = median(group.map((r) => r.child.rssBytes / MiB));
        verdicts.push({
          target: `RSS <= ${RSS_TARGET_MIB} MiB (${key})`,
          value: rss,
          met: rss <= RSS_TARGET_MIB,
        });
      }
    }
    const direct = group.filter((r) => r.direct);
    if (direct.length > 0) {
      const value = median(direct.map((r) => r.allReadyMs / r.direct!.allAvailableMs));
      verdicts.push({
        target: `all Ready / direct all Available <= ${DIRECT_RATIO_TARGET} (${key})`,
        value,
        met: value <= DIRECT_RATIO_TARGET,
      });
    }
  }
  return verdicts;
}

/** One line per verdict. */
export function formatTargets(verdicts: readonly TargetVerdict[]): string {
  return verdicts
    .map((v) => `${v.met ? 'met   ' : 'missed'} ${v.target}: ${Math.round(v.value * 100) / 100}`)
    .join('\n');
}

function total(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
