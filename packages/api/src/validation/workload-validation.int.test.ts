// The differential test: one table of Workloads (fixtures/workload-cases.ts), each created with dryRun on
// a real kube-apiserver serving the generated Workload CRD and validated by `validateWorkload`; both must
// give the same verdict, the same field paths and reasons, and the same messages.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  BuiltinKinds,
  KubeClient,
  generateCrd,
  resourceKindOf,
  type KubeApiError,
} from '@score-orchestrator/operator-sdk';
import { ControlPlane } from '@score-orchestrator/testing';
import { ResourceClaimKind, WorkloadKind } from '../resources/resource-kinds.js';
import { ResourceClaim } from '../resources/resource-claim.resource.js';
import { WorkloadPlan } from '../resources/workload-plan.resource.js';
import { Workload } from '../resources/workload.resource.js';
import { workloadCases } from './fixtures/workload-cases.js';
import { validateWorkload } from './validate-workload.js';

interface Finding {
  field: string;
  reason: string;
  message: string;
}

let controlPlane: ControlPlane;
let client: KubeClient;

// The CRDs of the current classes (not the checked-in files, which crds.test.ts keeps in step), sent as
// they are: ControlPlane's `crds` option goes through client-node's typed model, which drops the
// wire-format `x-kubernetes-validations` and `default` of nodes it models (see the SDK's
// offline-validator.int.test.ts), so rules on `spec`, `containers` and `service.ports` would vanish.
async function installCrd(resourceClass: typeof Workload | typeof ResourceClaim | typeof WorkloadPlan) {
  await client.create(BuiltinKinds.CustomResourceDefinition, generateCrd(resourceClass));
  const kind = resourceKindOf(resourceClass);
  for (let attempt = 0; ; attempt++) {
    try {
      await client.list(kind, { namespace: 'default', limit: 1 });
      return;
    } catch (err) {
      if (attempt > 100) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

beforeAll(async () => {
  controlPlane = await ControlPlane.start();
  client = new KubeClient(controlPlane.kubeConfig, { fieldManager: 'test' });
  for (const resourceClass of [Workload, ResourceClaim, WorkloadPlan]) await installCrd(resourceClass);
}, 120_000);

afterAll(async () => {
  await controlPlane?.stop();
}, 60_000);

const workload = (name: string, spec: unknown) => ({
  apiVersion: 'score.dev/v1b1' as const,
  kind: 'Workload' as const,
  metadata: { name, namespace: 'default' },
  spec,
});

async function apiServerFindings(obj: ReturnType<typeof workload>): Promise<Finding[]> {
  try {
    await client.create(WorkloadKind, obj, { dryRun: true });
    return [];
  } catch (err) {
    const apiError = err as KubeApiError;
    if (apiError.statusCode !== 422) throw err;
    return apiError.causes.map(({ field = '', reason = '', message = '' }) => ({ field, reason, message }));
  }
}

function offlineFindings(obj: ReturnType<typeof workload>): Finding[] {
  return validateWorkload(obj).map((issue) => ({
    field: issue.field || '<nil>',
    reason: issue.reason,
    message: issue.message,
  }));
}

const byField = (a: Finding, b: Finding) =>
  `${a.field} ${a.message}`.localeCompare(`${b.field} ${b.message}`);

describe('validateWorkload agrees with kube-apiserver', () => {
  it.each(workloadCases.map((row, index) => [row.name, row, index] as const))(
    '%s',
    async (_name, row, index) => {
      const obj = workload(row.workloadName ?? `case-${index}`, row.spec);
      const expected = (await apiServerFindings(obj)).sort(byField);
      const actual = offlineFindings(obj).sort(byField);
      expect(actual.map(({ field, reason }) => ({ field, reason }))).toEqual(
        expected.map(({ field, reason }) => ({ field, reason })),
      );
      expect(actual).toEqual(expected);
    },
  );

  it('accepts a ResourceClaim and a WorkloadPlan the orchestrator would write', async () => {
    // Smoke test of the internal kinds' CRDs: defaults apply and the exactly-one-of rules hold.
    const claim = await client.create(
      ResourceClaimKind,
      {
        apiVersion: 'score.dev/v1b1',
        kind: 'ResourceClaim',
        metadata: { name: 'web-db', namespace: 'default' },
        spec: { type: 'postgres', params: { password: { secretName: 's', key: 'k' } } },
      },
      { dryRun: true },
    );
    expect(claim).toMatchObject({ spec: { class: 'default', deprovisionPolicy: 'Delete' } });
  });
});
