// The differential test: one table of objects, run through the offline validator and a real kube-apiserver
// (create or update with dryRun=All on the Widget fixture CRD); both must give the same verdict, the same
// field paths and reasons, and the same messages.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiException, CustomObjectsApi } from '@kubernetes/client-node';
import { ControlPlane } from '@score-orchestrator/testing';
import { generateCrd } from '../crd/crd-generator.js';
import { Widget } from '../crd/fixtures/widget.resource.js';
import { OfflineValidator } from './offline-validator.js';

const group = 'fixtures.score.dev';
const version = 'v1alpha1';
const plural = 'widgets';
const namespace = 'default';

type Spec = Record<string, unknown>;
const container = { image: 'nginx:1.27' };
const valid: Spec = { mode: 'Active', replicas: 2, containers: [container] };

interface Row {
  readonly name: string;
  readonly spec?: Spec;
  /** The stored object's spec, for an update; the row's object is then written over it. */
  readonly oldSpec?: Spec;
  readonly metadataName?: string;
  readonly extra?: Record<string, unknown>;
}

const rows: Row[] = [
  { name: 'a valid widget', spec: valid },
  { name: 'unknown fields are pruned, not rejected', spec: { ...valid, colour: 'red' }, extra: { junk: 1 } },
  { name: 'missing spec', spec: undefined },
  { name: 'missing required fields', spec: { containers: [{}] } },
  { name: 'wrong types', spec: { ...valid, replicas: 'two', containers: [{ image: 7 }] } },
  { name: 'a float for an integer', spec: { ...valid, replicas: 1.5 } },
  { name: 'enum', spec: { ...valid, mode: 'Sleeping' } },
  {
    name: 'pattern and maxLength',
    spec: { ...valid, containers: [{ ...container, ports: [{ name: 'HTTP_PORT_IS_LONG', port: 80 }] }] },
  },
  {
    name: 'minimum and maximum',
    spec: {
      ...valid,
      replicas: -1,
      maxReplicas: 11,
      containers: [{ ...container, ports: [{ name: 'web', port: 70000 }] }],
    },
  },
  { name: 'minLength', spec: { ...valid, containers: [{ image: '' }] } },
  {
    name: 'maxItems on a list of objects',
    spec: { ...valid, containers: [container, container, container] },
  },
  {
    name: 'maxItems on a list of strings',
    spec: { ...valid, containers: [{ ...container, args: ['a', 'b', 'c', 'd', 'e'] }] },
  },
  {
    name: 'maxProperties',
    spec: { ...valid, containers: [{ ...container, variables: { A: '1', B: '2', C: '3', D: '4' } }] },
  },
  { name: 'format email', spec: { ...valid, owner: 'not-an-email' } },
  { name: 'int-or-string pattern', spec: { ...valid, maxUnavailable: '25 percent' } },
  { name: 'int-or-string accepts an int', spec: { ...valid, maxUnavailable: 3 } },
  { name: 'a null is pruned, then required', spec: { ...valid, replicas: null } },
  { name: 'CEL rule with fieldPath', spec: { ...valid, replicas: 8, maxReplicas: 5 } },
  { name: 'CEL messageExpression and reason', spec: { ...valid, mode: 'Paused', replicas: 3 } },
  {
    name: 'CEL on a map property',
    spec: { ...valid, containers: [{ ...container, variables: { lower: 'x' } }] },
  },
  {
    name: 'CEL on the root object',
    spec: valid,
    metadataName: 'a-very-long-widget-name-that-exceeds-forty-chars',
  },
  {
    name: 'CEL rules are skipped after a blocking error',
    spec: { ...valid, mode: 'Paused', replicas: 3, containers: [], maxReplicas: 'x' },
  },
  {
    name: 'a default makes the object valid',
    spec: { ...valid, containers: [{ ...container, ports: [{ name: 'web', port: 80 }] }] },
  },
  {
    name: 'transition rule holds',
    spec: { ...valid, storageClass: 'fast' },
    oldSpec: { ...valid, storageClass: 'fast' },
  },
  {
    name: 'transition rule fails',
    spec: { ...valid, storageClass: 'slow' },
    oldSpec: { ...valid, storageClass: 'fast' },
  },
];

interface Finding {
  field: string;
  reason: string;
  message: string;
}

let controlPlane: ControlPlane;
let objects: CustomObjectsApi;
const crd = generateCrd(Widget);
const validator = OfflineValidator.fromCrd(crd);

// client-node's typed ApiextensionsV1Api serialises through its model, which spells schema keys differently
// (`x_kubernetes_int_or_string`, `_enum`, `_default`) and silently drops the wire-format ones; the generic
// custom-objects client sends the body as it is. (ControlPlane.installCrds uses the typed client, so it
// cannot install this CRD yet.)
async function installWidgetCrd(): Promise<void> {
  await objects.createClusterCustomObject({
    group: 'apiextensions.k8s.io',
    version: 'v1',
    plural: 'customresourcedefinitions',
    body: crd,
  });
  for (let attempt = 0; ; attempt++) {
    try {
      await objects.listNamespacedCustomObject({ group, version, namespace, plural, limit: 1 });
      return;
    } catch (err) {
      if (attempt > 100) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

beforeAll(async () => {
  controlPlane = await ControlPlane.start();
  objects = controlPlane.kubeConfig.makeApiClient(CustomObjectsApi);
  await installWidgetCrd();
}, 120_000);

afterAll(async () => {
  await controlPlane?.stop();
}, 60_000);

function widget(row: Row, name: string, spec: Spec | undefined): Record<string, unknown> {
  return {
    apiVersion: `${group}/${version}`,
    kind: 'Widget',
    metadata: { name, namespace },
    ...(spec === undefined ? {} : { spec }),
    ...row.extra,
  };
}

async function apiServerFindings(row: Row, index: number): Promise<Finding[]> {
  const name = row.metadataName ?? `widget-${index}`;
  const body = widget(row, name, row.spec);
  try {
    if (row.oldSpec) {
      const stored = (await objects.createNamespacedCustomObject({
        group,
        version,
        namespace,
        plural,
        body: widget(row, name, row.oldSpec),
      })) as {
        metadata: { resourceVersion: string };
      };
      const update = {
        ...body,
        metadata: { ...(body.metadata as object), resourceVersion: stored.metadata.resourceVersion },
      };
      await objects.replaceNamespacedCustomObject({
        group,
        version,
        namespace,
        plural,
        name,
        body: update,
        dryRun: 'All',
      });
    } else {
      await objects.createNamespacedCustomObject({ group, version, namespace, plural, body, dryRun: 'All' });
    }
    return [];
  } catch (err) {
    if (!(err instanceof ApiException) || err.code !== 422) throw err;
    const status = JSON.parse(String(err.body)) as { details?: { causes?: Finding[] } };
    return (status.details?.causes ?? []).map(({ field, reason, message }) => ({ field, reason, message }));
  }
}

function offlineFindings(row: Row, index: number): Finding[] {
  const name = row.metadataName ?? `widget-${index}`;
  const old = row.oldSpec ? widget(row, name, row.oldSpec) : undefined;
  return validator.validate(widget(row, name, row.spec), old).map((issue) => ({
    field: issue.field || '<nil>',
    reason: issue.reason,
    message: issue.message,
  }));
}

const byField = (a: Finding, b: Finding) =>
  `${a.field} ${a.message}`.localeCompare(`${b.field} ${b.message}`);

describe('OfflineValidator agrees with kube-apiserver', () => {
  it.each(rows.map((row, index) => [row.name, row, index] as const))('%s', async (_name, row, index) => {
    const expected = (await apiServerFindings(row, index)).sort(byField);
    const actual = offlineFindings(row, index).sort(byField);
    expect(actual.map(({ field, reason }) => ({ field, reason }))).toEqual(
      expected.map(({ field, reason }) => ({ field, reason })),
    );
    expect(actual).toEqual(expected);
  });
});
