import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The webhook server's Prometheus series under controller-runtime's names, labelled by `webhook` (the path):
 * `controller_runtime_webhook_requests_total{webhook,code}` (by HTTP status code),
 * `controller_runtime_webhook_latency_seconds{webhook}` and `controller_runtime_webhook_requests_in_flight{webhook}`.
 * Servers sharing one registry share the collectors.
 */
export class WebhookMetrics {
  private readonly total: Counter<'webhook' | 'code'>;
  private readonly latency: Histogram<'webhook'>;
  private readonly inFlight: Gauge<'webhook'>;

  constructor(registry: Registry) {
    this.total =
      existing(registry, 'controller_runtime_webhook_requests_total') ??
      new Counter({
        name: 'controller_runtime_webhook_requests_total',
        help: 'Total number of admission requests by HTTP status code.',
        labelNames: ['webhook', 'code'],
        registers: [registry],
      });
    this.latency =
      existing(registry, 'controller_runtime_webhook_latency_seconds') ??
      new Histogram({
        name: 'controller_runtime_webhook_latency_seconds',
        help: 'Histogram of the latency of processing admission requests',
        labelNames: ['webhook'],
        registers: [registry],
      });
    this.inFlight =
      existing(registry, 'controller_runtime_webhook_requests_in_flight') ??
      new Gauge({
        name: 'controller_runtime_webhook_requests_in_flight',
        help: 'Current number of admission requests being served.',
        labelNames: ['webhook'],
        registers: [registry],
      });
  }

  /** Creates the series of webhook `path` at zero (codes 200 and 500), as controller-runtime does. */
  initialise(path: string): void {
    this.total.inc({ webhook: path, code: '200' }, 0);
    this.total.inc({ webhook: path, code: '500' }, 0);
    this.inFlight.set({ webhook: path }, 0);
  }

  /**
   * Marks a request to `path` as started; call the returned function with the HTTP status it ended with
   * (only its first call counts).
   */
  start(path: string): (code: number) => void {
    const labels = { webhook: path };
    this.inFlight.inc(labels);
    const stopTimer = this.latency.startTimer(labels);
    let ended = false;
    return (code) => {
      if (ended) return;
      ended = true;
      stopTimer();
      this.inFlight.dec(labels);
      this.total.inc({ webhook: path, code: String(code) });
    };
  }
}

function existing<T>(registry: Registry, name: string): T | undefined {
  return registry.getSingleMetric(name) as T | undefined;
}
