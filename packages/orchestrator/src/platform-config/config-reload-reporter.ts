import type { KubernetesObject } from '@kubernetes/client-node';
import type { EventRecorder, Logger } from '@score-orchestrator/operator-sdk';
import { Counter, type Registry } from 'prom-client';
import type { ConfigReloadEvent, PlatformConfigStore } from './platform-config-store.js';

/** Name of the reload counter; label `result` is `success` or `failure`. */
export const CONFIG_RELOAD_METRIC = 'score_orchestrator_config_reload_total';

/** Options of {@link reportConfigReloads}. */
export interface ConfigReloadReportingOptions {
  readonly logger: Logger;
  /** Where `score_orchestrator_config_reload_total{result}` is registered (reused when already there). */
  readonly registry?: Registry;
  /** Writes an Event per reload regarding the source object (e.g. the ConfigMap), else `regarding`. */
  readonly events?: { readonly recorder: EventRecorder; readonly regarding?: KubernetesObject };
}

/**
 * Reports every reload outcome of `store`: a log line (`info` on success, `error` naming the rejected
 * field on failure), a Kubernetes Event (`Normal ConfigReloaded` / `Warning ConfigRejected`) when a recorder
 * is given, and a count in `score_orchestrator_config_reload_total{result}`. Attach it before `store.start()`
 * so the start-up load is reported too. Returns the function that detaches it.
 */
export function reportConfigReloads(
  store: PlatformConfigStore,
  options: ConfigReloadReportingOptions,
): () => void {
  const counter = options.registry ? reloadCounter(options.registry) : undefined;
  return store.onReload((event) => {
    counter?.inc({ result: event.result });
    log(options.logger, event);
    const regarding = event.origin ?? options.events?.regarding;
    if (options.events && regarding) {
      options.events.recorder.event(regarding, {
        type: event.result === 'success' ? 'Normal' : 'Warning',
        reason: event.result === 'success' ? 'ConfigReloaded' : 'ConfigRejected',
        action: 'LoadPlatformConfig',
        note:
          event.result === 'success'
            ? `platform config from ${event.source} is in force (revision ${event.revision})`
            : `${event.error?.message ?? 'platform config rejected'}${event.config ? '; keeping the last good config' : ''}`,
      });
    }
  });
}

function log(logger: Logger, event: ConfigReloadEvent): void {
  const fields = { source: event.source, revision: event.revision, initial: event.initial };
  if (event.result === 'success') {
    logger.info('platform config loaded', fields);
    return;
  }
  logger.error('platform config rejected', {
    ...fields,
    keptPrevious: event.config !== undefined,
    err: event.error?.message,
    fields: event.error?.issues.map((issue) => issue.field),
  });
}

function reloadCounter(registry: Registry): Counter<'result'> {
  const existing = registry.getSingleMetric(CONFIG_RELOAD_METRIC);
  if (existing) return existing as Counter<'result'>;
  const counter = new Counter({
    name: CONFIG_RELOAD_METRIC,
    help: 'Platform configuration readings, by result: success (put in force or confirmed) or failure (rejected; the last good config stays).',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  counter.inc({ result: 'success' }, 0);
  counter.inc({ result: 'failure' }, 0);
  return counter;
}
