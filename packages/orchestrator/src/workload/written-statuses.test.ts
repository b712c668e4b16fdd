import { describe, expect, it } from '@jest/globals';
import type { Workload, WorkloadStatus } from '@score-orchestrator/api';
import { WrittenStatuses } from './written-statuses.js';

const status = (ready: boolean, observedGeneration = 1): WorkloadStatus => ({
  observedGeneration,
  conditions: [
    {
      type: 'Ready',
      status: ready ? 'True' : 'False',
      reason: ready ? 'Ready' : 'NotReady',
      lastTransitionTime: '2024-01-01T00:00:00Z',
      observedGeneration,
    },
  ],
});

const workload = (
  resourceVersion: string,
  ready: boolean,
  over: { uid?: string; generation?: number; observedGeneration?: number } = {},
): Workload =>
  ({
    metadata: {
      name: 'shop',
      uid: over.uid ?? 'uid-shop',
      generation: over.generation ?? 1,
      resourceVersion,
    },
    spec: { containers: {} },
    status: status(ready, over.observedGeneration),
  }) as unknown as Workload;

/** What `latest` makes of a cache showing `cached` after this controller stored `stored`. */
const latestAfter = (stored: Workload, cached: Workload) => {
  const statuses = new WrittenStatuses();
  statuses.remember(stored);
  return statuses.latest(cached);
};

describe('WrittenStatuses', () => {
  it('gives the cached Workload when nothing was written', () => {
    const cached = workload('10', false);
    expect(new WrittenStatuses().latest(cached)).toBe(cached);
  });

  it('gives the written status and resourceVersion while the cache lags, keeping the cached rest', () => {
    const latest = latestAfter(workload('12', true), workload('10', false));
    expect(latest.status).toEqual(status(true));
    expect(latest.metadata).toMatchObject({ name: 'shop', resourceVersion: '12' });
    expect(latest.spec).toEqual({ containers: {} });
  });

  it.each([
    ['has caught up with the write', workload('12', true), workload('12', true)],
    ['shows a later spec', workload('12', true), workload('15', false, { generation: 2 })],
    [
      'shows a status written later for a later generation',
      workload('12', true, { generation: 2 }),
      workload('15', false, { generation: 2, observedGeneration: 2 }),
    ],
    ['shows another Workload of the same name', workload('12', true), workload('3', false, { uid: 'new' })],
  ])('gives the cached Workload when the cache %s', (_case, stored, cached) => {
    expect(latestAfter(stored, cached)).toBe(cached);
  });

  it('drops what it remembered once the cache has caught up', () => {
    const statuses = new WrittenStatuses();
    statuses.remember(workload('12', true));
    statuses.latest(workload('12', true));
    const older = workload('10', false);
    expect(statuses.latest(older)).toBe(older);
  });

  it('forgets a deleted Workload, and the oldest past its bound', () => {
    const statuses = new WrittenStatuses(2);
    statuses.remember(workload('12', true));
    statuses.forget('uid-shop');
    const cached = workload('10', false);
    expect(statuses.latest(cached)).toBe(cached);

    for (const uid of ['a', 'b', 'c']) statuses.remember(workload('12', true, { uid }));
    const [a, c] = ['a', 'c'].map((uid) => workload('10', false, { uid }));
    expect(statuses.latest(a)).toBe(a);
    expect(statuses.latest(c).status).toEqual(status(true));
  });
});
