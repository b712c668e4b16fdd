import { describe, expect, it } from '@jest/globals';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import type { WorkloadInput } from '../platform-config/workload-input.js';
import { PolicyEngine, type PolicyViolation } from './policy-engine.js';
import type { PolicyRule } from './policy-rule.js';

const noLatest: PolicyRule = {
  name: 'no-latest-tag',
  rule: "object.spec.containers.all(c, !object.spec.containers[c].image.endsWith(':latest'))",
  message: "images must be pinned: ':latest' is not allowed",
};
const teamLabel: PolicyRule = {
  name: 'team-label',
  rule: "has(object.metadata.labels) && 'team' in object.metadata.labels",
  message: 'add a team label',
};
const cpuLimit: PolicyRule = {
  name: 'cpu-limit',
  rule: 'object.spec.containers.all(c, object.spec.containers[c].resources.limits.cpu != "")',
};
const smallPorts: PolicyRule = {
  name: 'small-ports',
  rule: '!has(object.spec.service) || object.spec.service.ports.all(p, object.spec.service.ports[p].port < 10000)',
};
const returnsString: PolicyRule = { name: 'returns-string', rule: 'object.metadata.name' };

function workload(spec: Partial<WorkloadInput['spec']>, labels?: Record<string, string>): WorkloadInput {
  return {
    apiVersion: 'score.dev/v1b1',
    kind: 'Workload',
    metadata: { name: 'app', labels },
    spec: { containers: {}, ...spec },
  };
}
const pinned = { containers: { web: { image: 'nginx:1.27' } } };
const latest = { containers: { web: { image: 'nginx:1.27' }, side: { image: 'busybox:latest' } } };

describe('PolicyEngine', () => {
  it.each<[string, PolicyRule[], WorkloadInput, Partial<PolicyViolation>[]]>([
    ['a compliant Workload', [noLatest, teamLabel], workload(pinned, { team: 'a' }), []],
    [
      'a violated rule, with its message',
      [noLatest],
      workload(latest),
      [
        {
          policy: 'no-latest-tag',
          message: "images must be pinned: ':latest' is not allowed",
          evaluationFailed: false,
        },
      ],
    ],
    [
      'every violated rule in config order',
      [noLatest, teamLabel],
      workload(latest),
      [{ policy: 'no-latest-tag' }, { policy: 'team-label', message: 'add a team label' }],
    ],
    [
      'a default message naming the policy and rule',
      [{ name: 'named', rule: 'object.metadata.name == "other"' }],
      workload(pinned),
      [
        {
          policy: 'named',
          message: 'the Workload does not satisfy policy named: object.metadata.name == "other"',
        },
      ],
    ],
    [
      'a has() guard on a missing field',
      [teamLabel],
      workload(pinned),
      [{ policy: 'team-label', evaluationFailed: false }],
    ],
    [
      'a missing field without has(): fail closed',
      [cpuLimit],
      workload(pinned),
      [
        {
          policy: 'cpu-limit',
          message:
            'policy cpu-limit could not be evaluated: No such key: resources (at column 57); a rule reading optional fields must guard them with has()',
          evaluationFailed: true,
        },
      ],
    ],
    ['integers compared as CEL ints (absent service)', [smallPorts], workload(pinned), []],
    [
      'integers compared as CEL ints',
      [smallPorts],
      workload({ ...pinned, service: { ports: { http: { port: 80 }, admin: { port: 12000 } } } }),
      [{ policy: 'small-ports', evaluationFailed: false }],
    ],
    [
      'a dyn rule that returns a non-bool: fail closed',
      [returnsString],
      workload(pinned),
      [
        {
          policy: 'returns-string',
          message: expect.stringContaining('returned a string, not a bool') as unknown as string,
          evaluationFailed: true,
        },
      ],
    ],
  ])('reports %s', (_name, rules, input, expected) => {
    const violations = new PolicyEngine(rules).evaluate(input);
    expect(violations).toHaveLength(expected.length);
    expected.forEach((partial, i) => expect(violations[i]).toMatchObject(partial));
  });

  it('reports every rule that does not compile at load time, by policy and field', () => {
    let error: unknown;
    try {
      new PolicyEngine([
        noLatest,
        { name: 'broken', rule: 'object.spec.containers.all(c,' },
        { name: 'typo', rule: 'objct.spec == null' },
      ]);
    } catch (err) {
      error = err;
    }
    expect(OrchestratorError.is(error, 'Configuration')).toBe(true);
    expect((error as OrchestratorError).issues).toEqual([
      { field: 'policies[1].rule', message: expect.stringMatching(/^policy broken: CEL syntax error: /) },
      {
        field: 'policies[2].rule',
        message: 'policy typo: CEL type error: Unknown variable: objct (at column 1)',
      },
    ]);
    expect((error as Error).message).toMatch(
      /^failed to compile org policies: policies\[1\]\.rule: policy broken/,
    );
  });

  it('does not change the Workload it reads', () => {
    const input = workload(latest, { team: 'a' });
    const copy = structuredClone(input);
    new PolicyEngine([noLatest, teamLabel]).evaluate(input);
    expect(input).toEqual(copy);
  });

  it('allows nothing-to-check', () => {
    expect(new PolicyEngine().evaluate(workload(latest))).toEqual([]);
  });
});

describe('PolicyEngine with guarded optional fields', () => {
  const cpuLimits: PolicyRule = {
    name: 'cpu-limits',
    rule: "object.spec.containers.all(c, 'resources' in object.spec.containers[c] && 'limits' in object.spec.containers[c].resources && 'cpu' in object.spec.containers[c].resources.limits)",
  };

  it.each<[string, WorkloadInput['spec']['containers'], number]>([
    ['no resources at all', { web: { image: 'a' } }, 1],
    ['limits without cpu', { web: { image: 'a', resources: { limits: { memory: '1Gi' } } } }, 1],
    ['a cpu limit on every container', { web: { image: 'a', resources: { limits: { cpu: '1' } } } }, 0],
  ])('evaluates %s without failing', (_name, containers, count) => {
    const violations = new PolicyEngine([cpuLimits]).evaluate(workload({ containers }));
    expect(violations).toHaveLength(count);
    expect(violations.every((v) => !v.evaluationFailed)).toBe(true);
  });
});
