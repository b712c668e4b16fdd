import { describe, expect, it } from '@jest/globals';
import { PluginHostError } from './plugin-host.error.js';

describe('PluginHostError', () => {
  it('keeps its kind and cause, and is recognised by brand, not by class identity', () => {
    const cause = new Error('no binding for Clock');
    const err = new PluginHostError('Instantiation', 'failed to create the resolvers: no binding for Clock', {
      cause,
    });
    expect([err.kind, err.cause, err.name]).toEqual(['Instantiation', cause, 'PluginHostError']);
    expect(PluginHostError.is(err)).toBe(true);
    expect(PluginHostError.is(err, 'Configuration')).toBe(false);
    // A copy of the error from a second copy of the package: same brand symbol, other prototype.
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('@score-orchestrator/plugin-host/error')]: true,
      kind: 'Configuration',
    });
    expect(PluginHostError.is(foreign, 'Configuration')).toBe(true);
    expect(PluginHostError.is(new Error('plain'))).toBe(false);
  });
});
