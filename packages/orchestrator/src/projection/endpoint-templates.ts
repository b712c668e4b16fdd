import type { EndpointTemplates } from '@score-orchestrator/api';
import type { PlatformConfig } from '../platform-config/platform-config.js';

/**
 * The endpoint rules the platform config sets for `runtimeClass` (its `backends[]` entry), as a plan
 * carries them to the runtime; undefined when the config sets none, so the runtime's defaults apply.
 */
export function endpointTemplatesFor(
  config: PlatformConfig,
  runtimeClass: string,
): EndpointTemplates | undefined {
  const backend = config.backends.find((candidate) => candidate.runtimeClass === runtimeClass);
  if (!backend?.endpointTemplate && !backend?.routeEndpointTemplate) return undefined;
  return {
    ...(backend.endpointTemplate ? { service: backend.endpointTemplate } : {}),
    ...(backend.routeEndpointTemplate ? { route: backend.routeEndpointTemplate } : {}),
  };
}
