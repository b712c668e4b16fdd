import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from '@jest/globals';
import { findPodProblem } from './pod-problems.js';

/** A pod the scheduler could not place, with its message, mounting the claims named. */
function unplaced(message: string, claims: readonly string[] = ['vol-web-data']): V1Pod {
  return {
    metadata: { name: 'web-abc' },
    spec: {
      containers: [{ name: 'web', image: 'nginx' }],
      volumes: claims.map((claimName, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName } })),
    },
    status: {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }],
    },
  };
}

/** A scheduled pod whose container `web` waits with `reason` and `message`. */
function waiting(reason: string, message: string): V1Pod {
  return {
    metadata: { name: 'web-abc' },
    spec: { containers: [{ name: 'web', image: 'nginx' }] },
    status: {
      phase: 'Pending',
      containerStatuses: [
        {
          name: 'web',
          image: 'nginx',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { waiting: { reason, message } },
        },
      ],
    },
  };
}

describe('findPodProblem', () => {
  it.each([
    [
      'a claim that does not exist',
      unplaced(
        '0/1 nodes are available: persistentvolumeclaim "vol-web-data" not found. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
      ),
      'MissingObject',
      /^the workload needs PersistentVolumeClaim vol-web-data, which does not exist: check the volume's source/,
    ],
    [
      'a claim being deleted',
      unplaced('0/1 nodes are available: persistentvolumeclaim "vol-web-data" is being deleted.'),
      'MissingObject',
      /^the workload needs PersistentVolumeClaim vol-web-data, which is being deleted/,
    ],
    [
      'an unbound claim (immediate binding)',
      unplaced('0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: ...', [
        'a',
        'b',
      ]),
      'UnboundVolumeClaim',
      /^the workload waits for PersistentVolumeClaim a, b to be bound to a volume: ask the platform team/,
    ],
    [
      'no volume to bind (late binding)',
      unplaced("0/2 nodes are available: 2 node(s) didn't find available persistent volumes to bind."),
      'UnboundVolumeClaim',
      /PersistentVolumeClaim vol-web-data to be bound/,
    ],
    [
      'no room',
      unplaced('0/1 nodes are available: 1 Insufficient cpu.', []),
      'Unschedulable',
      /^no node has room for the workload: 0\/1 nodes are available: 1 Insufficient cpu\.; lower its resource requests/,
    ],
    [
      'a missing Secret',
      waiting('CreateContainerConfigError', 'secret "db-outputs" not found'),
      'MissingObject',
      /^container web needs Secret db-outputs, which does not exist: check the resources and files that provide it/,
    ],
    [
      'a missing ConfigMap',
      waiting('CreateContainerConfigError', 'configmaps "web-files" not found'),
      'MissingObject',
      /^container web needs ConfigMap web-files, which does not exist/,
    ],
    [
      'a missing ConfigMap key',
      waiting('CreateContainerConfigError', "couldn't find key host in ConfigMap team-a/cfg"),
      'MissingKey',
      /^container web needs key host of ConfigMap cfg, which has no such key: check the resource outputs/,
    ],
    [
      'a missing Secret key (the kubelet names the key, never a value)',
      waiting('CreateContainerConfigError', "couldn't find key password in Secret team-a/shop-db-outputs"),
      'MissingKey',
      /^container web needs key password of Secret shop-db-outputs, which has no such key/,
    ],
    [
      'another configuration error',
      waiting('CreateContainerConfigError', 'container has runAsNonRoot and image will run as root'),
      'ContainerConfigError',
      /^container web cannot start \(container has runAsNonRoot and image will run as root\)$/,
    ],
  ])('names %s', (_case, pod, reason, message) => {
    expect(findPodProblem([pod])).toEqual({ reason, message: expect.stringMatching(message), count: 1 });
  });

  it('says a container stopped and restarted by its liveness probe may be failing the probe', () => {
    const pod: V1Pod = {
      metadata: { name: 'web-abc' },
      spec: {
        containers: [
          { name: 'web', image: 'nginx', livenessProbe: { exec: { command: ['cat', '/tmp/alive'] } } },
        ],
      },
      status: {
        containerStatuses: [
          {
            name: 'web',
            image: 'nginx',
            imageID: '',
            ready: false,
            restartCount: 2,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 137 } },
          },
        ],
      },
    };
    expect(findPodProblem([pod])?.message).toBe(
      'container web (image nginx) keeps exiting (restarted 2 times, last exit code 137); it ended as a stopped container does, and its liveness probe (exec cat /tmp/alive) stops it when failing: check that probe, its logs, command and configuration',
    );
    // nginx quits gracefully on its stop signal (SIGQUIT), as a real node showed: exit code 0. Unhandled
    // SIGTERM, SIGQUIT and SIGINT give 143, 131 and 130.
    for (const exitCode of [0, 143, 131, 130]) {
      pod.status!.containerStatuses![0]!.lastState = { terminated: { exitCode } };
      expect(findPodProblem([pod])?.message).toContain(
        `last exit code ${exitCode}); it ended as a stopped container does, and its liveness probe (exec cat /tmp/alive) stops it when failing: check that probe,`,
      );
    }
    // An exit of its own (code 1) is not blamed on the probe.
    pod.status!.containerStatuses![0]!.lastState = { terminated: { exitCode: 1 } };
    expect(findPodProblem([pod])?.message).not.toContain('liveness');
  });

  it('never advises lowering requests for a pod that waits on a volume', () => {
    const problem = findPodProblem([unplaced('persistentvolumeclaim "vol-web-data" not found')]);
    expect(problem?.message).not.toContain('resource requests');
  });
});
