import { splitApiVersion } from '../api/resource-kind.js';
import { renderManifestYaml } from '../crd/crd-writer.js';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import type { AdmissionOperation } from './admission-review.js';
import type { WebhookDefinition } from './webhook-definition.js';
import type { FailurePolicy, SideEffects, WebhookLabelSelector } from './webhook-options.js';

/** How the API server reaches the webhook server: a base URL (local runs, tests) or an in-cluster Service. */
export type WebhookClientConfig =
  | { readonly url: string }
  | { readonly service: { readonly namespace: string; readonly name: string; readonly port?: number } };

/** Options of {@link generateWebhookConfigurations}. */
export interface WebhookConfigurationOptions {
  /** `metadata.name` of the configurations, e.g. the operator's name. */
  readonly name: string;
  /** Each webhook's path is appended to the URL, or set as the Service's path. */
  readonly clientConfig: WebhookClientConfig;
  /** PEM of the CA that signed the serving certificate; omit when cert-manager injects it (see `annotations`). */
  readonly caBundle?: string;
  /** e.g. `{ 'cert-manager.io/inject-ca-from': 'ns/certificate' }` to have cert-manager fill in `caBundle`. */
  readonly annotations?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
}

/** One webhook of a configuration (`admissionregistration.k8s.io/v1`). */
export interface AdmissionWebhook {
  name: string;
  admissionReviewVersions: string[];
  clientConfig: {
    url?: string;
    service?: { namespace: string; name: string; path: string; port?: number };
    caBundle?: string;
  };
  rules: {
    apiGroups: string[];
    apiVersions: string[];
    operations: (AdmissionOperation | '*')[];
    resources: string[];
    scope: string;
  }[];
  failurePolicy: FailurePolicy;
  sideEffects: SideEffects;
  timeoutSeconds: number;
  matchPolicy: 'Exact' | 'Equivalent';
  namespaceSelector?: WebhookLabelSelector;
  objectSelector?: WebhookLabelSelector;
  reinvocationPolicy?: 'Never' | 'IfNeeded';
}

/** A `ValidatingWebhookConfiguration` or `MutatingWebhookConfiguration`. */
export interface WebhookConfiguration {
  apiVersion: 'admissionregistration.k8s.io/v1';
  kind: 'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration';
  metadata: { name: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  webhooks: AdmissionWebhook[];
}

/**
 * The webhook configurations that make the API server call `definitions`: a `ValidatingWebhookConfiguration`
 * for the validating ones and a `MutatingWebhookConfiguration` for the mutating ones (each only when it has
 * webhooks), webhooks sorted by name, `admissionReviewVersions: [v1]`. Apply them (e.g. with
 * `KubeClient.apply`) or write them with {@link renderWebhookConfigurationsYaml}.
 * @throws OperatorSdkError `Configuration` for a URL that is not `https://`.
 */
export function generateWebhookConfigurations(
  definitions: readonly WebhookDefinition[],
  options: WebhookConfigurationOptions,
): WebhookConfiguration[] {
  if ('url' in options.clientConfig && !options.clientConfig.url.startsWith('https://')) {
    throw new OperatorSdkError(
      'Configuration',
      `invalid webhook URL "${options.clientConfig.url}": the API server calls webhooks over https://`,
    );
  }
  const kinds = [
    ['validating', 'ValidatingWebhookConfiguration'],
    ['mutating', 'MutatingWebhookConfiguration'],
  ] as const;
  return kinds.flatMap(([type, kind]) => {
    const webhooks = definitions
      .filter((d) => d.type === type)
      .map((d) => admissionWebhook(d, options))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (webhooks.length === 0) return [];
    const metadata = {
      name: options.name,
      ...(options.annotations && { annotations: { ...options.annotations } }),
      ...(options.labels && { labels: { ...options.labels } }),
    };
    return [{ apiVersion: 'admissionregistration.k8s.io/v1' as const, kind, metadata, webhooks }];
  });
}

/** Renders configurations as a multi-document YAML file with a stable key order (as CRDs are rendered). */
export function renderWebhookConfigurationsYaml(configurations: readonly WebhookConfiguration[]): string {
  return configurations.map((c) => renderManifestYaml(c)).join('');
}

function admissionWebhook(
  definition: WebhookDefinition,
  options: WebhookConfigurationOptions,
): AdmissionWebhook {
  const { group, version } = splitApiVersion(definition.kind.apiVersion);
  const client = options.clientConfig;
  const clientConfig: AdmissionWebhook['clientConfig'] =
    'url' in client
      ? { url: client.url.replace(/\/+$/, '') + definition.path }
      : { service: { ...client.service, path: definition.path } };
  if (options.caBundle) clientConfig.caBundle = Buffer.from(options.caBundle).toString('base64');
  return {
    name: definition.name,
    admissionReviewVersions: ['v1'],
    clientConfig,
    rules: [
      {
        apiGroups: [group],
        apiVersions: [version],
        operations: [...definition.operations],
        resources: [definition.kind.plural],
        scope: definition.kind.namespaced ? 'Namespaced' : 'Cluster',
      },
    ],
    failurePolicy: definition.failurePolicy,
    sideEffects: definition.sideEffects,
    timeoutSeconds: definition.timeoutSeconds,
    matchPolicy: definition.matchPolicy,
    ...(definition.namespaceSelector && { namespaceSelector: definition.namespaceSelector }),
    ...(definition.objectSelector && { objectSelector: definition.objectSelector }),
    ...(definition.reinvocationPolicy && { reinvocationPolicy: definition.reinvocationPolicy }),
  };
}
