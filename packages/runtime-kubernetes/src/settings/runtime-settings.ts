import type { EndpointTemplate } from '@score-orchestrator/api';
import { compileEndpointSetting } from '../endpoint/compile-endpoint-setting.js';

/**
 * How the Kubernetes runtime behaves, injected through `RuntimeKubernetesTokens.Settings` (every field
 * optional there; the defaults below fill the rest). Platform config overrides it per backend.
 */
export interface KubernetesRuntimeSettings {
  /** Field manager of every server-side apply (default `score-runtime-kubernetes`). */
  readonly fieldManager: string;
  /**
   * Endpoint templates (`{{ .fact }}` text). `route` is used when the plan has `endpointHints.host`
   * (facts: `host`, `path` — empty or starting with `/` —, `name`, `namespace`); `service` when the plan
   * serves ports (facts: `serviceName`, `namespace`, `port` — the lowest port number —, `name`). A plan with
   * neither has no endpoint.
   */
  readonly endpoints: { readonly route: string; readonly service: string };
  /** Replicas when `spec.options.replicas` is absent (default 1). */
  readonly defaultReplicas: number;
}

/** The defaults. */
export const defaultKubernetesRuntimeSettings: KubernetesRuntimeSettings = {
  fieldManager: 'score-runtime-kubernetes',
  endpoints: {
    route: 'http://{{ .host }}{{ .path }}',
    service: 'http://{{ .serviceName }}.{{ .namespace }}.svc.cluster.local:{{ .port }}',
  },
  defaultReplicas: 1,
};

/** Settings as given (partial, nested endpoints partial too). */
export type KubernetesRuntimeSettingsInput = Partial<
  Omit<KubernetesRuntimeSettings, 'endpoints'> & {
    endpoints: Partial<KubernetesRuntimeSettings['endpoints']>;
  }
>;

/** Settings with the endpoint templates compiled. */
export interface ResolvedRuntimeSettings {
  readonly fieldManager: string;
  readonly defaultReplicas: number;
  readonly routeEndpoint: EndpointTemplate;
  readonly serviceEndpoint: EndpointTemplate;
}

/**
 * Fills the defaults and compiles the templates.
 * @throws RuntimeKubernetesError `Configuration` for a bad template.
 */
export function resolveRuntimeSettings(input: KubernetesRuntimeSettingsInput = {}): ResolvedRuntimeSettings {
  const d = defaultKubernetesRuntimeSettings;
  return {
    fieldManager: input.fieldManager ?? d.fieldManager,
    defaultReplicas: input.defaultReplicas ?? d.defaultReplicas,
    routeEndpoint: compileEndpointSetting(input.endpoints?.route ?? d.endpoints.route, 'endpoints.route'),
    serviceEndpoint: compileEndpointSetting(
      input.endpoints?.service ?? d.endpoints.service,
      'endpoints.service',
    ),
  };
}
