import { describe, expect, it } from '@jest/globals';
import { ScoreApiError } from './api.error.js';
import { childField, indexField } from './field-path.js';

describe('ScoreApiError', () => {
  it('lists every issue in its message and keeps the cause', () => {
    const cause = new Error('root');
    const error = ScoreApiError.fromIssues('Validation', 'failed to read Score file', [
      { field: 'containers.web.image', message: 'required' },
      { field: 'metadata.name', message: 'required' },
    ]);
    expect(error.message).toBe(
      'failed to read Score file: containers.web.image: required; metadata.name: required',
    );
    expect(new ScoreApiError('Conversion', 'x', { cause }).cause).toBe(cause);
  });

  it.each<[string, unknown, boolean]>([
    ['an api error', new ScoreApiError('Placeholder', 'x'), true],
    [
      'a look-alike from another copy of the package',
      Object.assign(new Error('x'), { [Symbol.for('@score-orchestrator/api/error')]: true }),
      true,
    ],
    ['a plain error', new Error('x'), false],
    ['a string', 'x', false],
    ['null', null, false],
  ])('brand-checks %s', (_name, value, expected) => {
    expect(ScoreApiError.is(value)).toBe(expected);
  });

  it('checks the kind when asked', () => {
    expect(ScoreApiError.is(new ScoreApiError('Placeholder', 'x'), 'Validation')).toBe(false);
  });
});

describe('field paths', () => {
  it.each([
    ['', 'containers', 'containers'],
    ['containers', 'web', 'containers.web'],
    ['containers.web.files', '/etc/app.conf', 'containers.web.files["/etc/app.conf"]'],
    ['metadata.annotations', 'example.com/x', 'metadata.annotations["example.com/x"]'],
  ])('%j + %j is %j', (parent, key, expected) => {
    expect(childField(parent, key)).toBe(expected);
  });

  it('indexes lists', () => {
    expect(indexField('containers.web.files', 2)).toBe('containers.web.files[2]');
  });
});
