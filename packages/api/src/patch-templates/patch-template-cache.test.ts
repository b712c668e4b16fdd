import { describe, expect, it } from '@jest/globals';
import { ScoreApiError } from '../errors/api.error.js';
import { compilePatchTemplate, type PatchTemplateInput } from './patch-template.js';
import { PatchTemplateCache } from './patch-template-cache.js';

const replicas = (n: number) => `- op: set\n  path: 0.spec.replicas\n  value: ${n}\n`;
const input: PatchTemplateInput = { Manifests: [{ kind: 'Deployment' }], Workloads: {}, Namespace: 'ns' };

/** A cache that records every compilation it asks for. */
const counting = (size?: number) => {
  const compiled: string[] = [];
  const cache = new PatchTemplateCache({
    size,
    compile: (name, source) => {
      compiled.push(name);
      return compilePatchTemplate(name, source);
    },
  });
  return { cache, compiled };
};

describe('PatchTemplateCache', () => {
  it('compiles a name and text once, however often it is asked for', () => {
    const { cache, compiled } = counting();
    const first = cache.compile('replicas', replicas(3));
    for (let i = 0; i < 5; i++) expect(cache.compile('replicas', replicas(3))).toBe(first);
    expect(compiled).toEqual(['replicas']);
    expect(first.operations(input)).toEqual([{ op: 'set', path: '0.spec.replicas', value: 3 }]);
  });

  it('compiles new text under the same name afresh, as a reloaded configuration brings', () => {
    const { cache, compiled } = counting();
    cache.compile('replicas', replicas(3));
    const reloaded = cache.compile('replicas', replicas(5));
    expect(reloaded.operations(input)).toEqual([{ op: 'set', path: '0.spec.replicas', value: 5 }]);
    // The same text under another name is another template: errors and applied operations name it.
    expect(cache.compile('scale', replicas(5)).name).toBe('scale');
    expect(compiled).toEqual(['replicas', 'replicas', 'scale']);
  });

  it('keeps at most its size, the least recently used out first', () => {
    const { cache, compiled } = counting(2);
    cache.compile('a', replicas(1));
    cache.compile('b', replicas(2));
    cache.compile('a', replicas(1)); // a is now the most recently used
    cache.compile('c', replicas(3)); // pushes b out
    expect(cache.size).toBe(2);
    cache.compile('a', replicas(1));
    cache.compile('b', replicas(2));
    expect(compiled).toEqual(['a', 'b', 'c', 'b']);
  });

  it('keeps no failure: a bad template throws each time it is asked for', () => {
    const { cache, compiled } = counting();
    for (let i = 0; i < 2; i++) {
      expect(() => cache.compile('bad', '{{ lookup "x" }}')).toThrow(ScoreApiError);
    }
    expect(compiled).toEqual(['bad', 'bad']);
    expect(cache.size).toBe(0);
  });
});
