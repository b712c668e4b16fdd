import type { V1Deployment, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import { describe, expect, it } from '@jest/globals';
import { observeRollout } from './observe-rollout.js';

function deployment(status: V1Deployment['status'], generation = 2, replicas = 2): V1Deployment {
  return {
    kind: 'Deployment',
    metadata: { name: 'shop', generation },
    spec: { replicas, selector: {}, template: {} },
    status,
  };
}

const complete = {
  observedGeneration: 2,
  replicas: 2,
  updatedReplicas: 2,
  readyReplicas: 2,
  availableReplicas: 2,
};

function pod(
  containerStatus: Record<string, unknown> | undefined,
  conditions: Record<string, unknown>[] = [],
): V1Pod {
  return {
    metadata: { name: 'shop-abc' },
    spec: { containers: [{ name: 'web', image: 'registry.example.com/web:9' }] },
    status: {
      conditions: conditions as never,
      containerStatuses: containerStatus
        ? [
            {
              name: 'web',
              image: 'x',
              imageID: '',
              ready: false,
              restartCount: 4,
              ...containerStatus,
            } as never,
          ]
        : [],
    },
  };
}

describe('observeRollout', () => {
  it.each([
    ['a complete rollout', complete, 'Ready', 'Ready', 'all 2 replicas ready'],
    [
      'an unobserved generation',
      { ...complete, observedGeneration: 1 },
      'Progressing',
      'RolloutInProgress',
      'waiting for the update to start',
    ],
    [
      'replicas not yet updated',
      { ...complete, updatedReplicas: 1 },
      'Progressing',
      'RolloutInProgress',
      'waiting for replicas: 1 of 2 updated, 2 ready, 2 available',
    ],
    [
      'old replicas still running',
      { ...complete, replicas: 3 },
      'Progressing',
      'RolloutInProgress',
      expect.any(String),
    ],
    ['no status yet', undefined, 'Progressing', 'RolloutInProgress', 'waiting for the update to start'],
  ])('reads %s', (_name, status, phase, reason, message) => {
    expect(observeRollout(deployment(status as never), [])).toEqual({ phase, reason, message });
  });

  it.each([
    [
      'ErrImagePull',
      { state: { waiting: { reason: 'ErrImagePull', message: 'not found' } } },
      'ImagePullError',
      /container web cannot pull image registry\.example\.com\/web:9.*\(not found\)/,
    ],
    [
      'ImagePullBackOff',
      { state: { waiting: { reason: 'ImagePullBackOff' } } },
      'ImagePullError',
      /cannot pull image/,
    ],
    [
      'CrashLoopBackOff',
      { state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 3 } } },
      'CrashLoop',
      /container web \(image registry\.example\.com\/web:9\) keeps exiting \(restarted 4 times, last exit code 3\)/,
    ],
    [
      'CreateContainerConfigError',
      {
        state: {
          waiting: {
            reason: 'CreateContainerConfigError',
            message: "couldn't find key password in Secret team-a/db",
          },
        },
      },
      'MissingKey',
      /^container web needs key password of Secret db, which has no such key/,
    ],
    [
      'a missing Secret',
      { state: { waiting: { reason: 'CreateContainerConfigError', message: 'secret "db" not found' } } },
      'MissingObject',
      /^container web needs Secret db, which does not exist/,
    ],
  ])('surfaces %s as %s', (_name, containerStatus, reason, message) => {
    const failing = observeRollout(deployment({ ...complete, availableReplicas: 0, readyReplicas: 0 }), [
      pod(containerStatus),
    ]);
    expect(failing).toEqual({ phase: 'Failed', reason, message: expect.stringMatching(message) });
  });

  it('surfaces an unschedulable pod with the scheduler message', () => {
    const unschedulable = pod(undefined, [
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: '0/1 nodes are available: 1 Insufficient cpu.',
      },
    ]);
    expect(observeRollout(deployment({ observedGeneration: 2, replicas: 1 }), [unschedulable])).toEqual({
      phase: 'Failed',
      reason: 'Unschedulable',
      message: expect.stringContaining('Insufficient cpu'),
    });
  });

  it('names the readiness probe a running container waits for while the rollout progresses', () => {
    const running = pod({ state: { running: { startedAt: new Date() } }, restartCount: 0 });
    running.spec!.containers[0]!.readinessProbe = { httpGet: { port: 8080, path: '/healthz' } };
    const status = { ...complete, readyReplicas: 0, availableReplicas: 0 };
    expect(observeRollout(deployment(status), [running])).toEqual({
      phase: 'Progressing',
      reason: 'RolloutInProgress',
      message:
        'waiting for replicas: 2 of 2 updated, 0 ready, 0 available; container web is running but not ready: its readiness probe (httpGet :8080/healthz) has not passed',
    });
    // Without a readiness probe there is nothing to name.
    delete running.spec!.containers[0]!.readinessProbe;
    expect(observeRollout(deployment(status), [running]).message).toBe(
      'waiting for replicas: 2 of 2 updated, 0 ready, 0 available',
    );
  });

  it('is Degraded while some replicas still serve', () => {
    const observed = observeRollout(deployment({ ...complete, updatedReplicas: 1, availableReplicas: 1 }), [
      pod({ state: { waiting: { reason: 'ImagePullBackOff' } } }),
    ]);
    expect(observed).toMatchObject({
      phase: 'Degraded',
      reason: 'ImagePullError',
      message: expect.stringMatching(/1 of 2 replicas still serve$/),
    });
  });

  it('reads ProgressDeadlineExceeded as RolloutStalled', () => {
    const stalled = deployment({
      ...complete,
      updatedReplicas: 1,
      availableReplicas: 0,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' } as never],
    });
    expect(observeRollout(stalled, [])).toMatchObject({ phase: 'Failed', reason: 'RolloutStalled' });
  });

  it('ignores terminating pods', () => {
    const gone = pod({ state: { waiting: { reason: 'CrashLoopBackOff' } } });
    gone.metadata!.deletionTimestamp = new Date();
    expect(observeRollout(deployment({ ...complete, updatedReplicas: 1 }), [gone]).reason).toBe(
      'RolloutInProgress',
    );
  });

  it('needs matching revisions for a StatefulSet', () => {
    const sts = (currentRevision: string): V1StatefulSet => ({
      kind: 'StatefulSet',
      metadata: { generation: 1 },
      spec: { replicas: 1, selector: {}, serviceName: 's', template: {} },
      status: {
        observedGeneration: 1,
        replicas: 1,
        updatedReplicas: 1,
        readyReplicas: 1,
        availableReplicas: 1,
        currentRevision,
        updateRevision: 'r2',
      },
    });
    expect(observeRollout(sts('r1'), []).phase).toBe('Progressing');
    expect(observeRollout(sts('r2'), []).phase).toBe('Ready');
  });
});
