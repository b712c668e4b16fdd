import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import type {
  CustomResourceConversion,
  CustomResourceDefinition,
  CustomResourceDefinitionVersion,
} from './custom-resource-definition.js';
import {
  readKubernetesResource,
  type KubernetesResourceDefinition,
  type MetadataNameRules,
  type ResourceClass,
} from './kubernetes-resource.decorator.js';
import { schemaForClass } from './schema/class-schema.js';
import type { JsonSchemaProps } from './schema/json-schema-props.js';

// The API server fills these in for every object; controller-gen declares them the same way, so that CEL
// rules and `kubectl explain` see them.
const OBJECT_HEADER: Record<string, JsonSchemaProps> = {
  apiVersion: {
    type: 'string',
    description: 'APIVersion defines the versioned schema of this representation of an object.',
  },
  kind: {
    type: 'string',
    description: 'Kind is a string value representing the REST resource this object represents.',
  },
  metadata: { type: 'object' },
};

// The API server lets a CRD constrain `metadata.name` (and `generateName`) and nothing else of metadata.
function metadataSchema(rules: MetadataNameRules | undefined): Record<string, JsonSchemaProps> {
  if (!rules || (rules.maxLength === undefined && rules.pattern === undefined)) return {};
  const name: JsonSchemaProps = { type: 'string' };
  if (rules.maxLength !== undefined) name.maxLength = rules.maxLength;
  if (rules.pattern !== undefined) name.pattern = rules.pattern;
  return { metadata: { type: 'object', properties: { name } } };
}

/** Options of {@link generateCrd} for CRDs of more than one version (ignored for one version). */
export interface CrdOptions {
  /**
   * How the API server converts between the versions: `conversionWebhook({ service })` (or a running
   * server's `conversionForUrl()`), or `{ strategy: 'None' }` when the versions' schemas are the same.
   */
  readonly conversion?: CustomResourceConversion;
  /**
   * `<namespace>/<certificate>` of a cert-manager Certificate whose CA cert-manager writes into the
   * conversion webhook's `caBundle` (the `cert-manager.io/inject-ca-from` annotation).
   */
  readonly injectCaFrom?: string;
}

// Every version of a kind must agree on these: they name the one resource all versions are views of.
const SHARED_FIELDS = [
  'group',
  'kind',
  'plural',
  'singular',
  'listKind',
  'scope',
  'shortNames',
  'categories',
] as const;

/**
 * The CustomResourceDefinition of a class decorated with `@KubernetesResource`, or of several classes that
 * are versions of one kind (one served version per class; exactly one with `storageVersion`). Each version's
 * schema is `type: object` with the standard header fields and the class's `spec` and `status` (and any
 * other properties it declares). Several versions need `options.conversion`. Pure: same input, same output.
 *
 * @throws OperatorSdkError (`Configuration`) when a class is not decorated, its schema cannot be built, or the
 *   classes are not versions of one kind with one storage version and a conversion.
 */
export function generateCrd(
  resource: ResourceClass | readonly ResourceClass[],
  options: CrdOptions = {},
): CustomResourceDefinition {
  const classes: readonly ResourceClass[] = typeof resource === 'function' ? [resource] : resource;
  const resources = classes.map((cls) => {
    const definition = readKubernetesResource(cls);
    if (!definition) {
      throw configuration(
        `failed to generate the CRD of class ${cls.name}: it has no @KubernetesResource decorator`,
      );
    }
    return { cls, definition };
  });
  if (resources.length === 0) throw configuration('failed to generate a CRD: no resource class given');
  const [first] = resources;
  const name = `${first.definition.plural}.${first.definition.group}`;
  checkVersionsOfOneKind(name, resources);

  const versions = resources
    .map(({ cls, definition }) => versionOf(cls, definition))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const resourceDefinition = first.definition;
  const crd: CustomResourceDefinition = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name },
    spec: {
      group: resourceDefinition.group,
      names: {
        kind: resourceDefinition.kind,
        listKind: resourceDefinition.listKind,
        plural: resourceDefinition.plural,
        singular: resourceDefinition.singular,
        ...(resourceDefinition.shortNames.length ? { shortNames: [...resourceDefinition.shortNames] } : {}),
        ...(resourceDefinition.categories.length ? { categories: [...resourceDefinition.categories] } : {}),
      },
      scope: resourceDefinition.scope,
      versions,
    },
  };
  if (versions.length > 1) {
    if (!options.conversion) {
      throw configuration(
        `failed to generate the CRD ${name}: it serves versions ${versions.map((v) => v.name).join(', ')}; ` +
          "pass the conversion option: conversionWebhook(...) for a conversion webhook, or { strategy: 'None' } when the schemas are the same",
      );
    }
    crd.spec.conversion = structuredClone(options.conversion);
    if (options.injectCaFrom && options.conversion.strategy === 'Webhook') {
      crd.metadata.annotations = { 'cert-manager.io/inject-ca-from': options.injectCaFrom };
    }
  }
  return crd;
}

function checkVersionsOfOneKind(
  name: string,
  resources: readonly { cls: ResourceClass; definition: KubernetesResourceDefinition }[],
): void {
  if (resources.length < 2) return;
  const [first] = resources;
  const seen = new Map<string, string>();
  for (const { cls, definition } of resources) {
    for (const field of SHARED_FIELDS) {
      if (JSON.stringify(definition[field]) !== JSON.stringify(first.definition[field])) {
        throw configuration(
          `failed to generate the CRD ${name}: classes ${first.cls.name} and ${cls.name} differ in ${field} ` +
            `(${JSON.stringify(first.definition[field])} and ${JSON.stringify(definition[field])}); the versions of a kind share it`,
        );
      }
    }
    const other = seen.get(definition.version);
    if (other) {
      throw configuration(
        `failed to generate the CRD ${name}: classes ${other} and ${cls.name} are both version ${definition.version}; give each class its own version`,
      );
    }
    seen.set(definition.version, cls.name);
  }
  const stored = resources.filter((r) => r.definition.storageVersion);
  if (stored.length !== 1) {
    throw configuration(
      `failed to generate the CRD ${name}: ${stored.length === 0 ? 'no version is' : `versions ${stored.map((r) => r.definition.version).join(', ')} are`} ` +
        'the storage version; set storageVersion: false in @KubernetesResource on all but one',
    );
  }
}

function versionOf(
  cls: ResourceClass,
  resource: KubernetesResourceDefinition,
): CustomResourceDefinitionVersion {
  const body = schemaForClass(cls as new () => unknown);
  const properties = { ...body.properties };
  for (const header of Object.keys(OBJECT_HEADER)) delete properties[header];
  const openAPIV3Schema: JsonSchemaProps = {
    ...body,
    type: 'object',
    properties: { ...OBJECT_HEADER, ...metadataSchema(resource.metadataName), ...properties },
  };
  const required = body.required?.filter((name) => !(name in OBJECT_HEADER));
  if (required?.length) openAPIV3Schema.required = required;
  else delete openAPIV3Schema.required;

  const version: CustomResourceDefinitionVersion = {
    name: resource.version,
    served: true,
    storage: resource.storageVersion,
    schema: { openAPIV3Schema },
  };
  if (resource.deprecated) {
    version.deprecated = true;
    if (typeof resource.deprecated === 'string') version.deprecationWarning = resource.deprecated;
  }
  if (resource.statusSubresource) version.subresources = { status: {} };
  if (resource.printerColumns.length) version.additionalPrinterColumns = [...resource.printerColumns];
  return version;
}

function configuration(message: string): OperatorSdkError {
  return new OperatorSdkError('Configuration', message);
}
