import { describe, expect, it } from '@jest/globals';
import { createJsonPatch, escapePointerToken, type JsonPatchOperation } from './json-patch.js';

/** An RFC 6902 applier for the three operations a diff emits: the oracle the table checks against. */
function applyPatch(document: unknown, patch: readonly JsonPatchOperation[]): unknown {
  let root = structuredClone(document);
  for (const op of patch) {
    if (op.path === '') {
      root = op.op === 'remove' ? null : structuredClone(op.value);
      continue;
    }
    const tokens = op.path
      .slice(1)
      .split('/')
      .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
    const last = tokens.pop()!;
    let parent = root as Record<string, unknown> | unknown[];
    for (const token of tokens) parent = (parent as Record<string, unknown>)[token] as typeof parent;
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (op.op === 'add') parent.splice(index, 0, structuredClone(op.value));
      else if (op.op === 'remove') parent.splice(index, 1);
      else parent[index] = structuredClone(op.value);
    } else if (op.op === 'remove') {
      if (!Object.hasOwn(parent, last)) throw new Error(`remove of a missing member ${op.path}`);
      delete parent[last];
    } else {
      if (op.op === 'replace' && !Object.hasOwn(parent, last))
        throw new Error(`replace of a missing member ${op.path}`);
      Object.defineProperty(parent, last, {
        value: structuredClone(op.value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return root;
}

describe('escapePointerToken', () => {
  it.each([
    ['plain', 'plain'],
    ['example.dev/owner', 'example.dev~1owner'],
    ['a~b', 'a~0b'],
    // `~` first: `~1` in a key must not turn into `/`.
    ['~1', '~01'],
    ['a/~/b', 'a~1~0~1b'],
    ['', ''],
  ])('%j -> %j', (token, escaped) => {
    expect(escapePointerToken(token)).toBe(escaped);
  });
});

describe('createJsonPatch', () => {
  const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } };
  it.each<[string, unknown, unknown, JsonPatchOperation[]]>([
    ['equal documents', obj, structuredClone(obj), []],
    [
      'an added field',
      { spec: {} },
      { spec: { replicas: 1 } },
      [{ op: 'add', path: '/spec/replicas', value: 1 }],
    ],
    [
      'an added object',
      {},
      { spec: { a: { b: 1 } } },
      [{ op: 'add', path: '/spec', value: { a: { b: 1 } } }],
    ],
    ['a removed field', { a: 1, b: 2 }, { a: 1 }, [{ op: 'remove', path: '/b' }]],
    ['a replaced scalar', { a: 1 }, { a: '1' }, [{ op: 'replace', path: '/a', value: '1' }]],
    ['null to a value', { a: null }, { a: 0 }, [{ op: 'replace', path: '/a', value: 0 }]],
    ['an object to an array', { a: {} }, { a: [] }, [{ op: 'replace', path: '/a', value: [] }]],
    [
      'an annotation key with a slash',
      { metadata: { annotations: {} } },
      { metadata: { annotations: { 'example.dev/owner': 'me' } } },
      [{ op: 'add', path: '/metadata/annotations/example.dev~1owner', value: 'me' }],
    ],
    [
      'a label key with a tilde and a slash',
      { metadata: { labels: { 'a~b/c': 'x' } } },
      { metadata: { labels: { 'a~b/c': 'y' } } },
      [{ op: 'replace', path: '/metadata/labels/a~0b~1c', value: 'y' }],
    ],
    ['an empty key', { '': 1 }, { '': 2 }, [{ op: 'replace', path: '/', value: 2 }]],
    [
      'an appended element',
      { l: [1] },
      { l: [1, 2, 3] },
      [
        { op: 'add', path: '/l/1', value: 2 },
        { op: 'add', path: '/l/2', value: 3 },
      ],
    ],
    [
      'removed elements, from the end',
      { l: [1, 2, 3] },
      { l: [1] },
      [
        { op: 'remove', path: '/l/2' },
        { op: 'remove', path: '/l/1' },
      ],
    ],
    [
      'a changed element inside an array',
      { c: [{ name: 'a', image: 'x' }] },
      { c: [{ name: 'a', image: 'y' }] },
      [{ op: 'replace', path: '/c/0/image', value: 'y' }],
    ],
    ['undefined properties count as absent', { a: 1 }, { a: 1, b: undefined }, []],
    [
      'a member named like an Object.prototype method',
      {},
      { toString: 'x', constructor: 1 },
      [
        { op: 'add', path: '/toString', value: 'x' },
        { op: 'add', path: '/constructor', value: 1 },
      ],
    ],
    ['a different root', [1], { a: 1 }, [{ op: 'replace', path: '', value: { a: 1 } }]],
  ])('%s', (_name, from, to, expected) => {
    const patch = createJsonPatch(from, to);
    expect(patch).toEqual(expected);
    expect(applyPatch(JSON.parse(JSON.stringify(from)), patch)).toEqual(JSON.parse(JSON.stringify(to)));
  });

  it('turns a realistic defaulting into a patch the applier reproduces exactly', () => {
    const from = {
      apiVersion: 'example.dev/v1',
      kind: 'Greeting',
      metadata: { name: 'g', annotations: { 'a/b': '1', 'c~d': '2' }, finalizers: ['x', 'y'] },
      spec: { items: [{ n: 1 }, { n: 2 }, { n: 3 }], nested: { deep: { keep: true, drop: 1 } } },
    };
    const to = {
      ...from,
      metadata: { ...from.metadata, annotations: { 'c~d': '3', 'e/f~g': '4' }, finalizers: ['y'] },
      spec: { items: [{ n: 0 }, { n: 2 }], nested: { deep: { keep: false, added: [1] } }, message: 'hi' },
    };
    expect(applyPatch(from, createJsonPatch(from, to))).toEqual(to);
  });
});
