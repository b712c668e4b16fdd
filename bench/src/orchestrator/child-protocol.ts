// The messages between the bench and the orchestrator child process.

/** How the child runs the orchestrator (passed as JSON in its first argument). */
export interface ChildSettings {
  readonly kubeconfigPath: string;
  readonly platformConfigPath: string;
  readonly workloadConcurrency: number;
  readonly hostConcurrency: number;
  readonly logLevel: string;
}

/** What the child reports on `sample`: its memory after a full GC, log volume and metric totals. */
export interface ChildSample {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
  readonly externalBytes: number;
  /** CPU time used since the process started (user + system, microseconds): what a Node setting costs. */
  readonly cpuMicros?: number;
  readonly logLines: number;
  readonly logBytes: number;
  /** `controller_runtime_reconcile_total` by controller. */
  readonly reconciles: Readonly<Record<string, number>>;
  /** `controller_runtime_reconcile_total` by `controller:result`. */
  readonly outcomes: Readonly<Record<string, number>>;
  /** `rest_client_requests_total` by HTTP method (the orchestrator's own count). */
  readonly requests: Readonly<Record<string, number>>;
}

/**
 * `sample` may name a heap snapshot to take after the figures (with `BENCH_HEAP_SNAPSHOT=<dir>` in the
 * child's environment; see `memory/heap-attribution.ts`).
 */
export type ParentMessage =
  { readonly type: 'sample'; readonly snapshot?: string } | { readonly type: 'stop' };

export type ChildMessage =
  { readonly type: 'ready' } | { readonly type: 'sample'; readonly sample: ChildSample };
