// score-k8s's `workload_services`: how each Workload of a namespace is reached, as its runtime names it.
import type { KubernetesObject } from '@kubernetes/client-node';
import { type Workload, workloadServiceName } from '@score-orchestrator/api';
import type { NetworkService, NetworkServicePort } from '../contract/provisioner-input.js';

/**
 * `workload`'s service as score-k8s builds it (`buildWorkloadServices`): every port of `spec.service.ports`
 * by name, `target_port` defaulting to `port` and `protocol` to `TCP`, and again by port number unless
 * that key is taken. Pure.
 */
export function networkServiceOf(workload: KubernetesObject): NetworkService {
  const specPorts = (workload as Partial<Workload>).spec?.service?.ports ?? {};
  const ports: Record<string, NetworkServicePort> = {};
  for (const [name, p] of Object.entries(specPorts)) {
    ports[name] = { name, port: p.port, target_port: p.targetPort ?? p.port, protocol: p.protocol ?? 'TCP' };
  }
  for (const [name, p] of Object.entries(specPorts)) ports[String(p.port)] ??= ports[name]!;
  return { service_name: workloadServiceName(workload.metadata?.name ?? ''), ports };
}

/** Whether `workload` still counts: one being deleted is gone for the provisioners. */
export function isLiveWorkload(workload: KubernetesObject): boolean {
  return !workload.metadata?.deletionTimestamp;
}

/** The `workload_services` of `workloads` (one namespace's): live Workloads by name. Pure. */
export function workloadServicesOf(workloads: readonly KubernetesObject[]): Record<string, NetworkService> {
  return Object.fromEntries(
    workloads.filter(isLiveWorkload).map((w) => [w.metadata?.name ?? '', networkServiceOf(w)] as const),
  );
}
