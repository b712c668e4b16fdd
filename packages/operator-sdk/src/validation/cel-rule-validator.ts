import type { Environment } from '@marcbachmann/cel-js';
import type { JsonSchemaProps, ValidationRule } from '../crd/schema/json-schema-props.js';
import { OperatorSdkError, describeError } from '../errors/operator-sdk.error.js';
import { schemaTypeName, toCelValue } from './cel/cel-value.js';
import { createKubernetesCelEnvironment } from './cel/kubernetes-cel-library.js';
import { OMITTED, ValidationIssue, type ValidationIssueType } from './validation-issue.js';

// The CEL half of custom resource validation (apiextensions-apiserver/pkg/apiserver/schema/cel): every
// `x-kubernetes-validations` rule runs with `self` bound to its node, paths use `.name` for properties,
// `[i]` for list items and `[key]` for map entries, and transition rules (those reading `oldSelf`) only run
// where an old value correlates: same property, same map key, or same list-map keys.

type Program = ReturnType<Environment['parse']>;

interface CompiledRule {
  readonly rule: ValidationRule;
  readonly program: Program;
  readonly message?: Program;
  readonly usesOldSelf: boolean;
}

/** Compiles every rule in a schema once, then validates objects against them. */
export class CelRuleValidator {
  private readonly env = createKubernetesCelEnvironment();
  private readonly compiled = new Map<ValidationRule, CompiledRule>();

  /** @throws OperatorSdkError (`Configuration`) when a rule or message expression does not parse. */
  constructor(private readonly schema: JsonSchemaProps) {
    this.compileAll(schema, '');
  }

  /** Runs every rule that applies to `value` (and `oldValue` for transition rules). */
  validate(value: unknown, oldValue?: unknown): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    this.walk(this.schema, value, oldValue, '', issues, true);
    return issues;
  }

  private compileAll(schema: JsonSchemaProps | undefined, path: string): void {
    if (!schema) return;
    for (const rule of schema['x-kubernetes-validations'] ?? []) {
      try {
        this.compiled.set(rule, {
          rule,
          program: this.env.parse(rule.rule),
          message: rule.messageExpression ? this.env.parse(rule.messageExpression) : undefined,
          usesOldSelf: /\boldSelf\b/.test(rule.rule),
        });
      } catch (err) {
        throw new OperatorSdkError(
          'Configuration',
          `failed to compile CEL rule at ${path || '<root>'}: ${rule.rule}: ${describeError(err)}`,
          { cause: err },
        );
      }
    }
    for (const [key, child] of Object.entries(schema.properties ?? {}))
      this.compileAll(child, path ? `${path}.${key}` : key);
    this.compileAll(schema.items, `${path}[*]`);
    if (typeof schema.additionalProperties === 'object')
      this.compileAll(schema.additionalProperties, `${path}[*]`);
  }

  private walk(
    schema: JsonSchemaProps,
    value: unknown,
    old: unknown,
    path: string,
    issues: ValidationIssue[],
    root = false,
  ): void {
    if (value === null || value === undefined) return;
    this.runRules(schema, value, old, path, issues, root);
    if (Array.isArray(value) && schema.items) {
      const oldByKey = correlateList(schema, old);
      value.forEach((item, i) => this.walk(schema.items!, item, oldByKey?.(item), `${path}[${i}]`, issues));
    } else if (typeof value === 'object' && !Array.isArray(value)) {
      const object = value as Record<string, unknown>;
      const oldObject = isObject(old) ? old : undefined;
      const additional =
        typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
      for (const [key, child] of Object.entries(object)) {
        const property = schema.properties?.[key];
        if (property) this.walk(property, child, oldObject?.[key], path ? `${path}.${key}` : key, issues);
        else if (additional) this.walk(additional, child, oldObject?.[key], `${path}[${key}]`, issues);
      }
    }
  }

  private runRules(
    schema: JsonSchemaProps,
    value: unknown,
    old: unknown,
    path: string,
    issues: ValidationIssue[],
    root: boolean,
  ): void {
    const rules = schema['x-kubernetes-validations'] ?? [];
    if (!rules.length) return;
    const self = toCelValue(schema, value, root);
    const oldSelf = old === undefined || old === null ? undefined : toCelValue(schema, old, root);
    const context = oldSelf === undefined ? { self } : { self, oldSelf };
    const typeName = schemaTypeName(schema);
    for (const rule of rules) {
      const compiled = this.compiled.get(rule)!;
      // Transition rules need an old value; optionalOldSelf rules are not emulated (see README).
      if (compiled.usesOldSelf && oldSelf === undefined) continue;
      let result: unknown;
      try {
        result = compiled.program(context);
      } catch (err) {
        const detail = `${describeError(err).split('\n')[0]} evaluating rule: ${rule.message?.trim() || rule.rule.trim()}`;
        issues.push(new ValidationIssue(path, 'Invalid value', detail, typeName));
        continue;
      }
      if (result === true) continue;
      const at = rule.fieldPath ? joinFieldPath(path, rule.fieldPath) : path;
      const shown = typeof value === 'object' ? OMITTED : value;
      issues.push(issueForReason(rule, at, this.message(compiled, context), shown));
    }
  }

  private message(compiled: CompiledRule, context: Record<string, unknown>): string {
    if (compiled.message) {
      try {
        const text = compiled.message(context);
        if (typeof text === 'string' && text.trim() !== '') return text;
      } catch {
        // Like the API server, fall back to the static message when the expression fails.
      }
    }
    return compiled.rule.message?.trim() || `failed rule: ${compiled.rule.rule.trim()}`;
  }
}

function issueForReason(
  rule: ValidationRule,
  field: string,
  detail: string,
  value: unknown,
): ValidationIssue {
  const types: Record<string, ValidationIssueType> = {
    FieldValueForbidden: 'Forbidden',
    FieldValueRequired: 'Required value',
    FieldValueDuplicate: 'Duplicate value',
  };
  const type = (rule.reason && types[rule.reason]) || 'Invalid value';
  // field.Duplicate carries no detail; Forbidden and Required carry no value.
  if (type === 'Duplicate value') return new ValidationIssue(field, type, '', value);
  return new ValidationIssue(field, type, detail, type === 'Invalid value' ? value : OMITTED);
}

/** Appends a rule's `fieldPath` (`.a.b`, `['x']`, `[0]`) to the node's path, as the API server renders it. */
function joinFieldPath(path: string, fieldPath: string): string {
  let out = path;
  for (const [, name, quoted, index] of fieldPath.matchAll(/\.([^.[\]]+)|\['([^']*)'\]|\[(\d+)\]/g)) {
    if (name !== undefined) out = out ? `${out}.${name}` : name;
    else out = `${out}[${quoted ?? index}]`;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Only list-type=map lists correlate items with the old object (by their key fields); other lists do not.
function correlateList(schema: JsonSchemaProps, old: unknown): ((item: unknown) => unknown) | undefined {
  const keys = schema['x-kubernetes-list-map-keys'];
  if (schema['x-kubernetes-list-type'] !== 'map' || !keys?.length || !Array.isArray(old)) return undefined;
  const keyOf = (item: unknown) => JSON.stringify(keys.map((k) => (isObject(item) ? item[k] : undefined)));
  const byKey = new Map(old.map((item) => [keyOf(item), item]));
  return (item) => byKey.get(keyOf(item));
}
