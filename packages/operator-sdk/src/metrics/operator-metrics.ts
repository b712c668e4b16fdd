import { Gauge, Registry, collectDefaultMetrics, type Counter, type Histogram } from 'prom-client';
import { ControllerMetrics } from './controller-metrics.js';
import { createControllerCollectors, type ControllerCollectors } from './internal/controller-collectors.js';
import { createRestClientCollectors, type RestClientCollectors } from './internal/rest-client-collectors.js';
import { WorkQueueCollectors } from './internal/work-queue-collectors.js';
import type { WorkQueueMetrics } from './work-queue-metrics.js';

/** Options of {@link OperatorMetrics}. */
export interface OperatorMetricsOptions {
  /** Where the metrics are registered. Default: a new registry, never prom-client's global one. */
  readonly registry?: Registry;
  /**
   * Also register prom-client's process and Node.js runtime metrics (`process_*`, `nodejs_*`), as
   * controller-runtime exposes Go's. Default `false`: they are process-wide, so register them in at most
   * one registry per process.
   */
  readonly processMetrics?: boolean;
}

/** One request to the API server, for {@link OperatorMetrics.recordRestRequest}. */
export interface RestRequestRecord {
  /** The HTTP method, upper case (`GET`, `PATCH`…); also the `verb` of the duration histogram. */
  readonly method: string;
  /** The response status, or `'<error>'` when no response came (client-go's value). */
  readonly code: number | string;
  /** The API server's `host[:port]`. */
  readonly host: string;
  /** How long the request took; omit to only count it. */
  readonly durationSeconds?: number;
}

/**
 * The operator's Prometheus metrics under controller-runtime's and client-go's names, labels and buckets,
 * so dashboards and alerts written for Go operators work unchanged.
 *
 * Each instance owns its registry (by default a new one), so two managers in one process never collide.
 * Serve `registry.metrics()` with `registry.contentType` from the metrics endpoint.
 */
export class OperatorMetrics {
  readonly registry: Registry;
  /**
   * `rest_client_requests_total{code,method,host}` itself, for transports that only count (its `inc`
   * takes the labels as client-go names them). {@link recordRestRequest} counts and times.
   */
  readonly restClientRequests: Counter<'code' | 'method' | 'host'>;
  /**
   * `rest_client_request_duration_seconds{verb,host}` itself (client-go's buckets). With
   * {@link restClientRequests} it makes an `OperatorMetrics` fit `KubeClientOptions.metrics` as it is, so a
   * `KubeClient` given one counts and times every request.
   */
  readonly restClientRequestDuration: Histogram<'verb' | 'host'>;
  private readonly controllerCollectors: ControllerCollectors;
  private readonly controllers = new Map<string, ControllerMetrics>();
  private readonly workQueues: WorkQueueCollectors;
  private readonly restClient: RestClientCollectors;
  private readonly leader: Gauge<'name'>;

  constructor(options: OperatorMetricsOptions = {}) {
    this.registry = options.registry ?? new Registry();
    this.controllerCollectors = createControllerCollectors(this.registry);
    this.workQueues = new WorkQueueCollectors(this.registry);
    this.restClient = createRestClientCollectors(this.registry);
    this.restClientRequests = this.restClient.requestsTotal;
    this.restClientRequestDuration = this.restClient.requestDuration;
    this.leader = new Gauge({
      name: 'leader_election_master_status',
      help:
        'Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. ' +
        "'name' is the string used to identify the lease. Please make sure to group by name.",
      labelNames: ['name'],
      registers: [this.registry],
    });
    if (options.processMetrics === true) collectDefaultMetrics({ register: this.registry });
  }

  /**
   * The series of controller `name`. The first call creates them all at zero and sets
   * `controller_runtime_max_concurrent_reconciles`; later calls return the same object (and update the
   * concurrency when given).
   */
  controller(name: string, options: { maxConcurrentReconciles?: number } = {}): ControllerMetrics {
    let metrics = this.controllers.get(name);
    if (!metrics) {
      metrics = new ControllerMetrics(name, this.controllerCollectors);
      this.controllers.set(name, metrics);
      metrics.initialise(options.maxConcurrentReconciles ?? 1);
    } else if (options.maxConcurrentReconciles !== undefined) {
      metrics.setMaxConcurrentReconciles(options.maxConcurrentReconciles);
    }
    return metrics;
  }

  /** What to pass as `metrics` to the work queue called `name` (labels `name` and `controller`). */
  workQueueMetrics(name: string): WorkQueueMetrics {
    return this.workQueues.forQueue(name);
  }

  /** Counts one API request (`rest_client_requests_total`) and times it when a duration is given. */
  recordRestRequest(request: RestRequestRecord): void {
    this.restClient.requestsTotal.inc({
      code: String(request.code),
      method: request.method,
      host: request.host,
    });
    if (request.durationSeconds !== undefined) {
      this.restClient.requestDuration.observe(
        { verb: request.method, host: request.host },
        request.durationSeconds,
      );
    }
  }

  /** Sets `leader_election_master_status{name}` to 1 while this process holds lease `name`, else 0. */
  setLeader(name: string, isLeader: boolean): void {
    this.leader.set({ name }, isLeader ? 1 : 0);
  }
}
