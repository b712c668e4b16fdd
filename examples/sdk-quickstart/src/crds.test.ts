import { describe, expect, it } from '@jest/globals';
import { findStaleCrds } from '@score-orchestrator/operator-sdk';
import { fileURLToPath } from 'node:url';
import { Greeting } from './greeting.resource.js';

// #region stale-check
describe('crds/', () => {
  it('matches the Greeting class (run `npm run crds -w @score-orchestrator/example-sdk-quickstart` after changing it)', async () => {
    const stale = await findStaleCrds([Greeting], fileURLToPath(new URL('../crds', import.meta.url)));
    expect(stale).toEqual([]);
  });
});
// #endregion stale-check
