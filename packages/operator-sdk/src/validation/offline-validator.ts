import type { CustomResourceDefinition } from '../crd/custom-resource-definition.js';
import { generateCrd } from '../crd/crd-generator.js';
import type { ResourceClass } from '../crd/kubernetes-resource.decorator.js';
import type { JsonSchemaProps } from '../crd/schema/json-schema-props.js';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import { CelRuleValidator } from './cel-rule-validator.js';
import { validateOpenApi } from './openapi-schema-validator.js';
import { pruneAndDefault } from './prune-and-default.js';
import { ValidationIssue } from './validation-issue.js';

/** The full outcome of one validation: the issues, and the fields the API server would silently drop. */
export interface ValidationReport {
  readonly issues: readonly ValidationIssue[];
  /** Unknown fields pruning removes (not an error for the API server; a warning with `fieldValidation=Warn`). */
  readonly prunedFields: readonly string[];
  /** The object as the API server would store it: pruned and defaulted. */
  readonly object: unknown;
}

// The API server skips CEL when the OpenAPI pass found one of these, and says so in one extra error.
const SKIPPED_CEL = new ValidationIssue(
  '',
  'Invalid value',
  'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
  null,
);

/**
 * Validates custom resources offline, against the schema of one CRD version, the way kube-apiserver does
 * on create and update: prune unknown fields, apply defaults, check the OpenAPI schema, then (only when
 * that found no blocking error) evaluate the `x-kubernetes-validations` CEL rules. Field paths and
 * messages follow the API server's (`spec.containers[0].image: Required value`).
 *
 * Not checked: `metadata` beyond the CRD's `metadata.name` rules (the API server's own name, label and
 * annotation rules), ratcheting of unchanged invalid fields on update, CEL cost budgets, `optionalOldSelf`
 * rules without an old object. Build one validator per schema and reuse it; it is stateless between calls.
 */
export class OfflineValidator {
  private readonly cel: CelRuleValidator;

  private constructor(private readonly schema: JsonSchemaProps) {
    this.cel = new CelRuleValidator(schema);
  }

  /** A validator for one version of a CRD (the storage version when `version` is omitted). */
  static fromCrd(crd: CustomResourceDefinition, version?: string): OfflineValidator {
    const versions = crd.spec.versions;
    const chosen = version
      ? versions.find((v) => v.name === version)
      : (versions.find((v) => v.storage) ?? versions[0]);
    if (!chosen) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to build a validator for CRD ${crd.metadata.name}: it has no version ${version ?? ''}`.trim(),
      );
    }
    return new OfflineValidator(chosen.schema.openAPIV3Schema);
  }

  /** A validator for a class decorated with `@KubernetesResource`. */
  static fromClass(resourceClass: ResourceClass): OfflineValidator {
    return OfflineValidator.fromCrd(generateCrd(resourceClass));
  }

  /** A validator for a bare `openAPIV3Schema`. */
  static fromSchema(schema: JsonSchemaProps): OfflineValidator {
    return new OfflineValidator(schema);
  }

  /** The issues the API server would report for writing `obj` (an update of `oldObj` when given). */
  validate(obj: unknown, oldObj?: unknown): ValidationIssue[] {
    return [...this.check(obj, oldObj).issues];
  }

  /** Like `validate`, also returning pruned fields and the pruned, defaulted object. */
  check(obj: unknown, oldObj?: unknown): ValidationReport {
    const { value, pruned } = pruneAndDefault(this.schema, obj);
    const old = oldObj === undefined ? undefined : pruneAndDefault(this.schema, oldObj).value;
    const issues = validateOpenApi(this.schema, value);
    if (issues.some((issue) => issue.blocking)) issues.push(SKIPPED_CEL);
    else issues.push(...this.cel.validate(value, old));
    return { issues, prunedFields: pruned, object: value };
  }
}
