// The cache keeps Pods, Deployments and StatefulSets shaped (podCacheShape, rolloutCacheShape in the api
// package): every field the runtime's readers read must survive the shaping, with the same value. Each
// reader runs over full, realistic objects (as the API server returns them) through a recorder of the
// fields it reads; then the same reader over the shaped copies must read the same values and answer alike.
import { describe, expect, it } from '@jest/globals';
import type {
  V1Container,
  V1ContainerStatus,
  V1Deployment,
  V1Pod,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { podCacheShape, rolloutCacheShape } from '@score-orchestrator/api';
import { observeJob } from './observe-batch.js';
import { observeRollout } from './observe-rollout.js';
import { findPodProblem, findUnreadyContainer } from './pod-problems.js';
import { lostReads, recordReads, type ReadPath } from './fixtures/read-recorder.js';

const probe = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 };

function container(name: string): V1Container {
  return {
    name,
    image: `registry.example.com/${name}:1`,
    command: ['/bin/app'],
    args: ['--port', '8080'],
    env: [
      { name: 'DB_HOST', value: 'pg-db' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
    ],
    ports: [{ containerPort: 8080, protocol: 'TCP' }],
    resources: { limits: { memory: '128Mi' }, requests: { cpu: '100m', memory: '64Mi' } },
    volumeMounts: [
      { name: 'data', mountPath: '/data' },
      { name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
    ],
    readinessProbe: probe,
    livenessProbe: { tcpSocket: { port: 8080 } },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
}

function status(name: string, state: V1ContainerStatus['state'], extra: Partial<V1ContainerStatus> = {}) {
  return {
    name,
    image: `registry.example.com/${name}:1`,
    imageID: '',
    ready: false,
    started: false,
    restartCount: 3,
    state,
    lastState: {
      terminated: { exitCode: 137, reason: 'Error', startedAt: new Date(0), finishedAt: new Date(0) },
    },
    containerID: 'containerd://0123',
    ...extra,
  } as V1ContainerStatus;
}

/** A pod as the API server returns it, with `statuses` for its containers `web` (and init `setup`). */
function pod(
  name: string,
  containerStatuses: V1ContainerStatus[],
  more: {
    init?: V1ContainerStatus[];
    conditions?: NonNullable<V1Pod['status']>['conditions'];
    deleting?: boolean;
  } = {},
): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace: 'team-a',
      name,
      uid: `uid-${name}`,
      resourceVersion: '42',
      labels: { 'app.kubernetes.io/instance': 'web', 'app.kubernetes.io/managed-by': 'score-orchestrator' },
      ownerReferences: [
        { apiVersion: 'batch/v1', kind: 'Job', name: 'web', uid: 'owner-1', controller: true },
      ],
      ...(more.deleting && { deletionTimestamp: new Date(0) }),
    },
    spec: {
      initContainers: [container('setup')],
      containers: [container('web'), container('sidecar')],
      volumes: [
        { name: 'data', persistentVolumeClaim: { claimName: 'vol-web-data' } },
        { name: 'cfg', configMap: { name: 'web-files' } },
        {
          name: 'kube-api-access-abcde',
          projected: { sources: [{ serviceAccountToken: { path: 'token' } }] },
        },
      ],
      nodeName: 'node-1',
      serviceAccountName: 'default',
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }],
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
    },
    status: {
      phase: 'Pending',
      hostIP: '10.0.0.1',
      podIP: '10.1.0.7',
      podIPs: [{ ip: '10.1.0.7' }],
      qosClass: 'Burstable',
      startTime: new Date(0),
      conditions: more.conditions ?? [{ type: 'PodScheduled', status: 'True' }],
      initContainerStatuses: more.init ?? [status('setup', { terminated: { exitCode: 0 } }, { ready: true })],
      containerStatuses,
    },
  };
}

const waiting = (reason: string, message?: string) => ({ waiting: { reason, ...(message && { message }) } });
const running = { running: { startedAt: new Date(0) } };

/** One pod per thing the readers tell apart. */
const pods: V1Pod[] = [
  pod('pull', [
    status('web', waiting('ImagePullBackOff', 'Back-off pulling image')),
    status('sidecar', running),
  ]),
  pod('crash', [status('web', waiting('CrashLoopBackOff', 'back-off 5m0s')), status('sidecar', running)]),
  pod('missing', [status('web', waiting('CreateContainerConfigError', 'secret "db" not found'))]),
  pod('key', [
    status('web', waiting('CreateContainerConfigError', "couldn't find key password in Secret team-a/db")),
  ]),
  pod('config', [status('web', waiting('RunContainerError', 'exec: "/bin/app": not found'))]),
  pod('init', [status('web', waiting('PodInitializing'))], {
    init: [status('setup', waiting('CrashLoopBackOff'))],
  }),
  pod('unbound', [], {
    conditions: [
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: '0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.',
      },
    ],
  }),
  pod('full', [], {
    conditions: [
      { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'Insufficient cpu' },
    ],
  }),
  pod('unready', [status('web', running), status('sidecar', running, { ready: true })]),
  pod('ready', [status('web', running, { ready: true }), status('sidecar', running, { ready: true })]),
  pod('leaving', [status('web', waiting('ImagePullBackOff'))], { deleting: true }),
];

function deployment(ready: number): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { namespace: 'team-a', name: 'web', generation: 2, uid: 'd-1', resourceVersion: '7' },
    spec: {
      replicas: 2,
      progressDeadlineSeconds: 120,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container('web')] } },
    },
    status: {
      observedGeneration: 2,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: ready,
      availableReplicas: ready,
      conditions: [
        { type: 'Progressing', status: ready === 0 ? 'False' : 'True', reason: 'ProgressDeadlineExceeded' },
      ],
    },
  };
}

function statefulSet(ready: number): V1StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { namespace: 'team-a', name: 'pg', generation: 1, uid: 's-1', resourceVersion: '8' },
    spec: {
      replicas: 1,
      serviceName: 'pg',
      selector: { matchLabels: { app: 'pg' } },
      template: { metadata: { labels: { app: 'pg' } }, spec: { containers: [container('pg')] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }],
    },
    status: {
      observedGeneration: 1,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: ready,
      availableReplicas: ready,
      currentRevision: 'pg-1',
      updateRevision: ready ? 'pg-1' : 'pg-2',
    },
  };
}

const job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { namespace: 'team-a', name: 'web', uid: 'owner-1' },
  spec: { template: {} },
  status: { active: 1 },
};

/** Runs `read` over full objects through the recorder, then over shaped copies; both answers and reads. */
function compare<T>(
  full: readonly V1Pod[],
  workload: V1Deployment | V1StatefulSet | undefined,
  read: (pods: readonly V1Pod[], workload?: V1Deployment | V1StatefulSet) => T,
) {
  const reads: ReadPath[] = [];
  const wReads: ReadPath[] = [];
  const shapedPods = full.map((p) => podCacheShape(structuredClone(p)) as V1Pod);
  const shapedWorkload = workload && (rolloutCacheShape(structuredClone(workload)) as V1Deployment);
  const before = read(
    full.map((p, i) => recordReads(p, reads, [i])),
    workload && recordReads(workload, wReads),
  );
  const after = read(shapedPods, shapedWorkload);
  return {
    before,
    after,
    lost: [...lostReads(full, shapedPods, reads), ...lostReads(workload, shapedWorkload, wReads)],
    reads: reads.length,
  };
}

describe('cached shapes keep what the runtime reads', () => {
  it.each(pods.map((p) => [p.metadata!.name!, p] as const))(
    'pod problems and unready containers: %s',
    (_, p) => {
      for (const reader of [findPodProblem, findUnreadyContainer]) {
        const { before, after, lost, reads } = compare([p], undefined, (ps) => reader(ps));
        expect(reads).toBeGreaterThan(0);
        expect(lost).toEqual([]);
        expect(after).toEqual(before);
      }
    },
  );

  it('rollouts of Deployments and StatefulSets and runs of Jobs, over all the pods', () => {
    const answers = [];
    for (const workload of [deployment(0), deployment(1), deployment(2), statefulSet(0), statefulSet(1)]) {
      for (const subset of [pods, pods.slice(-2), pods.slice(6, 8)]) {
        const { before, after, lost } = compare(subset, workload, (ps, w) => observeRollout(w!, ps));
        expect(lost).toEqual([]);
        expect(after).toEqual(before);
        answers.push(before.reason);
      }
    }
    // The fixtures reach the readers' different answers, not one path over and over.
    expect(new Set(answers)).toEqual(
      new Set(['ImagePullError', 'Ready', 'RolloutInProgress', 'RolloutStalled', 'UnboundVolumeClaim']),
    );
    const run = compare(pods, undefined, (ps) => observeJob(job, ps));
    expect(run.lost).toEqual([]);
    expect(run.after).toEqual(run.before);
  });

  it('drop most of a pod and the templates of a Deployment and a StatefulSet', () => {
    const size = (o: unknown) => JSON.stringify(o).length;
    const full = pods.find((p) => p.metadata?.name === 'ready')!;
    expect(size(podCacheShape(structuredClone(full)))).toBeLessThan(size(full) * 0.6);
    expect(rolloutCacheShape(structuredClone(deployment(2)))).toMatchObject({
      spec: { replicas: 2, progressDeadlineSeconds: 120, selector: { matchLabels: { app: 'web' } } },
    });
    expect((rolloutCacheShape(structuredClone(statefulSet(1))) as V1StatefulSet).spec).toEqual({
      replicas: 1,
      serviceName: 'pg',
      selector: { matchLabels: { app: 'pg' } },
    });
  });
});
