// Watches the Workloads of a namespace and notes when each first turns Ready.
import { WorkloadKind, type Workload } from '@score-orchestrator/api';
import type { KubeClient, WatchHandle } from '@score-orchestrator/operator-sdk';

/**
 * The first time (`performance.now()`) each Workload of a namespace was seen Ready: condition `Ready`
 * `True` with `status.observedGeneration` equal to its generation. One watch, opened before anything is
 * created, so no poll interval adds to the figures.
 */
export class ReadyTracker {
  readonly readyAt = new Map<string, number>();
  private waiters: { count: number; resolve: () => void }[] = [];

  private handle?: WatchHandle;

  private constructor() {}

  static async start(client: KubeClient, namespace: string): Promise<ReadyTracker> {
    const { resourceVersion } = await client.list(WorkloadKind, { namespace });
    const tracker = new ReadyTracker();
    tracker.handle = client.watch<Workload>(WorkloadKind, { namespace, resourceVersion }, (event) => {
      if (event.type === 'ADDED' || event.type === 'MODIFIED') tracker.observe(event.object);
    });
    return tracker;
  }

  /** Resolves once `count` Workloads have been Ready; rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs: number): Promise<void> {
    if (this.readyAt.size >= count) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        new Promise<void>((resolve) => this.waiters.push({ count, resolve })),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`${this.readyAt.size} of ${count} Workloads Ready after ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  stop(): void {
    this.handle?.abort();
  }

  private observe(workload: Workload): void {
    const name = workload.metadata.name!;
    if (this.readyAt.has(name)) return;
    const ready = workload.status?.conditions?.find((c) => c.type === 'Ready');
    if (ready?.status !== 'True' || workload.status?.observedGeneration !== workload.metadata.generation)
      return;
    this.readyAt.set(name, performance.now());
    this.waiters = this.waiters.filter((waiter) => {
      if (this.readyAt.size < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  }
}
