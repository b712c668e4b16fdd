import { Cel, type JsonSchemaProps, type ValidationRule } from '@score-orchestrator/operator-sdk';
import { scoreSchemaRules } from '../score-file/score-schema-rules.js';

// The CEL rules and bounds the Workload CRD shares between its classes. Bounds (maxLength, maxProperties)
// are there because the API server estimates the cost of every CEL rule from them and rejects a CRD whose
// rules could cost too much; they are deliberately generous for Score workloads.

/**
 * A CEL expression: the string `expression` holds no unterminated `${`, with the grammar of
 * `parsePlaceholders`. Only the tail after the last `}` can hold one; there, removing `$$` pairs left to
 * right (as the parser pairs them) leaves `${` exactly where a `$` starts a placeholder. So `$${x` (the
 * literal `${x`) passes and `$$${x` does not. String functions, not a regex: the API server estimates
 * `matches` at several times the cost, which would force much smaller size limits.
 */
export function wellFormedPlaceholders(expression: string): string {
  return `!${expression}.substring(${expression}.lastIndexOf('}') + 1).replace('$$', '').contains('\${')`;
}

/** `wellFormedPlaceholders` on `self`, with its message. */
export const placeholderRule: ValidationRule = {
  rule: wellFormedPlaceholders('self'),
  message: `must not contain an unterminated placeholder: '\${' needs a closing '}' (write '$\${' for a literal '\${')`,
};

/** A CEL rule on a map: every key matches `pattern` (a structural schema cannot constrain keys). */
export function keyPatternRule(pattern: RegExp, message: string): ValidationRule {
  return { rule: `self.all(k, k.matches('${pattern.source.replaceAll('\\', '\\\\')}'))`, message };
}

/**
 * What a Workload may be named: an RFC 1123 label (at most 63 lower-case letters, digits and `-`, no dots),
 * because the name becomes a Service name and a label value; the API server alone allows dots and 253
 * characters. A leading digit is fine: `workloadServiceName` prefixes the Service name.
 */
export const WORKLOAD_NAME_RULES = { maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' } as const;

/**
 * Container variable names: printable ASCII other than `=`, as the API server (1.34+) accepts environment
 * variable names (`IsRelaxedEnvVarName`); the Score schema allows anything without `=`, newlines included.
 */
export const variableNameRule = keyPatternRule(
  /^[\x20-\x3c\x3e-\x7e]+$/,
  'variable names must be printable ASCII characters other than "="',
);

/**
 * The keys of `files` or `volumes`: target paths in the container, absolute and without `..` segments
 * (Kubernetes refuses a mount path with `..`; container runtimes refuse a relative one).
 */
export function mountTargetRule(what: 'file' | 'volume'): ValidationRule {
  return {
    rule: "self.all(t, t.startsWith('/') && !t.matches('(^|/)[.][.](/|$)'))",
    message: `${what} targets must be absolute paths without ".." segments`,
  };
}

/** The keys of `containers`, `service.ports` and `resources`: Score's RFC 1123 labels. */
export const NAME_PATTERN = scoreSchemaRules.name.pattern;
export const NAME_EXPECTED = scoreSchemaRules.name.expected;

/**
 * Bounds of the Workload spec. The API server caps each CEL rule at an estimated cost of 10^7, counted as
 * (longest string, in bytes, at 4 per character) x (how many such strings there can be); the placeholder
 * rule costs about 2 per character, so containers x variables x value length and containers x files x
 * content length must each stay under ~5M characters. Larger files can go in `binaryContent` (base64,
 * never expanded, so not checked).
 */
export const WorkloadBounds = {
  containers: 8,
  variables: 128,
  variableValueLength: 4096,
  files: 16,
  fileContentLength: 32768,
  volumes: 32,
  ports: 32,
  resources: 64,
  before: 8,
} as const;

/** A string-valued map whose values may hold placeholders (container `variables`). */
export function placeholderStringMap(maxLength: number): JsonSchemaProps {
  return {
    additionalProperties: { type: 'string', maxLength, 'x-kubernetes-validations': [placeholderRule] },
  };
}

/** `@Cel` for a prepared rule. */
export function CelRule(rule: ValidationRule): ClassDecorator & PropertyDecorator {
  const { rule: expression, message, ...options } = rule;
  return Cel(expression, message, options);
}
