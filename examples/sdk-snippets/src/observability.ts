// Metrics, probes and logs of docs/sdk/observability.md, used on their own (a manager sets them up).
import {
  createLogger,
  HealthServer,
  OperatorMetrics,
  type Logger,
  type SharedCache,
} from '@score-orchestrator/operator-sdk';
import { Counter } from 'prom-client';

// #region logger
export function createOperatorLogger(stream?: NodeJS.WritableStream): Logger {
  // JSON lines on stdout (or `stream`); defaultMeta fields go into every line.
  return createLogger({ level: 'info', defaultMeta: { component: 'widget-operator' }, stream });
}

export function logWorkersStarted(logger: Logger, workerCount: number): void {
  // Constant message; values in lower-case fields. A child logger adds its fields to every line.
  logger.child({ controller: 'widget' }).info('starting workers', { workerCount });
}
// #endregion logger

// #region metrics
export function createMetrics() {
  const metrics = new OperatorMetrics({ processMetrics: true }); // + process_* and nodejs_*, once per process
  // Your own metrics go into the same registry with prom-client.
  const rendered = new Counter({
    name: 'widget_renders_total',
    help: 'ConfigMaps rendered from Widgets',
    labelNames: ['mode'],
    registers: [metrics.registry],
  });
  return { metrics, rendered };
}
// #endregion metrics

// #region health
export async function serveProbes(metrics: OperatorMetrics, cache: SharedCache, logger: Logger, port = 8081) {
  const health = new HealthServer({ port, registry: metrics.registry, logger });
  health.addHealthCheck('event-loop', () => undefined); // liveness: only what a restart fixes
  health.addReadinessCheck('informers', () => {
    if (!cache.synced) throw new Error('informer caches have not synced');
  });
  await health.start(); // /healthz, /readyz, /metrics; health.address has the bound port
  return health;
}
// #endregion health
