import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { toCacheObject } from '../cache/internal/cache-object.js';
import { alreadyApplied } from './already-applied.js';

const desired = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { namespace: 'ns', name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 1,
    paused: false,
    template: {
      spec: {
        containers: [
          {
            name: 'main',
            image: 'nginx:1',
            args: ['-g', 'daemon off;'],
            ports: [{ containerPort: 80 }],
            volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: false }],
          },
        ],
      },
    },
  },
};

/** What the API server stores after `runtime` applied `desired`: defaults filled in, zero values left out. */
function stored(overrides: { spec?: object; manager?: string; fields?: object } = {}): KubernetesObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      namespace: 'ns',
      name: 'web',
      uid: 'u1',
      resourceVersion: '5',
      generation: 1,
      labels: { app: 'web' },
      annotations: { 'deployment.kubernetes.io/revision': '1' },
      managedFields: [
        {
          manager: overrides.manager ?? 'runtime',
          operation: 'Apply',
          apiVersion: 'apps/v1',
          fieldsType: 'FieldsV1',
          fieldsV1: overrides.fields ?? appliedFields,
        },
        {
          manager: 'kube-controller-manager',
          operation: 'Update',
          apiVersion: 'apps/v1',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:metadata': { 'f:annotations': { 'f:deployment.kubernetes.io/revision': {} } } },
        },
        {
          manager: 'kube-controller-manager',
          operation: 'Update',
          apiVersion: 'apps/v1',
          subresource: 'status',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:status': { 'f:replicas': {} } },
        },
      ],
    },
    spec: {
      replicas: 1,
      strategy: { type: 'RollingUpdate' },
      template: {
        spec: {
          containers: [
            {
              name: 'main',
              image: 'nginx:1',
              args: ['-g', 'daemon off;'],
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              volumeMounts: [{ name: 'data', mountPath: '/data' }],
              terminationMessagePath: '/dev/termination-log',
            },
          ],
          restartPolicy: 'Always',
        },
      },
      ...overrides.spec,
    },
    status: { replicas: 1 },
  } as KubernetesObject;
}

const appliedFields = {
  'f:metadata': { 'f:labels': { 'f:app': {} } },
  'f:spec': {
    'f:replicas': {},
    'f:paused': {},
    'f:template': {
      'f:spec': {
        'f:containers': {
          'k:{"name":"main"}': {
            '.': {},
            'f:name': {},
            'f:image': {},
            'f:args': {},
            'f:ports': {
              'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
            },
            'f:volumeMounts': {
              'k:{"mountPath":"/data"}': { '.': {}, 'f:name': {}, 'f:mountPath': {}, 'f:readOnly': {} },
            },
          },
        },
      },
    },
  },
};

function withSpec(change: (spec: typeof desired.spec) => void): typeof desired {
  const copy = structuredClone(desired);
  change(copy.spec);
  return copy;
}

describe('alreadyApplied', () => {
  it.each<[string, KubernetesObject, KubernetesObject | undefined, boolean]>([
    ['the same intent, defaults and zero values filled in by the server', desired, stored(), true],
    ['the same intent read from the cache (managedFields dropped)', desired, toCacheObject(stored()), true],
    ['a new image', withSpec((s) => (s.template.spec.containers[0]!.image = 'nginx:2')), stored(), false],
    [
      'a field we no longer set (still owned)',
      withSpec((s) => delete (s as { paused?: boolean }).paused),
      stored(),
      false,
    ],
    [
      'a new container port',
      withSpec((s) => s.template.spec.containers[0]!.ports.push({ containerPort: 81 })),
      stored(),
      false,
    ],
    [
      'a field edited by hand (taken over by another manager)',
      desired,
      stored({ spec: { replicas: 3 }, fields: withoutReplicas() }),
      false,
    ],
    ['an object another manager applied', desired, stored({ manager: 'kubectl' }), false],
    ['no object', desired, undefined, false],
    [
      'an object without managedFields that the cache did not store',
      desired,
      { ...stored(), metadata: { ...stored().metadata, managedFields: undefined } },
      false,
    ],
    ['an object being deleted', desired, deleting(stored()), false],
    ['another apiVersion', { ...desired, apiVersion: 'apps/v2' }, stored(), false],
  ])('%s', (_, want, current, expected) => {
    expect(alreadyApplied(want, current, 'runtime')).toBe(expected);
  });

  it.each<[string, string[], boolean]>([
    ['set items by value (v:), others’ items ignored', ['theirs', 'ours'], true],
    ['a set item of ours that is gone', ['theirs'], false],
  ])('reads %s', (_, live, expected) => {
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { namespace: 'ns', name: 'c', finalizers: ['ours'] },
    };
    const current = {
      ...cm,
      metadata: {
        ...cm.metadata,
        finalizers: live,
        managedFields: [
          {
            manager: 'runtime',
            operation: 'Apply',
            apiVersion: 'v1',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:metadata': { 'f:finalizers': { '.': {}, 'v:"ours"': {} } } },
          },
        ],
      },
    };
    expect(alreadyApplied(cm, current, 'runtime')).toBe(expected);
  });

  it('matches owned list items by key whatever the order of other managers’ items', () => {
    const current = stored({
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'injected', image: 'sidecar' },
              ...((stored() as typeof desired).spec.template.spec.containers as object[]),
            ],
          },
        },
      },
    });
    expect(alreadyApplied(desired, current, 'runtime')).toBe(true);
  });
});

function withoutReplicas(): object {
  const fields = structuredClone(appliedFields) as { 'f:spec': Record<string, unknown> };
  delete fields['f:spec']['f:replicas'];
  return fields;
}

function deleting(obj: KubernetesObject): KubernetesObject {
  return { ...obj, metadata: { ...obj.metadata, deletionTimestamp: new Date() } };
}
