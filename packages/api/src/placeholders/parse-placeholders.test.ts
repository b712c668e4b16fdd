import { describe, expect, it } from '@jest/globals';
import { ScoreApiError } from '../errors/api.error.js';
import { findPlaceholders, parsePlaceholders, splitPlaceholderPath } from './parse-placeholders.js';

/** Renders a template compactly: literals as text, placeholders as `<path|joined>`. */
function render(text: string): string {
  return parsePlaceholders(text)
    .parts.map((part) => (part.kind === 'literal' ? part.text : `<${part.path.join('|')}>`))
    .join('');
}

describe('parsePlaceholders', () => {
  // Escape cases mirror score-go framework/substitution_test.go TestSubstituteString.
  it.each([
    ['', ''],
    ['abc', 'abc'],
    ['$abc', '$abc'],
    ['abc $$ abc', 'abc $ abc'],
    ['$${abc}', '${abc}'],
    ['$$${abc}', '$<abc>'],
    ['$$$${abc}', '$${abc}'],
    ['$$$$${abc}', '$$<abc>'],
    ['$${abc .4t3298y *(^&(*}', '${abc .4t3298y *(^&(*}'],
    ['$${a$$b}', '${a$$b}'],
    ['$${unclosed', '${unclosed'],
    ['my name is ${metadata.name}', 'my name is <metadata|name>'],
    ['${}', '<>'],
    ['${a{b}c}', '<a{b>c}'],
    ['trailing $', 'trailing $'],
    ['${metadata.annotations.my\\.key}', '<metadata|annotations|my.key>'],
    ['${a}${b}', '<a><b>'],
  ])('%j renders as %j', (input, expected) => {
    expect(render(input)).toBe(expected);
  });

  it('records the placeholder reference as written and its offset', () => {
    const parts = parsePlaceholders('x=${resources.db.host}').parts;
    expect(parts).toEqual([
      { kind: 'literal', text: 'x=' },
      { kind: 'placeholder', ref: 'resources.db.host', path: ['resources', 'db', 'host'], offset: 2 },
    ]);
  });

  it.each([
    ['${metadata.name', 0, 1, 1],
    ['ok ${a} then ${b', 13, 1, 14],
    ['line one\n  ${resources.db', 11, 2, 3],
  ])('rejects unterminated %j at offset %d (line %d, column %d)', (input, offset, line, column) => {
    let caught: unknown;
    try {
      parsePlaceholders(input);
    } catch (err) {
      caught = err;
    }
    expect(ScoreApiError.is(caught, 'Placeholder')).toBe(true);
    expect((caught as Error).message).toContain(`at offset ${offset} (line ${line}, column ${column})`);
  });
});

describe('splitPlaceholderPath', () => {
  it.each([
    ['metadata.name', ['metadata', 'name']],
    ['metadata.annotations.key\\.com/foo-bar', ['metadata', 'annotations', 'key.com/foo-bar']],
    ['a\\b.c', ['a\\b', 'c']],
    ['a..b', ['a', '', 'b']],
    ['', ['']],
  ])('%j splits into %j', (ref, expected) => {
    expect(splitPlaceholderPath(ref)).toEqual(expected);
  });
});

describe('findPlaceholders', () => {
  it('lists every reference in order, skipping escaped ones', () => {
    const refs = findPlaceholders(
      'postgres://${resources.db.user}:$${not.me}@${resources.db.host}:${resources.db.port}',
    );
    expect(refs.map((ref) => ref.ref)).toEqual([
      'resources.db.user',
      'resources.db.host',
      'resources.db.port',
    ]);
  });
});
