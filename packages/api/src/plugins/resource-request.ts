import type { KubernetesObject } from '@kubernetes/client-node';
import type { DeprovisionPolicy } from '../resources/deprovision-policy.js';

/**
 * What a resolver is asked to provision: one entry of a Workload's `resources`, with its params already
 * resolved (placeholders to other resources' outputs substituted) — plain data in, plain data out.
 */
export interface ResourceRequest {
  /** Score resource type, e.g. `postgres`. */
  readonly type: string;
  /** Score resource class (`default` when the Workload names none). */
  readonly class: string;
  /** Shared identity: claims with the same type, class and id are one resource. Undefined when private. */
  readonly id?: string;
  /** Resolved params from the Workload. Secret-valued params arrive as `{ secretName, key }` references. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Score resource metadata (annotations and such). */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Namespace the claim (and whatever the resolver creates) lives in. */
  readonly namespace: string;
  /** The claim's name: stable, deterministic, a good base for names of backing objects. */
  readonly claimName: string;
  /** The ResourceClaim object, for owner references on backing objects. */
  readonly claim: KubernetesObject;
  /** What happens to backing resources when the claim is deleted. */
  readonly deprovisionPolicy: DeprovisionPolicy;
}
