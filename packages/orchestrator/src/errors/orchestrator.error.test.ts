import { describe, expect, it } from '@jest/globals';
import { OrchestratorError } from './orchestrator.error.js';

describe('OrchestratorError', () => {
  it('lists every issue in its message and keeps the cause', () => {
    const error = OrchestratorError.fromIssues('Configuration', 'failed to parse platform config', [
      { field: 'defaults.runtimeClass', message: 'required' },
      { field: 'policies[0].rule', message: 'bad' },
    ]);
    expect(error.message).toBe(
      'failed to parse platform config: defaults.runtimeClass: required; policies[0].rule: bad',
    );
    expect(error.issues).toHaveLength(2);
    const cause = new Error('root');
    expect(new OrchestratorError('Source', 'x', { cause }).cause).toBe(cause);
  });

  it.each<[string, unknown, boolean]>([
    ['an orchestrator error', new OrchestratorError('Source', 'x'), true],
    [
      'a look-alike from another copy of the package',
      Object.assign(new Error('x'), { [Symbol.for('@score-orchestrator/orchestrator/error')]: true }),
      true,
    ],
    ['a plain error', new Error('x'), false],
    ['undefined', undefined, false],
  ])('brand-checks %s', (_name, value, expected) => {
    expect(OrchestratorError.is(value)).toBe(expected);
  });

  it('checks the kind when asked', () => {
    expect(OrchestratorError.is(new OrchestratorError('Source', 'x'), 'Configuration')).toBe(false);
    expect(OrchestratorError.is(new OrchestratorError('Source', 'x'), 'Source')).toBe(true);
  });
});
