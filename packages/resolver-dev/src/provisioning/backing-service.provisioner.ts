import type { KubernetesObject, V1Secret } from '@kubernetes/client-node';
import { BuiltinKinds } from '@score-orchestrator/operator-sdk';
import type { ProvisionResult, ResolverContext, ResourceRequest } from '@score-orchestrator/api';
import {
  decodeSecretData,
  hasAllCredentials,
  resolveCredentials,
  type CredentialKey,
} from '../credentials/resolve-credentials.js';
import {
  buildBackingService,
  type BackingServiceManifests,
  type BackingServiceSpec,
} from '../manifests/backing-service.manifests.js';
import { backingName } from '../naming/backing-names.js';
import type { DevResolverSettings } from '../settings/dev-resolver-settings.js';
import { applyForClaim, createForClaim, readClaimObjects } from './claim-objects.js';
import { releaseBackingObjects, type BackingObjectRef } from './release-backing-objects.js';
import { statefulSetReadiness } from './statefulset-readiness.js';

/** What a recipe works from: the request, the backing objects' name, the credentials, the settings. */
export interface RecipeInput {
  readonly request: ResourceRequest;
  readonly name: string;
  readonly credentials: Readonly<Record<string, string>>;
  readonly settings: DevResolverSettings;
}

/** A claim's outputs: `secretOutputs` go to the claim's Secret only. */
export interface RecipeOutputs {
  readonly outputs: Readonly<Record<string, unknown>>;
  readonly secretOutputs: Readonly<Record<string, string>>;
}

/**
 * How one resource type is served by a single-replica backing service. The provisioner does the rest:
 * names, credentials, server-side apply, readiness, deprovisioning.
 */
export interface BackingServiceRecipe {
  /** What runs, e.g. `postgres`: in labels, the container name and claim messages. */
  readonly component: string;
  /** Prefix of the backing objects' name, e.g. `pg` gives `pg-<claim>`. */
  readonly prefix: string;
  /** Credentials generated once and kept (in the claim's Secret and the backing Secret). */
  readonly credentials: readonly CredentialKey[];
  /** Throws the SDK's `TerminalError` for params it cannot serve. */
  spec(input: RecipeInput): BackingServiceSpec;
  outputs(input: RecipeInput): RecipeOutputs;
}

/** The name of a recipe's backing objects for a request. */
export function recipeName(recipe: BackingServiceRecipe, request: ResourceRequest): string {
  return backingName(recipe.prefix, request.claimName);
}

/**
 * Builds a recipe's manifests for `request` with the given credentials. Pure: what `provision` applies.
 */
export function recipeManifests(
  recipe: BackingServiceRecipe,
  request: ResourceRequest,
  credentials: Readonly<Record<string, string>>,
  settings: DevResolverSettings,
): BackingServiceManifests {
  const input: RecipeInput = { request, name: recipeName(recipe, request), credentials, settings };
  return buildBackingService(request, recipe.spec(input), settings.storage);
}

/**
 * Converges a claim's backing service and reports it. Level-based and idempotent: every call applies the
 * same Secret, Service and StatefulSet (server-side apply, so nothing changes when nothing changed), only
 * when none of those names is taken by an object that is not the claim's (else `OwnershipConflictError`,
 * before any credential is read and before the Service or StatefulSet is written: the host reports
 * `NameConflict`), and reads readiness from the StatefulSet the API returns. `ready` only once every
 * replica is ready; outputs and secret outputs are returned on every call, so credentials reach the
 * claim's Secret early.
 *
 * Credentials come from the claim's Secret outputs, else the backing Secret, else are generated. A backing
 * Secret the cache does not hold (its cache keeps labelled Secrets only) is not read first: it is created
 * create-only before anything else is written, and kept as it is when it was there after all (the claim's,
 * with its label removed or not cached yet): then its credentials are used, as a read would have given.
 */
export async function provisionBackingService(
  recipe: BackingServiceRecipe,
  request: ResourceRequest,
  ctx: ResolverContext,
  settings: DevResolverSettings,
): Promise<ProvisionResult> {
  const name = recipeName(recipe, request);
  const secretKey = `Secret/${name}`;
  // Every name must be free or the claim's before a credential is read or anything written.
  let known = await readClaimObjects(request, ctx, recipeObjects(recipe, request));
  let plan = backingPlan(recipe, request, ctx, settings, known.get(secretKey));
  if (plan.manifests.secret && !known.get(secretKey)) {
    // First, and only if the name is still free: made-up credentials never replace stored ones, and
    // someone else's Secret of that name stops the claim before its Service or StatefulSet is written.
    const outcome = await createForClaim(request, ctx, plan.manifests.secret);
    known = new Map([...known, [secretKey, outcome.object]]);
    if (!outcome.created) plan = backingPlan(recipe, request, ctx, settings, outcome.object);
  }
  const { input, manifests, generated } = plan;
  if (generated.length > 0) {
    ctx.logger.info('generated credentials', {
      namespace: request.namespace,
      claim: request.claimName,
      keys: generated,
    });
  }
  if (manifests.secret) await applyForClaim(request, ctx, manifests.secret, known);
  await applyForClaim(request, ctx, manifests.service, known);
  const statefulSet = await applyForClaim(request, ctx, manifests.statefulSet, known);

  const readiness = statefulSetReadiness(statefulSet);
  const { outputs, secretOutputs } = recipe.outputs(input);
  const message = readiness.ready
    ? `${recipe.component} is ready`
    : `${recipe.component} is starting: ${readiness.readyReplicas} of ${readiness.desiredReplicas} instances ready`;
  // The StatefulSet's watch wakes the claim when its pods turn ready; the recheck bounds how long a claim
  // can wait should that wake-up be missed. (Claims once seen stuck "starting" behind a ready StatefulSet
  // had a wake-up: the host dropped its status write, decided from a claim copy older than its own first
  // write; see the host's claimStatusMutation. The recheck stays as a cheap bound on any other miss.) Only
  // while starting: a bound claim is not polled.
  // Host, port and credentials are known before the service answers, yet not reported final
  // (`outputsFinal`): a Workload rolling out beside its database measured no sooner Ready, on kwok nodes
  // or real ones, and cost requests (ADR 0016). Its plan waits for the claim to be Bound.
  return {
    ready: readiness.ready,
    outputs,
    secretOutputs,
    message,
    ...(!readiness.ready && { requeueAfterMs: settings.pollIntervalMs }),
  };
}

/** What one provision applies: credentials (and which were generated) and the manifests built with them. */
interface BackingPlan {
  readonly input: RecipeInput;
  readonly manifests: BackingServiceManifests;
  readonly generated: readonly string[];
}

/** The credentials (claim's, else `backingSecret`'s, else generated) and the manifests built with them. */
function backingPlan(
  recipe: BackingServiceRecipe,
  request: ResourceRequest,
  ctx: ResolverContext,
  settings: DevResolverSettings,
  backingSecret: KubernetesObject | undefined,
): BackingPlan {
  const claim = ctx.existingSecretOutputs;
  const backing = hasAllCredentials(recipe.credentials, claim)
    ? {}
    : decodeSecretData(backingSecret as V1Secret);
  const { values, origins } = resolveCredentials(recipe.credentials, { claim, backing });
  const input: RecipeInput = { request, name: recipeName(recipe, request), credentials: values, settings };
  const manifests = buildBackingService(request, recipe.spec(input), settings.storage);
  return { input, manifests, generated: Object.keys(origins).filter((key) => origins[key] === 'generated') };
}

/** The objects a recipe creates for a request (PVCs are found by label). */
export function recipeObjects(recipe: BackingServiceRecipe, request: ResourceRequest): BackingObjectRef[] {
  const name = recipeName(recipe, request);
  const refs: BackingObjectRef[] = [
    { kind: BuiltinKinds.StatefulSet, name },
    { kind: BuiltinKinds.Service, name },
  ];
  if (recipe.credentials.length > 0) refs.push({ kind: BuiltinKinds.Secret, name });
  return refs;
}

/** Deprovisions a recipe's backing service by the claim's policy (see `releaseBackingObjects`). */
export async function deprovisionBackingService(
  recipe: BackingServiceRecipe,
  request: ResourceRequest,
  ctx: ResolverContext,
): Promise<void> {
  const name = recipeName(recipe, request);
  await releaseBackingObjects(request, ctx, recipeObjects(recipe, request), { dataOf: name });
}
