import type { Environment } from '@marcbachmann/cel-js';
import { createKubernetesCelEnvironment } from '@score-orchestrator/operator-sdk';
import type { PolicyRule } from './policy-rule.js';

// Compiling one policy rule: parse, declare `object` as the only variable, type-check, and insist on a
// boolean result. Shared by the config parser (to report every bad rule with its field) and PolicyEngine.

/** A compiled rule: call `program({ object })`. */
export interface CompiledPolicyRule {
  readonly rule: PolicyRule;
  readonly program: (context: { object: unknown }) => unknown;
}

let environment: Environment | undefined;

/** The policy environment: Kubernetes CEL functions, `object` declared, any other variable an error. */
function policyEnvironment(): Environment {
  environment ??= createKubernetesCelEnvironment()
    .clone({ unlistedVariablesAreDyn: false })
    .registerVariable('object', 'map');
  return environment;
}

/** Compiles `rule`; returns the reason it cannot be used instead (a CEL error or a non-bool result type). */
export function compilePolicyRule(rule: PolicyRule): CompiledPolicyRule | { readonly error: string } {
  const env = policyEnvironment();
  let program: CompiledPolicyRule['program'];
  try {
    program = env.parse(rule.rule) as CompiledPolicyRule['program'];
  } catch (err) {
    return { error: `CEL syntax error: ${celErrorText(err)}` };
  }
  const checked = env.check(rule.rule);
  if (!checked.valid) return { error: `CEL type error: ${celErrorText(checked.error)}` };
  if (checked.type !== 'bool' && checked.type !== 'dyn') {
    return {
      error: `CEL rule evaluates to ${checked.type}, not bool; write a condition such as "... == ..."`,
    };
  }
  return { rule, program };
}

/** One line describing a cel-js error: its summary and the column it points at. */
export function celErrorText(err: unknown): string {
  const { summary, message, range } = (err ?? {}) as {
    summary?: string;
    message?: string;
    range?: { start?: number };
  };
  const text = summary ?? message?.split('\n')[0] ?? String(err);
  return typeof range?.start === 'number' ? `${text} (at column ${range.start + 1})` : text;
}
