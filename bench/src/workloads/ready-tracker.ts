// Watches objects of a namespace and notes when each first turns ready: Workloads by default, or the
// Deployments and StatefulSets of the direct-apply run.
import type { KubernetesObject } from '@kubernetes/client-node';
import { WorkloadKind, type Workload } from '@score-orchestrator/api';
import type { KubeClient, ResourceKind, WatchHandle } from '@score-orchestrator/operator-sdk';

/** A kind to watch and when an object of it counts as ready. */
export interface ReadinessRule {
  readonly kind: ResourceKind;
  readonly ready: (obj: KubernetesObject) => boolean;
}

/** A Workload is Ready: condition `Ready` `True` with `status.observedGeneration` equal to its generation. */
export const workloadReady: ReadinessRule = {
  kind: WorkloadKind,
  ready: (obj) => {
    const workload = obj as Workload;
    const ready = workload.status?.conditions?.find((c) => c.type === 'Ready');
    return ready?.status === 'True' && workload.status?.observedGeneration === workload.metadata.generation;
  },
};

/**
 * The first time (`performance.now()`) each object of a namespace was seen ready, by name (names must be
 * unique across the watched kinds). One watch per kind, opened before anything is created, so no poll
 * interval adds to the figures.
 */
export class ReadyTracker {
  readonly readyAt = new Map<string, number>();
  private waiters: { count: number; resolve: () => void }[] = [];

  private handles: WatchHandle[] = [];
  private stopped = false;

  private constructor() {}

  static async start(
    client: KubeClient,
    namespace: string,
    rules: readonly ReadinessRule[] = [workloadReady],
  ): Promise<ReadyTracker> {
    const tracker = new ReadyTracker();
    for (const rule of rules) await tracker.follow(client, namespace, rule);
    return tracker;
  }

  /**
   * Lists, then watches from the list's version. When the server ends the watch (a dropped connection,
   * 410 Gone), it lists and watches again, so a run never waits out its timeout with everything ready
   * (seen at 200 Workloads: the watch gone, all 200 Ready). Objects found ready by a relist count from then.
   */
  private async follow(client: KubeClient, namespace: string, rule: ReadinessRule): Promise<void> {
    const { items, resourceVersion } = await client.list(rule.kind, { namespace });
    for (const item of items) this.observe(item, rule);
    const handle = client.watch(rule.kind, { namespace, resourceVersion }, (event) => {
      if (event.type === 'ADDED' || event.type === 'MODIFIED') this.observe(event.object, rule);
    });
    this.handles.push(handle);
    void handle.done
      .catch((err: Error) => err.message)
      .then((reason) => {
        this.handles = this.handles.filter((h) => h !== handle);
        if (!this.stopped)
          process.stderr.write(
            `ready tracker: the ${rule.kind.kind} watch ended (${reason ?? 'closed'}); relisting\n`,
          );
        this.refollow(client, namespace, rule);
      });
  }

  /** Follows again unless stopped; while the API server does not answer, retries every second. */
  private refollow(client: KubeClient, namespace: string, rule: ReadinessRule): void {
    if (this.stopped) return;
    this.follow(client, namespace, rule).catch(() =>
      setTimeout(() => this.refollow(client, namespace, rule), 1000),
    );
  }

  /** Resolves once `count` objects have been ready; rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs: number): Promise<void> {
    if (this.readyAt.size >= count) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        new Promise<void>((resolve) => this.waiters.push({ count, resolve })),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`${this.readyAt.size} of ${count} objects ready after ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const handle of this.handles) handle.abort();
  }

  private observe(obj: KubernetesObject, rule: ReadinessRule): void {
    const name = obj.metadata!.name!;
    if (this.readyAt.has(name) || !rule.ready(obj)) return;
    this.readyAt.set(name, performance.now());
    this.waiters = this.waiters.filter((waiter) => {
      if (this.readyAt.size < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  }
}
