// The dev resolvers' only way to write a claim's objects: through the SDK's ownership checks.
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  applyOwned,
  checkOwnership,
  createOwned,
  type CreateOwnedOutcome,
} from '@score-orchestrator/operator-sdk';
import type { ResolverContext, ResourceRequest } from '@score-orchestrator/api';
import { claimOwnership } from '../naming/backing-labels.js';
import type { BackingObjectRef } from './release-backing-objects.js';

/** The current copies of a claim's objects, by `Kind/name` (undefined when absent). */
export type ClaimObjects = ReadonlyMap<string, KubernetesObject | undefined>;

/**
 * Reads the objects `refs` name (cache first) and checks that each is absent or the claim's, before the
 * resolver reads credentials from any of them or writes anything. A name the host's label-filtered cache
 * (Secrets) does not hold is presumed free without a request: such an object must be written first, with
 * {@link createForClaim}, which refuses someone else's object of that name before anything else is written
 * and reports the claim's own (label removed, cache behind) instead of writing over it.
 *
 * @throws OwnershipConflictError (the host reports `NameConflict`) when one is someone else's.
 */
export async function readClaimObjects(
  request: ResourceRequest,
  ctx: ResolverContext,
  refs: readonly BackingObjectRef[],
): Promise<ClaimObjects> {
  const objects = refs.map(({ kind, name }) => ({
    apiVersion: kind.apiVersion,
    kind: kind.kind,
    metadata: { namespace: request.namespace, name },
  }));
  const found = await checkOwnership(ctx.client, objects, claimOwnership(request), {
    cache: ctx.cache,
    filteredMiss: 'presumeAbsent',
    signal: ctx.signal,
  });
  return new Map(refs.map((ref, i) => [`${ref.kind.kind}/${ref.name}`, found[i]]));
}

/**
 * Server-side applies `obj` for the claim, only when no object of its name exists or the existing one is
 * the claim's (see `claimOwnership`). `known` are copies read by {@link readClaimObjects}, saving a read.
 *
 * @throws OwnershipConflictError when the name is taken by someone else's object (nothing is written).
 */
export function applyForClaim<T extends KubernetesObject>(
  request: ResourceRequest,
  ctx: ResolverContext,
  obj: T,
  known?: ClaimObjects,
): Promise<T> {
  const key = `${obj.kind}/${obj.metadata?.name}`;
  const current = known?.has(key) ? (known.get(key) ?? null) : undefined;
  return applyOwned(ctx.client, obj, {
    ownership: claimOwnership(request),
    current,
    cache: ctx.cache,
    signal: ctx.signal,
  });
}

/**
 * Creates `obj` for the claim only if no object of its name exists (see the SDK's `createOwned`): for an
 * object whose content was made up because none was found (generated credentials). Someone else's object
 * of that name gives `OwnershipConflictError`; the claim's own comes back with `created: false`, untouched,
 * so the caller builds on what it holds.
 */
export function createForClaim<T extends KubernetesObject>(
  request: ResourceRequest,
  ctx: ResolverContext,
  obj: T,
): Promise<CreateOwnedOutcome<T>> {
  return createOwned(ctx.client, obj, { ownership: claimOwnership(request), signal: ctx.signal });
}
