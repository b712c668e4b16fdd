import { workloadServiceName } from '@score-orchestrator/api';
import { contentHash } from './content-hash.js';

const DNS_LABEL_MAX = 63;

/**
 * `base` when it is at most 63 characters, else cut with an 8-character hash of the whole so distinct
 * long names stay distinct (as the orchestrator names long claims).
 */
export function dnsLabel(base: string): string {
  if (base.length <= DNS_LABEL_MAX) return base;
  return `${base.slice(0, DNS_LABEL_MAX - 9).replace(/-+$/, '')}-${contentHash(base, 8)}`;
}

/**
 * The Service name of a plan (named after its Workload): the rule resolvers use to reach it too, see
 * `workloadServiceName`.
 */
export function serviceName(planName: string): string {
  return workloadServiceName(planName);
}

/** The headless (governing) Service of a StatefulSet. */
export function headlessServiceName(planName: string): string {
  return dnsLabel(`${serviceName(planName)}-headless`);
}

/** The ConfigMap holding a container's `content`/`binaryContent` files. */
export function filesConfigMapName(planName: string, container: string): string {
  return `${planName}-${container}-files`;
}

/** A ConfigMap key / projected path for a file: readable (the base name) and unique (a hash of the target). */
export function fileKey(target: string): string {
  const base = (target.split('/').filter(Boolean).pop() ?? 'file').replace(/[^-._a-zA-Z0-9]/g, '_');
  return `${contentHash(target, 8)}-${base}`.slice(0, 253);
}

/** The pod volume projecting a container's files. */
export function filesVolumeName(container: string): string {
  return dnsLabel(`files-${container}`);
}

/** The pod volume of a volume source (one per distinct source). */
export function sourceVolumeName(source: string): string {
  return `volume-${contentHash(source, 10)}`;
}

/** Whether `name` may name a container port (an IANA service name: 1-15 of a-z0-9-, a letter, no `--`). */
export function isPortName(name: string): boolean {
  return (
    name.length <= 15 &&
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(name) &&
    /[a-z]/.test(name) &&
    !name.includes('--')
  );
}
