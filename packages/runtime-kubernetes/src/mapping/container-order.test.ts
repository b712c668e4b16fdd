import { describe, expect, it } from '@jest/globals';
import type { PlanContainer } from '@score-orchestrator/api';
import { orderContainers } from './container-order.js';

const c = (before?: PlanContainer['before']): PlanContainer => ({
  image: 'x',
  ...(before ? { before } : {}),
});

describe('orderContainers', () => {
  it.each([
    ['no before', { a: c(), b: c() }, [], ['a', 'b']],
    ['complete', { app: c({ init: { ready: 'complete' } }), init: c() }, [['init', 'init']], ['app']],
    ['started', { app: c({ log: { ready: 'started' } }), log: c() }, [['log', 'sidecar:started']], ['app']],
    ['healthy', { app: c({ db: { ready: 'healthy' } }), db: c() }, [['db', 'sidecar:healthy']], ['app']],
    [
      'strongest condition wins',
      { a: c({ s: { ready: 'started' } }), b: c({ s: { ready: 'complete' } }), s: c() },
      [['s', 'init']],
      ['a', 'b'],
    ],
    [
      'dependencies first',
      { app: c({ seed: { ready: 'complete' } }), seed: c({ db: { ready: 'healthy' } }), db: c() },
      [
        ['db', 'sidecar:healthy'],
        ['seed', 'init'],
      ],
      ['app'],
    ],
  ] as const)('%s', (_name, containers, init, main) => {
    const order = orderContainers(containers as Record<string, PlanContainer>);
    expect(
      order.init.map((r) => [
        r.name,
        r.role === 'sidecar' ? `sidecar:${r.healthy ? 'healthy' : 'started'}` : r.role,
      ]),
    ).toEqual(init);
    expect(order.main.map((r) => r.name)).toEqual(main);
  });

  it.each([
    [
      'a cycle',
      { a: c({ b: { ready: 'started' } }), b: c({ a: { ready: 'started' } }), m: c() },
      /a -> b -> a/,
    ],
    ['an unknown container', { a: c({ zz: { ready: 'started' } }) }, /zz, which is not a container/],
    ['itself', { a: c({ a: { ready: 'started' } }) }, /waits for itself/],
  ] as const)('rejects %s', (_name, containers, message) => {
    expect(() => orderContainers(containers as Record<string, PlanContainer>)).toThrow(message);
  });
});
