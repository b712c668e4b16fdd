// The manager's `informers` readiness check: synced, and not cut off from the API server for too long.
import { qualifiedKindName } from '../../api/resource-kind.js';
import type { SharedCache } from '../../cache/shared-cache.js';
import type { HealthCheck } from '../../health/health-check.js';
import { NotReadyError } from '../../health/not-ready.error.js';

/** How long watches may stay disconnected before `/readyz` fails, when not configured. */
export const defaultWatchDisconnectThresholdMs = 60_000;

/** Kinds named in the reason at most; the rest are counted. */
const MAX_NAMED = 5;

/**
 * Fails until every informer has synced, and while any informer has had no working connection for
 * `thresholdMs` or longer (false: never for that), with a public reason such as
 * "watches disconnected for 75s: Workload.score.dev, Deployment.apps in shop (+2 more)". The cache keeps
 * serving what it holds meanwhile; readiness says it may be stale and that nothing new is seen. `clock`
 * gives the time of each check (tests pass a fixed one, so a slow run does not shift the seconds named).
 */
export function informersCheck(
  cache: SharedCache,
  thresholdMs: number | false,
  clock: () => number = Date.now,
): HealthCheck {
  return () => {
    if (!cache.synced) throw new NotReadyError('informer caches have not synced');
    if (thresholdMs === false) return;
    const now = clock();
    const down = cache.disconnected(thresholdMs, now);
    if (down.length === 0) return;
    const oldest = Math.min(...down.map((d) => d.since.getTime()));
    const seconds = Math.floor((now - oldest) / 1000);
    const named = down
      .slice(0, MAX_NAMED)
      .map((d) => `${qualifiedKindName(d.kind)}${d.namespace ? ` in ${d.namespace}` : ''}`);
    const more = down.length > MAX_NAMED ? ` (+${down.length - MAX_NAMED} more)` : '';
    throw new NotReadyError(`watches disconnected for ${seconds}s: ${named.join(', ')}${more}`);
  };
}
