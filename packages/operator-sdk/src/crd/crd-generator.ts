import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import type {
  CustomResourceDefinition,
  CustomResourceDefinitionVersion,
} from './custom-resource-definition.js';
import {
  readKubernetesResource,
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

/**
 * The CustomResourceDefinition of a class decorated with `@KubernetesResource`: one served version whose
 * schema is `type: object` with the standard header fields and the class's `spec` and `status` (and any
 * other properties it declares). Pure: same class in, same object out.
 *
 * @throws OperatorSdkError (`Configuration`) when the class is not decorated or its schema cannot be built.
 */
export function generateCrd(resourceClass: ResourceClass): CustomResourceDefinition {
  const resource = readKubernetesResource(resourceClass);
  if (!resource) {
    throw new OperatorSdkError(
      'Configuration',
      `failed to generate the CRD of class ${resourceClass.name}: it has no @KubernetesResource decorator`,
    );
  }
  const body = schemaForClass(resourceClass as new () => unknown);
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
  if (resource.statusSubresource) version.subresources = { status: {} };
  if (resource.printerColumns.length) version.additionalPrinterColumns = [...resource.printerColumns];

  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${resource.plural}.${resource.group}` },
    spec: {
      group: resource.group,
      names: {
        kind: resource.kind,
        listKind: resource.listKind,
        plural: resource.plural,
        singular: resource.singular,
        ...(resource.shortNames.length ? { shortNames: [...resource.shortNames] } : {}),
        ...(resource.categories.length ? { categories: [...resource.categories] } : {}),
      },
      scope: resource.scope,
      versions: [version],
    },
  };
}
