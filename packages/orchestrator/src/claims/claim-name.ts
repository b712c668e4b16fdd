import { createHash } from 'node:crypto';
import type { ScoreResource } from '@score-orchestrator/api';

/** The longest claim name: a DNS label, so names also fit where backing objects reuse them. */
export const MAX_CLAIM_NAME_LENGTH = 63;

const HASH_LENGTH = 10;

/**
 * The deterministic name of the ResourceClaim for one resource of a Workload:
 *
 * - private resource (no `id`): `<workload>-<resource>`;
 * - shared resource (`id` set): `shared-<type>-<class>-<id>`, the same for every Workload, which is
 *   how Workloads asking for the same `type.class#id` end up on one claim.
 *
 * A name longer than {@link MAX_CLAIM_NAME_LENGTH}, or one that needs cleaning (upper case, characters an
 * object name may not hold), is cut and cleaned and ends in a hash of the original, so distinct names stay
 * distinct. Pure.
 */
export function claimName(workload: string, resourceName: string, resource: ScoreResource): string {
  if (resource.id === undefined) return fitName(`${workload}-${resourceName}`);
  return fitName(`shared-${resource.type}-${resource.class ?? 'default'}-${resource.id}`);
}

/** `name` made a valid object name of at most `max` characters (see {@link claimName}). Pure. */
export function fitName(name: string, max: number = MAX_CLAIM_NAME_LENGTH): string {
  const clean = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  if (clean === name && clean.length <= max) return clean;
  // Cut, or changed by cleaning (two names could clean alike): a hash of the original keeps them apart.
  const hash = createHash('sha256').update(name).digest('hex').slice(0, HASH_LENGTH);
  const head = clean.slice(0, max - HASH_LENGTH - 1).replace(/[^a-z0-9]+$/, '');
  return head === '' ? hash : `${head}-${hash}`;
}
