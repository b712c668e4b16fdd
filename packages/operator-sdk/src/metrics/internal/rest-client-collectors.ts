import { Counter, Histogram, type Registry } from 'prom-client';

/** client-go's REST client collectors, as controller-runtime and component-base register them. */
export interface RestClientCollectors {
  readonly requestsTotal: Counter<'code' | 'method' | 'host'>;
  readonly requestDuration: Histogram<'verb' | 'host'>;
}

export function createRestClientCollectors(registry: Registry): RestClientCollectors {
  const registers = [registry];
  return {
    requestsTotal: new Counter({
      name: 'rest_client_requests_total',
      help: 'Number of HTTP requests, partitioned by status code, method, and host.',
      labelNames: ['code', 'method', 'host'],
      registers,
    }),
    // controller-runtime dropped this one (cardinality of its old `path` label); component-base's
    // {verb, host} shape and buckets are what kube-controller-manager dashboards read.
    requestDuration: new Histogram({
      name: 'rest_client_request_duration_seconds',
      help: 'Request latency in seconds. Broken down by verb, and host.',
      labelNames: ['verb', 'host'],
      buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0, 60.0],
      registers,
    }),
  };
}
