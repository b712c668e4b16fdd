import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { findStaleCrds } from '@score-orchestrator/operator-sdk';
import { ResourceClaim, Workload, WorkloadPlan } from './index.js';

const crdDir = fileURLToPath(new URL('../../../../crds', import.meta.url));

describe('crds/', () => {
  it('holds the CRDs of the current resource classes', async () => {
    const stale = await findStaleCrds([Workload, ResourceClaim, WorkloadPlan], crdDir);
    const report = stale.map(({ path, reason }) => `${path} (${reason})`).join(', ');
    expect(
      stale.length === 0 ? 'up to date' : `stale: ${report}; run \`npm run build && npm run crds\``,
    ).toBe('up to date');
  });
});
