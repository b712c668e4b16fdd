import { workloadVerdict, type WorkloadProgress, type WorkloadVerdict } from './workload-progress.js';

/** How a set of Workloads ended up: all Ready, or one failed. */
export type Convergence =
  | { readonly outcome: 'ready' }
  | {
      readonly outcome: 'failed';
      readonly key: string;
      readonly verdict: Extract<WorkloadVerdict, { state: 'failed' }>;
    };

/**
 * Tracks the Workloads `dev` applied until all are Ready or one fails. A failure counts only once it has
 * held for `graceMs` (a resolver may report a failed attempt and then succeed on retry). Pure: the caller
 * feeds it progress and the time.
 */
export class ConvergenceTracker {
  private readonly latest = new Map<string, WorkloadProgress>();
  private readonly failingSince = new Map<string, number>();

  constructor(
    readonly keys: readonly string[],
    private readonly graceMs = 5_000,
  ) {}

  /** Records a Workload's progress; returns false when nothing a user sees changed. */
  update(progress: WorkloadProgress, now: number): boolean {
    if (!this.keys.includes(progress.key)) return false;
    const before = this.latest.get(progress.key);
    this.latest.set(progress.key, progress);
    if (workloadVerdict(progress).state === 'failed') {
      if (!this.failingSince.has(progress.key)) this.failingSince.set(progress.key, now);
    } else this.failingSince.delete(progress.key);
    return before === undefined || JSON.stringify(strip(before)) !== JSON.stringify(strip(progress));
  }

  /** The Workloads in the order given, with what is known of each. */
  get progress(): WorkloadProgress[] {
    return this.keys.map((key) => this.latest.get(key) ?? { key, generation: 0, conditions: {} });
  }

  /** The outcome at `now`, or undefined while some Workload is still converging. */
  outcome(now: number): Convergence | undefined {
    for (const progress of this.progress) {
      const verdict = workloadVerdict(progress);
      const since = this.failingSince.get(progress.key);
      if (verdict.state === 'failed' && since !== undefined && now - since >= this.graceMs) {
        return { outcome: 'failed', key: progress.key, verdict };
      }
    }
    return this.progress.every((p) => workloadVerdict(p).state === 'ready')
      ? { outcome: 'ready' }
      : undefined;
  }
}

// lastTransitionTime changes alone are not news to a reader.
function strip(progress: WorkloadProgress): unknown {
  return {
    ...progress,
    conditions: Object.fromEntries(
      Object.entries(progress.conditions).map(([type, c]) => [
        type,
        { status: c?.status, reason: c?.reason, message: c?.message },
      ]),
    ),
  };
}
