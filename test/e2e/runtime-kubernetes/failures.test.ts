import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  applyUntil,
  createNamespace,
  failPods,
  putPlan,
  startHarness,
  type RuntimeHarness,
} from './runtime-harness.js';

jest.setTimeout(300_000);

describe('KubernetesRuntime on a LocalCluster: failures surface with a reason', () => {
  let h: RuntimeHarness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(() => h?.stop());

  it('reports ImagePullError naming the container and image', async () => {
    const ns = await createNamespace(h, 'pull');
    const plan = await putPlan(h, ns, 'shop', {
      containers: { web: { image: 'registry.example.com/shop/web:missing' } },
    });
    await h.runtime.apply(plan, h.ctx);
    await failPods(h, ns, 'shop', 'web', { reason: 'ErrImagePull', message: 'manifest unknown' });
    const failed = await applyUntil(h, plan, (o) => o.reason === 'ImagePullError');
    expect(failed).toMatchObject({
      phase: 'Failed',
      message: expect.stringContaining(
        'container web cannot pull image registry.example.com/shop/web:missing',
      ),
    });
    expect(failed.message).not.toMatch(/pod|deployment/i);
  });

  it('reports CrashLoop with the exit code', async () => {
    const ns = await createNamespace(h, 'crash');
    const plan = await putPlan(h, ns, 'shop', {
      containers: { web: { image: 'web:1', command: ['false'] } },
    });
    await applyUntil(h, plan, (o) => o.phase === 'Ready');
    await failPods(h, ns, 'shop', 'web', { reason: 'CrashLoopBackOff', exitCode: 1 });
    const failed = await applyUntil(h, plan, (o) => o.reason === 'CrashLoop');
    expect(failed).toMatchObject({
      phase: 'Failed',
      message: expect.stringMatching(
        /container web \(image web:1\) keeps exiting \(restarted 5 times, last exit code 1\)/,
      ),
    });
  });

  it('reports Unschedulable when no node has room, with the scheduler reason', async () => {
    const ns = await createNamespace(h, 'sched');
    const plan = await putPlan(h, ns, 'big', {
      containers: { web: { image: 'web:1', resources: { requests: { cpu: '5000' } } } },
    });
    const failed = await applyUntil(h, plan, (o) => o.reason === 'Unschedulable');
    expect(failed).toMatchObject({ phase: 'Failed', message: expect.stringContaining('Insufficient cpu') });
  });

  it('reports InvalidPlan and writes nothing for a plan that cannot run', async () => {
    const ns = await createNamespace(h, 'invalid');
    const plan = await putPlan(h, ns, 'loop', {
      containers: {
        a: { image: 'a:1', before: { b: { ready: 'started' } } },
        b: { image: 'b:1', before: { a: { ready: 'started' } } },
      },
    });
    const observed = await h.runtime.apply(plan, h.ctx);
    expect(observed).toMatchObject({
      phase: 'Failed',
      reason: 'InvalidPlan',
      message: expect.stringContaining('a -> b -> a'),
    });
  });
});
