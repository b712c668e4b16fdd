import type { FieldIssue } from '@score-orchestrator/api';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import type { WorkloadInput } from '../platform-config/workload-input.js';
import { toCelObject } from './cel-object.js';
import { celErrorText, compilePolicyRule, type CompiledPolicyRule } from './compile-policy-rule.js';
import type { PolicyRule } from './policy-rule.js';

/** One policy a Workload does not satisfy. */
export interface PolicyViolation {
  /** The policy's name. */
  readonly policy: string;
  /** What users read: the policy's message, or why it could not be evaluated. */
  readonly message: string;
  /** True when the rule failed to evaluate (e.g. a missing field without `has()`): fail closed. */
  readonly evaluationFailed: boolean;
}

/** Anything that checks a Workload against org policy; what the Workload controller depends on. */
export interface PolicyEvaluator {
  /** Every violated policy, in configuration order; empty when the Workload complies. Never throws. */
  evaluate(workload: WorkloadInput): PolicyViolation[];
}

/**
 * Org policy as compiled CEL: every rule is parsed and type-checked once, at construction, with `object`
 * bound to the Workload. Evaluation is pure and fails closed: a rule that errors (a missing field read
 * without `has()`, a type mismatch) or returns a non-bool counts as violated, with a message saying why.
 */
export class PolicyEngine implements PolicyEvaluator {
  private readonly compiled: readonly CompiledPolicyRule[];

  /**
   * @throws OrchestratorError `Configuration` listing every rule that does not compile, by field
   * (`policies[i].rule`) and policy name, with the CEL error.
   */
  constructor(readonly policies: readonly PolicyRule[] = []) {
    const compiled: CompiledPolicyRule[] = [];
    const issues: FieldIssue[] = [];
    policies.forEach((policy, i) => {
      const result = compilePolicyRule(policy);
      if ('error' in result) {
        issues.push({ field: `policies[${i}].rule`, message: `policy ${policy.name}: ${result.error}` });
      } else compiled.push(result);
    });
    if (issues.length > 0) {
      throw OrchestratorError.fromIssues('Configuration', 'failed to compile org policies', issues);
    }
    this.compiled = compiled;
  }

  evaluate(workload: WorkloadInput): PolicyViolation[] {
    if (this.compiled.length === 0) return [];
    const context = { object: toCelObject(workload) };
    const violations: PolicyViolation[] = [];
    for (const { rule, program } of this.compiled) {
      let result: unknown;
      try {
        result = program(context);
      } catch (err) {
        violations.push({
          policy: rule.name,
          message: `policy ${rule.name} could not be evaluated: ${celErrorText(err)}; a rule reading optional fields must guard them with has()`,
          evaluationFailed: true,
        });
        continue;
      }
      if (result === true) continue;
      if (result === false) {
        violations.push({ policy: rule.name, message: messageOf(rule), evaluationFailed: false });
      } else {
        violations.push({
          policy: rule.name,
          message: `policy ${rule.name} could not be evaluated: the rule returned ${describeValue(result)}, not a bool`,
          evaluationFailed: true,
        });
      }
    }
    return violations;
  }
}

function messageOf(rule: PolicyRule): string {
  return rule.message?.trim() || `the Workload does not satisfy policy ${rule.name}: ${rule.rule}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'bigint' ? 'an int' : `a ${typeof value}`;
}
