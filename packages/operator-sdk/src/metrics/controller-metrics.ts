import type { ControllerCollectors } from './internal/controller-collectors.js';

/**
 * How one reconcile ended, as the controller saw it. Maps onto controller-runtime's counters:
 * - `success`, `requeue`, `requeue_after`: `controller_runtime_reconcile_total{result=<outcome>}`.
 * - `error` (retried with backoff): `reconcile_total{result="error"}` and `reconcile_errors_total`.
 * - `terminal_error` (not retried): the same, plus `terminal_reconcile_errors_total`.
 * - `panic` (the reconciler threw something that is not an `Error`): the same as `error`, plus
 *   `reconcile_panics_total`, as controller-runtime counts a recovered panic as an error too.
 */
export type ReconcileOutcome = 'success' | 'requeue' | 'requeue_after' | 'error' | 'terminal_error' | 'panic';

/**
 * The `controller_runtime_*` series of one controller, obtained from {@link OperatorMetrics.controller},
 * which has already set every series to zero.
 */
export class ControllerMetrics {
  private readonly labels: { controller: string };

  constructor(
    readonly name: string,
    private readonly collectors: ControllerCollectors,
  ) {
    this.labels = { controller: name };
  }

  /** Records a finished reconcile and how long it took (all outcomes are timed, as controller-runtime). */
  recordReconcile(outcome: ReconcileOutcome, durationSeconds: number): void {
    const c = this.collectors;
    const failed = outcome === 'error' || outcome === 'terminal_error' || outcome === 'panic';
    c.reconcileTotal.inc({ controller: this.name, result: failed ? 'error' : outcome });
    if (failed) c.reconcileErrors.inc(this.labels);
    if (outcome === 'terminal_error') c.terminalReconcileErrors.inc(this.labels);
    if (outcome === 'panic') c.reconcilePanics.inc(this.labels);
    c.reconcileTime.observe(this.labels, durationSeconds);
  }

  /** Sets how many workers are reconciling right now. */
  setActiveWorkers(count: number): void {
    this.collectors.activeWorkers.set(this.labels, count);
  }

  /** Sets the controller's configured concurrency. */
  setMaxConcurrentReconciles(count: number): void {
    this.collectors.maxConcurrentReconciles.set(this.labels, count);
  }

  /** Creates every series of the controller at zero (controller-runtime's `initMetrics`). */
  initialise(maxConcurrentReconciles: number): void {
    const c = this.collectors;
    for (const result of ['error', 'requeue_after', 'requeue', 'success']) {
      c.reconcileTotal.inc({ controller: this.name, result }, 0);
    }
    c.reconcileErrors.inc(this.labels, 0);
    c.terminalReconcileErrors.inc(this.labels, 0);
    c.reconcilePanics.inc(this.labels, 0);
    c.maxConcurrentReconciles.set(this.labels, maxConcurrentReconciles);
    c.activeWorkers.set(this.labels, 0);
  }
}
