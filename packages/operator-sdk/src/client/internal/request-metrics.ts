// Reports each request to the client's metrics sinks, as client-go's RequestResult and RequestLatency do.
import type { KubeClientMetrics } from '../kube-client-options.js';

/** The `code` label of a request that got no response (client-go's value). */
export const noResponseCode = '<error>';

/** Counts and times the requests to one API server; a sink that throws never fails a request. */
export class RequestMetrics {
  constructor(
    private readonly sinks: KubeClientMetrics | undefined,
    private readonly host: string,
  ) {}

  /** `rest_client_requests_total{code,method,host}`. */
  count(code: string, method: string): void {
    this.guard(() => this.sinks?.restClientRequests.inc({ code, method, host: this.host }));
  }

  /** `rest_client_request_duration_seconds{verb,host}` for a request sent `startedAt` (`performance.now()`). */
  observeSince(startedAt: number, method: string): void {
    const seconds = (performance.now() - startedAt) / 1000;
    this.guard(() =>
      this.sinks?.restClientRequestDuration?.observe({ verb: method, host: this.host }, seconds),
    );
  }

  private guard(report: () => void): void {
    try {
      report();
    } catch {
      // Metrics are a side channel: losing a sample beats failing the request that produced it.
    }
  }
}
