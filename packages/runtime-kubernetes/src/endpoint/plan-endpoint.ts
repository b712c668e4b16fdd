import { serviceName } from '../mapping/object-names.js';
import { planIdentity, type PlanObject } from '../mapping/plan-object.js';
import type { ResolvedRuntimeSettings } from '../settings/runtime-settings.js';
import { renderEndpointTemplate, type EndpointTemplate } from '@score-orchestrator/api';
import { compileEndpointSetting } from './compile-endpoint-setting.js';

/**
 * The plan's endpoint. With `endpointHints.host` (a route): the `route` template with `host` and `path`
 * (`''`, or the hint's path with a leading `/`). Else, when the plan serves ports: the `service` template
 * with the Service's name, the namespace and the lowest port number (ports are a map, whose order the API
 * server does not keep, so "the first port" would be the alphabetically first name). Else none. The plan's
 * `endpointTemplates` (the platform config's rule for its backend) take precedence over the settings. Pure.
 */
export function planEndpoint(
  plan: PlanObject,
  settings: Pick<ResolvedRuntimeSettings, 'routeEndpoint' | 'serviceEndpoint'>,
): string | undefined {
  const { namespace, name } = planIdentity(plan);
  const hints = plan.spec.endpointHints;
  if (hints?.host) {
    const raw = hints.path ?? '';
    const path = raw === '' || raw.startsWith('/') ? raw : `/${raw}`;
    const route = planTemplate(plan.spec.endpointTemplates?.route, 'spec.endpointTemplates.route');
    return renderEndpointTemplate(route ?? settings.routeEndpoint, {
      host: hints.host,
      path,
      name,
      namespace,
    });
  }
  const first = Object.values(plan.spec.service?.ports ?? {}).sort((a, b) => a.port - b.port)[0];
  if (!first) return undefined;
  const service = planTemplate(plan.spec.endpointTemplates?.service, 'spec.endpointTemplates.service');
  return renderEndpointTemplate(service ?? settings.serviceEndpoint, {
    serviceName: serviceName(name),
    namespace,
    port: first.port,
    name,
  });
}

function planTemplate(source: string | undefined, field: string): EndpointTemplate | undefined {
  return source === undefined ? undefined : compileEndpointSetting(source, field);
}
