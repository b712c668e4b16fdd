import { describe, expect, it } from '@jest/globals';
import { FieldReader } from './field-reader.js';

function read(use: (reader: FieldReader) => unknown): { value: unknown; issues: string[] } {
  const reader = new FieldReader();
  const value = use(reader);
  return { value, issues: reader.issues.map((i) => `${i.field}: ${i.message}`) };
}

describe('FieldReader', () => {
  it.each<[string, (r: FieldReader) => unknown, string]>([
    [
      'a number for a string',
      (r) => r.string(8080, 'a.port'),
      'a.port: must be a string, not the number 8080 (quote it in YAML)',
    ],
    ['a list for a string', (r) => r.string(['x'], 'a.b'), 'a.b: must be a string, not a list'],
    ['an absent required string', (r) => r.string(undefined, 'a.b', { required: true }), 'a.b: required'],
    [
      'an empty required string',
      (r) => r.string('', 'a.b', { required: true, minLength: 1 }),
      'a.b: must not be empty',
    ],
    [
      'a blank optional string',
      (r) => r.string(' ', 'a.b', { notBlank: true }),
      'a.b: must not be empty; remove the field or set a value',
    ],
    [
      'a value outside oneOf',
      (r) => r.string('http', 'a.scheme', { oneOf: ['HTTP', 'HTTPS'] }),
      'a.scheme: must be one of HTTP, HTTPS; got "http"',
    ],
    [
      'a pattern mismatch',
      (r) => r.string('Web', 'name', { pattern: /^[a-z]+$/, expected: 'lower-case letters' }),
      'name: must be lower-case letters; got "Web"',
    ],
    [
      'a long string',
      (r) => r.string('abcd', 'name', { maxLength: 3 }),
      'name: must be at most 3 characters, not 4',
    ],
    ['a bad key', (r) => r.key('A', 'm.A', { minLength: 2 }), 'm.A: name must be at least 2 characters'],
    ['a list for a mapping', (r) => r.mapping([], ''), '(root): must be a mapping (key: value), not a list'],
    [
      'null for a required mapping',
      (r) => r.mapping(null, 'items[0]', { required: true }),
      'items[0]: must be a mapping (key: value), not null',
    ],
    [
      'a string for an integer',
      (r) => r.integer('80', 'port', 1, 65535),
      'port: must be an integer, not the string "80"',
    ],
    [
      'a string for a boolean',
      (r) => r.boolean('yes', 'readOnly'),
      'readOnly: must be true or false, not the string "yes"',
    ],
    [
      'a mapping for a list',
      (r) => r.listAt({ profiles: {} }, 'profiles', ''),
      'profiles: must be a list (items starting with "- "), not a mapping',
    ],
  ])('reports %s naming the field', (_name, use, issue) => {
    const { value, issues } = read(use);
    expect(issues).toEqual([issue]);
    expect(value === undefined || (Array.isArray(value) && value.length === 0) || value === false).toBe(true);
  });

  it('suggests the known field an unknown one resembles, and lists the known fields', () => {
    const { value, issues } = read((r) =>
      r.mapping({ imag: 'x', zzz: 1 }, 'containers.web', { known: ['image', 'args'] }),
    );
    expect(value).toEqual({ imag: 'x', zzz: 1 });
    expect(issues).toEqual([
      'containers.web.imag: unknown field; did you mean image? (known fields: image, args)',
      'containers.web.zzz: unknown field (known fields: image, args)',
    ]);
  });

  it('names values read by key under their parent, quoting keys that are not plain', () => {
    const { value, issues } = read((r) => [
      r.stringAt({ name: 'web' }, 'name', 'profiles[0]'),
      r.stringMapAt({ labels: { 'example.com/tier': 1 } }, 'labels', 'selector'),
      r.oneOfAt({ op: 'In' }, 'op', 'expr', ['In', 'NotIn'] as const),
    ]);
    expect(value).toEqual(['web', {}, 'In']);
    expect(issues).toEqual([
      'selector.labels["example.com/tier"]: must be a string, not the number 1 (quote it in YAML)',
    ]);
  });

  it('reports each repeat after the first, naming where the first is', () => {
    const { issues } = read((r) =>
      r.unique(
        [
          ['a', 'p[0]'],
          ['b', 'p[1]'],
          ['a', 'p[2]'],
        ],
        (name) => name,
        'profile name',
      ),
    );
    expect(issues).toEqual(['p[2]: duplicate profile name "a" (first at p[0]); remove or rename one']);
  });
});
