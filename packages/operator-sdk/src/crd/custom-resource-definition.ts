import type { JsonSchemaProps } from './schema/json-schema-props.js';
import type { PrinterColumn } from './kubernetes-resource.decorator.js';

/**
 * An `apiextensions.k8s.io/v1` CustomResourceDefinition in wire form, ready for YAML or a plain
 * `KubernetesObjectApi` call. (client-node's `V1CustomResourceDefinition` renames schema keys such as
 * `x-kubernetes-validations`; use `ObjectSerializer.deserialize(crd, 'V1CustomResourceDefinition')` if you
 * need that model.)
 */
export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec: {
    group: string;
    names: {
      kind: string;
      listKind: string;
      plural: string;
      singular: string;
      shortNames?: string[];
      categories?: string[];
    };
    scope: 'Namespaced' | 'Cluster';
    versions: CustomResourceDefinitionVersion[];
    conversion?: CustomResourceConversion;
  };
}

/** One entry of `spec.versions`. */
export interface CustomResourceDefinitionVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema: { openAPIV3Schema: JsonSchemaProps };
  subresources?: { status?: Record<string, never> };
  additionalPrinterColumns?: PrinterColumn[];
  deprecated?: boolean;
  deprecationWarning?: string;
}

/**
 * `spec.conversion` of a CRD with more than one version: `None` changes only `apiVersion` (versions with the
 * same schema), `Webhook` has the API server call a conversion webhook (see `conversionWebhook`).
 */
export type CustomResourceConversion = { strategy: 'None' } | CustomResourceWebhookConversion;

/** `spec.conversion` with `strategy: Webhook`: where the API server sends `ConversionReview`s. */
export interface CustomResourceWebhookConversion {
  strategy: 'Webhook';
  webhook: {
    clientConfig: {
      url?: string;
      service?: { namespace: string; name: string; path?: string; port?: number };
      caBundle?: string;
    };
    conversionReviewVersions: string[];
  };
}
