// Which Workloads' services each claim's last provision saw, so a Workload event re-provisions only the
// claims whose view of it changed.
import type { KubernetesObject } from '@kubernetes/client-node';
import { formatObjectKey, type ObjectKey } from '@score-orchestrator/operator-sdk';
import type { NetworkService } from '../contract/provisioner-input.js';
import { isLiveWorkload, networkServiceOf } from './workload-services.js';

interface Seen {
  readonly claim: ObjectKey;
  /** The service as the claim saw it, `absent` when the Workload did not exist (or was being deleted). */
  readonly fingerprint: string;
}

const absent = '';

function fingerprint(service: NetworkService | undefined): string {
  if (!service) return absent;
  const ports = Object.entries(service.ports).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([service.service_name, ports]);
}

/**
 * The map behind the provisioner resolvers' Workload watch. A claim depends on the Workloads it names
 * (its source workload and any top-level string param, e.g. service-port's `workload`); a Workload event
 * maps to the claims whose recorded view of that Workload differs from it now: a port added, changed or
 * removed, the Workload created, or its deletion begun. Other changes (image, status) map to nothing.
 *
 * In memory, per resolver class: after a restart every claim is provisioned again, which records it anew.
 * A Workload deleted without a finalizer (so never seen with a deletion timestamp) does not re-provision
 * its dependants; they see it gone at their next provision.
 */
export class ServiceDependencies {
  /** `namespace/workload` -> claim key -> what the claim saw. */
  private readonly byWorkload = new Map<string, Map<string, Seen>>();
  /** claim key -> the `namespace/workload` keys it depends on. */
  private readonly byClaim = new Map<string, readonly string[]>();

  /**
   * Records that `claim` was just provisioned with `services` (its namespace's) and depends on the Workloads
   * named `workloads`, replacing what was recorded for it. Call it in the same tick as the read of
   * `services` from the cache, so no Workload event falls between the two.
   */
  record(
    claim: ObjectKey,
    workloads: readonly string[],
    services: Readonly<Record<string, NetworkService>>,
  ): void {
    this.forget(claim);
    const claimKey = formatObjectKey(claim);
    const names = [...new Set(workloads.filter((w) => w !== ''))];
    for (const name of names) {
      const key = `${claim.namespace}/${name}`;
      const claims = this.byWorkload.get(key) ?? new Map<string, Seen>();
      claims.set(claimKey, { claim, fingerprint: fingerprint(services[name]) });
      this.byWorkload.set(key, claims);
    }
    this.byClaim.set(
      claimKey,
      names.map((name) => `${claim.namespace}/${name}`),
    );
  }

  /** Drops what was recorded for `claim` (deprovisioned). Idempotent. */
  forget(claim: ObjectKey): void {
    const claimKey = formatObjectKey(claim);
    for (const key of this.byClaim.get(claimKey) ?? []) {
      const claims = this.byWorkload.get(key);
      claims?.delete(claimKey);
      if (claims?.size === 0) this.byWorkload.delete(key);
    }
    this.byClaim.delete(claimKey);
  }

  /** The claims whose recorded view of `workload`'s service differs from `workload` now. Pure read. */
  affectedBy(workload: KubernetesObject): ObjectKey[] {
    const claims = this.byWorkload.get(`${workload.metadata?.namespace}/${workload.metadata?.name}`);
    if (!claims) return [];
    const now = fingerprint(isLiveWorkload(workload) ? networkServiceOf(workload) : undefined);
    return [...claims.values()].filter((seen) => seen.fingerprint !== now).map((seen) => seen.claim);
  }
}

/** The Workloads a claim names: its source workload and every top-level string param. */
export function referencedWorkloads(
  sourceWorkload: string,
  params: Readonly<Record<string, unknown>>,
): string[] {
  return [sourceWorkload, ...Object.values(params).filter((v): v is string => typeof v === 'string')];
}
