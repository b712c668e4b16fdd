// One rule for how a Workload's service is reached, shared by the runtime that creates the Service and by
// the resolvers that point at it (service-port, route, provisioner files' `workload_services`).
import { createHash } from 'node:crypto';

const DNS_LABEL_MAX = 63;

/**
 * The name of the Service that serves Workload `workloadName`: the name itself, or `svc-<name>` when it
 * starts with a digit (Service names are RFC 1035 labels and must start with a letter), cut to 63
 * characters with an 8-character hash of the whole when longer, so distinct long names stay distinct.
 *
 * @example workloadServiceName('web') === 'web'; workloadServiceName('3d') === 'svc-3d'
 */
export function workloadServiceName(workloadName: string): string {
  if (/^[a-z]/.test(workloadName)) return workloadName;
  const base = `svc-${workloadName}`;
  if (base.length <= DNS_LABEL_MAX) return base;
  // Hashes the JSON text, as the runtime's content hashes do, so names already in clusters do not change.
  const hash = createHash('sha256').update(JSON.stringify(base)).digest('hex').slice(0, 8);
  return `${base.slice(0, DNS_LABEL_MAX - 9).replace(/-+$/, '')}-${hash}`;
}
