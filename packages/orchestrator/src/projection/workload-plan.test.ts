import { describe, expect, it } from '@jest/globals';
import type { Workload } from '@score-orchestrator/api';
import type { ProfileSelection } from '../platform-config/select-profile.js';
import { buildWorkloadPlan } from './workload-plan.js';

const workload = {
  apiVersion: 'score.dev/v1b1',
  kind: 'Workload',
  metadata: { name: 'report', namespace: 'apps', uid: 'w-1', generation: 3 },
  spec: { containers: { main: { image: 'busybox:1.36' } } },
} as unknown as Workload;

const profile: ProfileSelection = {
  profile: 'stateful',
  matchedBy: 'selector',
  runtimeClass: 'kubernetes',
  options: { workloadKind: 'StatefulSet', replicas: 1 },
};
const containers = { main: { image: 'busybox:1.36' } };

describe('buildWorkloadPlan: how the workload runs', () => {
  it('carries the batch settings as spec.batch', () => {
    const plan = buildWorkloadPlan(workload, {
      profile,
      containers,
      run: { batch: { kind: 'cronjob', schedule: '@daily', backoffLimit: 1 } },
    });
    expect(plan.spec.batch).toEqual({ kind: 'cronjob', schedule: '@daily', backoffLimit: 1 });
    expect(plan.spec.options).toEqual({ workloadKind: 'StatefulSet', replicas: 1 });
  });

  it('lets k8s.score.dev/kind Deployment or StatefulSet set options.workloadKind over the profile', () => {
    const plan = buildWorkloadPlan(workload, { profile, containers, run: { serviceKind: 'Deployment' } });
    expect(plan.spec.batch).toBeUndefined();
    expect(plan.spec.options).toEqual({ workloadKind: 'Deployment', replicas: 1 });
  });

  it('is a service as the profile says without a run', () => {
    const plan = buildWorkloadPlan(workload, { profile, containers });
    expect(plan.spec).not.toHaveProperty('batch');
    expect(plan.spec.options).toEqual(profile.options);
  });
});
