import { describe, expect, it } from '@jest/globals';
import { OfflineValidator } from '@score-orchestrator/operator-sdk';
import { parsePlaceholders } from '../placeholders/parse-placeholders.js';
import { placeholderRule } from './workload-cel-rules.js';

// The placeholder rule must accept exactly what the placeholder parser accepts.
const validator = OfflineValidator.fromSchema({
  type: 'object',
  properties: { text: { type: 'string', 'x-kubernetes-validations': [placeholderRule] } },
});
const ruleAccepts = (text: string) => validator.validate({ text }).length === 0;
const parserAccepts = (text: string) => {
  try {
    parsePlaceholders(text);
    return true;
  } catch {
    return false;
  }
};

describe('placeholderRule', () => {
  it.each([
    ['', true],
    ['${a}', true],
    ['$${a', true],
    ['$$${a', false],
    ['$$$${a', true],
    ['${a} ${b', false],
    ['${a', false],
    ['${a ${b}', true],
    ['} ${', false],
    ['${ } $', true],
    ['😀${a', false],
    ['😀}😀', true],
  ])('%j is accepted: %p', (text, accepted) => {
    expect(ruleAccepts(text)).toBe(accepted);
    expect(parserAccepts(text)).toBe(accepted);
  });

  it('agrees with parsePlaceholders on every string of up to 6 of "$", "{", "}", "a"', () => {
    const alphabet = ['$', '{', '}', 'a'];
    const disagreements: string[] = [];
    let texts = [''];
    for (let length = 1; length <= 6; length++) {
      texts = texts.flatMap((text) => alphabet.map((c) => text + c));
      for (const text of texts) if (ruleAccepts(text) !== parserAccepts(text)) disagreements.push(text);
    }
    expect(disagreements).toEqual([]);
  });
});
