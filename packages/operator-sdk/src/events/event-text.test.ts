import { describe, expect, it } from '@jest/globals';
import { NOTE_MAX_BYTES, truncateNote, truncateUtf8 } from './event-text.js';

describe('truncateNote', () => {
  it('leaves a note within 1 KiB alone', () => {
    const note = 'x'.repeat(NOTE_MAX_BYTES);
    expect(truncateNote(note)).toBe(note);
  });

  it('cuts a longer note to exactly 1 KiB ending in ...', () => {
    const cut = truncateNote('y'.repeat(5000));
    expect(Buffer.byteLength(cut)).toBe(NOTE_MAX_BYTES);
    expect(cut.endsWith('...')).toBe(true);
  });

  it('counts bytes, not characters, and never splits a character', () => {
    const cut = truncateNote('é'.repeat(1000) + '😀'.repeat(10));
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(NOTE_MAX_BYTES);
    expect(cut).not.toContain('\uFFFD');
    expect(Buffer.from(cut, 'utf8').toString('utf8')).toBe(cut);
  });
});

describe('truncateUtf8', () => {
  it.each([
    ['abc', 5, 'abc'],
    ['abcdef', 5, 'ab...'],
    ['€€€', 8, '€...'],
  ])('%s cut to %i bytes is %s', (text, max, expected) => {
    expect(truncateUtf8(text, max)).toBe(expected);
  });
});
