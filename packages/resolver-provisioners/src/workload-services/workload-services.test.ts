import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { ServiceDependencies, referencedWorkloads } from './service-dependencies.js';
import { workloadServiceName } from '@score-orchestrator/api';
import { networkServiceOf, workloadServicesOf } from './workload-services.js';

type Ports = Record<string, { port: number; targetPort?: number; protocol?: string }>;

const workload = (name: string, ports?: Ports, deleting = false): KubernetesObject =>
  ({
    apiVersion: 'score.dev/v1b1',
    kind: 'Workload',
    metadata: {
      name,
      namespace: 'team-a',
      ...(deleting ? { deletionTimestamp: new Date('2025-01-01T00:00:00Z') } : {}),
    },
    spec: { containers: { main: { image: 'nginx' } }, ...(ports ? { service: { ports } } : {}) },
  }) as KubernetesObject;

describe('workloadServicesOf: score-k8s workload_services from Workloads', () => {
  it('maps every live Workload to its Service name and named ports, with defaults and number aliases', () => {
    const services = workloadServicesOf([
      workload('backend', {
        web: { port: 8080, targetPort: 3000 },
        metrics: { port: 9090, protocol: 'UDP' },
      }),
      workload('worker'),
      workload('leaving', { web: { port: 80 } }, true),
    ]);
    expect(services).toEqual({
      backend: {
        service_name: 'backend',
        ports: {
          web: { name: 'web', port: 8080, target_port: 3000, protocol: 'TCP' },
          metrics: { name: 'metrics', port: 9090, target_port: 9090, protocol: 'UDP' },
          '8080': { name: 'web', port: 8080, target_port: 3000, protocol: 'TCP' },
          '9090': { name: 'metrics', port: 9090, target_port: 9090, protocol: 'UDP' },
        },
      },
      worker: { service_name: 'worker', ports: {} },
    });
  });

  it('keeps a port named like another port number rather than aliasing over it', () => {
    const { ports } = networkServiceOf(workload('api', { '80': { port: 8080 }, http: { port: 80 } }));
    expect(ports['80']).toEqual({ name: '80', port: 8080, target_port: 8080, protocol: 'TCP' });
    expect(ports['8080']).toEqual(ports['80']);
  });

  it('names the service as the runtime names its Service', () => {
    expect(networkServiceOf(workload('2048-game')).service_name).toBe(workloadServiceName('2048-game'));
    expect(networkServiceOf(workload('2048-game')).service_name).toBe('svc-2048-game');
  });
});

describe('ServiceDependencies: which claims a Workload event re-provisions', () => {
  const claim = { namespace: 'team-a', name: 'frontend-backend' };
  const backend = workload('backend', { web: { port: 8080 } });
  const seenWith = (...workloads: KubernetesObject[]) => {
    const deps = new ServiceDependencies();
    deps.record(claim, ['frontend', 'backend'], workloadServicesOf(workloads));
    return deps;
  };

  it('maps a Workload whose service differs from what the claim saw, and nothing else', () => {
    const deps = seenWith(workload('frontend'), backend);
    expect(deps.affectedBy(backend)).toEqual([]);
    expect(deps.affectedBy(workload('backend', { web: { port: 8080 } }))).toEqual([]);
    expect(deps.affectedBy(workload('backend', { web: { port: 8081 } }))).toEqual([claim]);
    expect(deps.affectedBy(workload('backend', { web: { port: 8080, protocol: 'UDP' } }))).toEqual([claim]);
    expect(deps.affectedBy(workload('backend', { web: { port: 8080 } }, true))).toEqual([claim]);
    // Not named by the claim, or in another namespace.
    expect(deps.affectedBy(workload('other', { web: { port: 1 } }))).toEqual([]);
    const elsewhere = { ...backend, metadata: { ...backend.metadata, namespace: 'team-b' } };
    expect(deps.affectedBy(elsewhere)).toEqual([]);
  });

  it('maps a named Workload that appears after the claim saw it missing', () => {
    const deps = seenWith(workload('frontend'));
    expect(deps.affectedBy(backend)).toEqual([claim]);
    expect(deps.affectedBy(workload('backend', undefined, true))).toEqual([]);
  });

  it('replaces a claim record on each provision and forgets it on deprovision', () => {
    const deps = seenWith(workload('frontend'));
    deps.record(claim, ['frontend'], workloadServicesOf([workload('frontend')]));
    expect(deps.affectedBy(backend)).toEqual([]);
    deps.forget(claim);
    expect(deps.affectedBy(workload('frontend', { web: { port: 1 } }))).toEqual([]);
  });

  it('a claim names its source workload and its top-level string params', () => {
    expect(
      referencedWorkloads('frontend', { workload: 'backend', port: 'web', n: 3, deep: { w: 'x' } }),
    ).toEqual(['frontend', 'backend', 'web']);
  });
});
