import { describe, expect, it } from '@jest/globals';
import { workloadCases } from './fixtures/workload-cases.js';
import { validateWorkload } from './validate-workload.js';

const workload = (spec: unknown, name = 'web') => ({
  apiVersion: 'score.dev/v1b1',
  kind: 'Workload',
  metadata: { name, namespace: 'default' },
  spec,
});

describe('validateWorkload', () => {
  it.each(workloadCases.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const issues = validateWorkload(workload(row.spec, row.workloadName)).map((issue) => [
      issue.field || '<nil>',
      issue.message,
    ]);
    expect(issues).toHaveLength(row.expected.length);
    for (const [field, fragment] of row.expected) {
      expect(issues).toContainEqual([field, expect.stringContaining(fragment)]);
    }
  });

  it('names the rule of an unterminated placeholder and how to write a literal one', () => {
    const [issue] = validateWorkload(
      workload({ containers: { web: { image: 'x', variables: { A: '${a' } } } }),
    );
    expect(String(issue)).toBe(
      `spec.containers[web].variables[A]: Invalid value: "\${a": must not contain an unterminated placeholder: ` +
        `'\${' needs a closing '}' (write '$\${' for a literal '\${')`,
    );
  });

  it('requires a spec', () => {
    const issues = validateWorkload({
      apiVersion: 'score.dev/v1b1',
      kind: 'Workload',
      metadata: { name: 'w' },
    });
    expect(issues.map((issue) => `${issue.field}: ${issue.type}`)).toContain('spec: Required value');
  });
});
