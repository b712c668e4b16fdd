import type { V1ContainerPort, V1ServicePort } from '@kubernetes/client-node';
import type { PlanContainer, WorkloadService } from '@score-orchestrator/api';
import type { ContainerOrder } from './container-order.js';
import { isPortName } from './object-names.js';

/** Container ports per container, and the Service's ports. */
export interface MappedPorts {
  readonly containerPorts: ReadonlyMap<string, V1ContainerPort[]>;
  readonly servicePorts: V1ServicePort[];
}

/**
 * Maps `service.ports` (plan order). Each port's `targetPort` (default `port`) becomes a container port of
 * the container that probes it over HTTP, else of the first main container; it is named like the Score port
 * when that name is a valid port name (at most 15 characters), and the Service's `targetPort` then refers
 * to it by name, else by number. Init containers that run to completion never get ports.
 */
export function mapPorts(
  service: WorkloadService | undefined,
  containers: Readonly<Record<string, PlanContainer>>,
  order: ContainerOrder,
): MappedPorts {
  const containerPorts = new Map<string, V1ContainerPort[]>();
  const servicePorts: V1ServicePort[] = [];
  const eligible = [...order.main, ...order.init.filter((r) => r.role === 'sidecar')].map((r) => r.name);
  for (const [portName, port] of Object.entries(service?.ports ?? {})) {
    const target = port.targetPort ?? port.port;
    const protocol = port.protocol ?? 'TCP';
    const owner =
      eligible.find((name) => probesPort(containers[name], target)) ?? order.main[0]?.name ?? eligible[0]!;
    const ports = containerPorts.get(owner) ?? [];
    let entry = ports.find((p) => p.containerPort === target && (p.protocol ?? 'TCP') === protocol);
    if (!entry) {
      const named = isPortName(portName) && !ports.some((p) => p.name === portName);
      entry = { ...(named ? { name: portName } : {}), containerPort: target, protocol };
      ports.push(entry);
      containerPorts.set(owner, ports);
    }
    servicePorts.push({ name: portName, port: port.port, targetPort: entry.name ?? target, protocol });
  }
  return { containerPorts, servicePorts };
}

function probesPort(container: PlanContainer | undefined, port: number): boolean {
  return [container?.readinessProbe, container?.livenessProbe].some((p) => p?.httpGet?.port === port);
}
