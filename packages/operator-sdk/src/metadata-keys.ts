// Every reflect-metadata key the SDK's decorators write, in one place, namespaced by package.

/** Options recorded by `@Controller`. */
export const CONTROLLER_METADATA = Symbol.for('@score-orchestrator/operator-sdk/controller');
/** Options recorded by `@KubernetesResource`. */
export const KUBERNETES_RESOURCE_METADATA = Symbol.for(
  '@score-orchestrator/operator-sdk/kubernetes-resource',
);
/** CEL rules recorded by `@Cel` on a class or a property. */
export const CEL_RULES_METADATA = Symbol.for('@score-orchestrator/operator-sdk/cel-rules');
/** Schema fragments recorded by `@SchemaProperty`. */
export const SCHEMA_PROPERTY_METADATA = Symbol.for('@score-orchestrator/operator-sdk/schema-property');
/** Value types recorded by `@MapOf` (a property that is a string-keyed map). */
export const MAP_OF_METADATA = Symbol.for('@score-orchestrator/operator-sdk/map-of');
/** Names of the properties that carry `@Cel`, `@SchemaProperty` or `@MapOf`, per class. */
export const SCHEMA_PROPERTY_NAMES_METADATA = Symbol.for(
  '@score-orchestrator/operator-sdk/schema-property-names',
);
/** Options recorded by `@Validator` (a validating admission webhook). */
export const VALIDATOR_METADATA = Symbol.for('@score-orchestrator/operator-sdk/validator');
/** Options recorded by `@Defaulter` (a mutating admission webhook). */
export const DEFAULTER_METADATA = Symbol.for('@score-orchestrator/operator-sdk/defaulter');
/** Options recorded by `@Converter` (one spoke version's conversion to and from its hub). */
export const CONVERTER_METADATA = Symbol.for('@score-orchestrator/operator-sdk/converter');
