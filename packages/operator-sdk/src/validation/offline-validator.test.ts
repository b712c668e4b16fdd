import { describe, expect, it } from '@jest/globals';
import { Widget } from '../crd/fixtures/widget.resource.js';
import type { JsonSchemaProps } from '../crd/schema/json-schema-props.js';
import { OfflineValidator } from './offline-validator.js';

// Expected strings are what kube-apiserver 1.37 answered for the same objects (see offline-validator.int.test.ts).
const validator = OfflineValidator.fromClass(Widget);
const valid = { mode: 'Active', replicas: 2, containers: [{ image: 'nginx' }] };
const widget = (spec: Record<string, unknown>, name = 'w') => ({
  apiVersion: 'fixtures.score.dev/v1alpha1',
  kind: 'Widget',
  metadata: { name },
  spec,
});
const SKIPPED =
  '<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

describe('OfflineValidator (Widget fixture)', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['valid', valid, []],
    [
      'required',
      { containers: [{}] },
      [
        'spec.mode: Required value',
        'spec.replicas: Required value',
        'spec.containers[0].image: Required value',
        SKIPPED,
      ],
    ],
    [
      'type',
      { ...valid, replicas: 'two' },
      [
        'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
        SKIPPED,
      ],
    ],
    [
      'enum',
      { ...valid, mode: 'Off' },
      ['spec.mode: Unsupported value: "Off": supported values: "Active", "Paused"', SKIPPED],
    ],
    [
      'maximum',
      { ...valid, maxReplicas: 11 },
      ['spec.maxReplicas: Invalid value: 11: spec.maxReplicas in body should be less than or equal to 10'],
    ],
    [
      'minimum',
      { ...valid, replicas: -1 },
      ['spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0'],
    ],
    [
      'minLength',
      { ...valid, containers: [{ image: '' }] },
      [
        'spec.containers[0].image: Invalid value: "": spec.containers[0].image in body should be at least 1 chars long',
      ],
    ],
    [
      'maxItems',
      { ...valid, containers: [{ image: 'a' }, { image: 'b' }, { image: 'c' }] },
      ['spec.containers: Too many: 3: must have at most 2 items', SKIPPED],
    ],
    [
      'maxLength wins over pattern',
      { ...valid, containers: [{ image: 'a', ports: [{ name: 'NOT_A_VALID_PORT_NAME', port: 1 }] }] },
      ['spec.containers[0].ports[0].name: Too long: may not be more than 15 bytes', SKIPPED],
    ],
    [
      'pattern',
      { ...valid, containers: [{ image: 'a', ports: [{ name: 'Web', port: 1 }] }] },
      [
        `spec.containers[0].ports[0].name: Invalid value: "Web": spec.containers[0].ports[0].name in body should match '^[a-z][a-z0-9-]*$'`,
      ],
    ],
    [
      'format',
      { ...valid, owner: 'nobody' },
      ['spec.owner: Invalid value: "nobody": spec.owner in body must be of type email: "nobody"', SKIPPED],
    ],
    [
      'CEL fieldPath',
      { ...valid, replicas: 8, maxReplicas: 5 },
      [
        'spec.replicas: Invalid value: "object": replicas must not exceed maxReplicas'.replace(
          '"object": ',
          '',
        ),
      ],
    ],
    [
      'CEL reason and messageExpression',
      { ...valid, mode: 'Paused' },
      ['spec: Forbidden: replicas must be 0 while the widget is paused'],
    ],
    [
      'CEL on a map',
      { ...valid, containers: [{ image: 'a', variables: { x: '1' } }] },
      ['spec.containers[0].variables: Invalid value: variable names must be upper-case identifiers'],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(validator.validate(widget(spec)).map(String).sort()).toEqual([...expected].sort());
  });

  it('runs the root rule on metadata.name', () => {
    expect(validator.validate(widget(valid, 'x'.repeat(41))).map(String)).toEqual([
      '<nil>: Invalid value: widget names are at most 40 characters',
    ]);
  });

  it('runs transition rules only with an old object', () => {
    const next = widget({ ...valid, storageClass: 'slow' });
    expect(validator.validate(next)).toEqual([]);
    expect(validator.validate(next, widget({ ...valid, storageClass: 'fast' })).map(String)).toEqual([
      'spec.storageClass: Invalid value: "slow": storageClass is immutable',
    ]);
  });

  it('prunes unknown fields and applies defaults instead of failing', () => {
    const report = validator.check({
      ...widget({
        ...valid,
        colour: 'red',
        containers: [{ image: 'a', ports: [{ name: 'web', port: 80 }] }],
      }),
      junk: 1,
    });
    expect(report.issues).toEqual([]);
    expect(report.prunedFields).toEqual(['spec.colour', 'junk']);
    expect(
      (report.object as { spec: { containers: { ports: { protocol: string }[] }[] } }).spec.containers[0]!
        .ports[0]!.protocol,
    ).toBe('TCP');
  });
});

describe('OfflineValidator (bare schemas)', () => {
  const schema = (node: JsonSchemaProps): OfflineValidator =>
    OfflineValidator.fromSchema({ type: 'object', properties: { v: node } });

  it.each<[string, JsonSchemaProps, unknown, string[]]>([
    [
      'minItems',
      { type: 'array', items: { type: 'string' }, minItems: 2 },
      ['a'],
      ['v: Invalid value: 1: v in body should have at least 2 items'],
    ],
    [
      'minProperties',
      { type: 'object', additionalProperties: { type: 'string' }, minProperties: 1 },
      {},
      ['v: Invalid value: 0: v in body should have at least 1 properties'],
    ],
    [
      'exclusiveMaximum',
      { type: 'number', maximum: 1, exclusiveMaximum: true },
      1,
      ['v: Invalid value: 1: v in body should be less than 1'],
    ],
    [
      'multipleOf',
      { type: 'integer', multipleOf: 5 },
      7,
      ['v: Invalid value: 7: v in body should be a multiple of 5'],
    ],
    [
      'map entries use dots',
      { type: 'object', additionalProperties: { type: 'integer' } },
      { a: 'x' },
      ['v.a: Invalid value: "string": v.a in body must be of type integer: "string"', SKIPPED],
    ],
    ['nullable', { type: 'string', nullable: true }, null, []],
    [
      'CEL list library',
      {
        type: 'array',
        items: { type: 'integer' },
        'x-kubernetes-validations': [{ rule: 'self.isSorted() && self.sum() < 10 && self.max() == 5' }],
      },
      [1, 2, 5],
      [],
    ],
    [
      'CEL default message',
      { type: 'string', 'x-kubernetes-validations': [{ rule: 'self.lowerAscii() == self' }] },
      'Ab',
      ['v: Invalid value: "Ab": failed rule: self.lowerAscii() == self'],
    ],
    [
      'CEL Duplicate reason',
      { type: 'string', 'x-kubernetes-validations': [{ rule: 'false', reason: 'FieldValueDuplicate' }] },
      'a',
      ['v: Duplicate value: "a"'],
    ],
  ])('%s', (_name, node, value, expected) => {
    expect(schema(node).validate({ v: value }).map(String)).toEqual(expected);
  });

  it('rejects a rule that does not parse', () => {
    expect(() => schema({ type: 'string', 'x-kubernetes-validations': [{ rule: 'self ==' }] })).toThrow(
      /failed to compile CEL rule at v/,
    );
  });
});
