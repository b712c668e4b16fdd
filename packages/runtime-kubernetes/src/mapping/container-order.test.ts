import { describe, expect, it } from '@jest/globals';
import type { PlanContainer } from '@score-orchestrator/api';
import { orderContainers } from './container-order.js';

const probe = { httpGet: { path: '/ready', port: 8080 } };
const c = (before?: PlanContainer['before']): PlanContainer => ({
  image: 'x',
  readinessProbe: probe,
  ...(before ? { before } : {}),
});
const roles = (containers: Record<string, PlanContainer>) => {
  const order = orderContainers(containers);
  return {
    init: order.init.map(
      (r) => `${r.name}:${r.role === 'sidecar' ? (r.healthy ? 'healthy' : 'started') : r.role}`,
    ),
    main: order.main.map((r) => r.name),
  };
};

describe('orderContainers: A.before.B runs A before B', () => {
  it.each<[string, Record<string, PlanContainer>, string[], string[]]>([
    ['no before: every container is regular', { a: c(), b: c() }, [], ['a', 'b']],
    [
      'complete: the one with before is an init container, the one it names is regular',
      { migrate: c({ main: { ready: 'complete' } }), main: c() },
      ['migrate:init'],
      ['main'],
    ],
    [
      'started: a native sidecar',
      { log: c({ app: { ready: 'started' } }), app: c() },
      ['log:started'],
      ['app'],
    ],
    [
      'healthy: a sidecar gated on health',
      { db: c({ app: { ready: 'healthy' } }), app: c() },
      ['db:healthy'],
      ['app'],
    ],
    [
      'the strongest condition across its entries wins',
      { s: c({ a: { ready: 'started' }, b: { ready: 'complete' } }), a: c(), b: c() },
      ['s:init'],
      ['a', 'b'],
    ],
    [
      'healthy beats started',
      { s: c({ a: { ready: 'started' }, b: { ready: 'healthy' } }), a: c(), b: c() },
      ['s:healthy'],
      ['a', 'b'],
    ],
    [
      'init containers in dependency order, whatever the spec order',
      { app: c(), seed: c({ app: { ready: 'complete' } }), db: c({ seed: { ready: 'healthy' } }) },
      ['db:healthy', 'seed:init'],
      ['app'],
    ],
    [
      'a chain of three complete',
      {
        c3: c({ app: { ready: 'complete' } }),
        c2: c({ c3: { ready: 'complete' } }),
        c1: c({ c2: { ready: 'complete' } }),
        app: c(),
      },
      ['c1:init', 'c2:init', 'c3:init'],
      ['app'],
    ],
    [
      'unrelated early containers keep spec order',
      { b: c({ app: { ready: 'complete' } }), a: c({ app: { ready: 'started' } }), app: c() },
      ['b:init', 'a:started'],
      ['app'],
    ],
  ])('%s', (_name, containers, init, main) => {
    expect(roles(containers)).toEqual({ init, main });
  });

  it.each<[string, Record<string, PlanContainer>, RegExp]>([
    [
      'a cycle',
      { a: c({ b: { ready: 'started' } }), b: c({ a: { ready: 'started' } }), m: c() },
      /containers\.a\.before\.b: containers cannot run before each other in a cycle: a -> b -> a/,
    ],
    [
      'an unknown container',
      { a: c({ zz: { ready: 'started' } }), m: c() },
      /containers\.a\.before\.zz: must name another container of this workload/,
    ],
    [
      'itself',
      { a: c({ a: { ready: 'started' } }), m: c() },
      /containers\.a\.before\.a: a container cannot run before itself/,
    ],
    [
      'healthy without a probe',
      { a: { image: 'x', before: { m: { ready: 'healthy' } } }, m: c() },
      /containers\.a\.before\.m\.ready: healthy needs a readinessProbe or livenessProbe on a/,
    ],
  ])('refuses %s as InvalidPlan naming the field', (_name, containers, message) => {
    expect(() => orderContainers(containers)).toThrow(message);
    expect(() => orderContainers(containers)).toThrow(
      expect.objectContaining({ kind: 'InvalidPlan' }) as never,
    );
  });
});
