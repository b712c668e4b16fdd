// The resolver host's reconcile and finalize: dispatch a claim to its resolver and report the outcome.
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  describeError,
  isTerminalError,
  Result,
  type ReconcileContext,
  type ReconcileResult,
} from '@score-orchestrator/operator-sdk';
import {
  claimDeprovisionPolicy,
  ClaimPhase,
  type ResourceClaim,
  ResourceClaimKind,
  type ResolverOptions,
  type Resolver,
  type ResolverContext,
  type DeprovisionPolicy,
  type ResourceRequest,
  ClaimEventReason,
  ClaimReason,
} from '@score-orchestrator/api';
import { claimStatusMutation, decisionBasis, type ClaimOutcome } from './claim-status.js';
import { ownershipRefusalOf, type OwnershipRefusal } from './name-conflict.js';
import {
  collectStaleOutputsSecret,
  deleteOutputsSecret,
  orphanOutputsSecret,
  readOutputsSecret,
  writeOutputsSecret,
} from './outputs-secret.js';
import type { PluginInstance } from './plugin-instances.js';
import { chooseResolver } from './resolver-latch.js';

export type BoundResolver = PluginInstance<Resolver, ResolverOptions>;

/** Dispatches claims to resolvers. One instance per host; stateless between reconciles. */
export class ClaimProvisioner {
  constructor(
    private readonly resolvers: readonly BoundResolver[],
    private readonly reportUnmatched: boolean,
  ) {}

  async reconcile(obj: KubernetesObject, ctx: ReconcileContext): Promise<ReconcileResult | void> {
    let claim = obj as ResourceClaim;
    const choice = chooseResolver(claim, this.resolvers);
    const { match } = choice;
    if (!match.found) {
      if (this.reportUnmatched) {
        await this.report(ctx, claim, {
          phase: ClaimPhase.Pending,
          reason: ClaimReason.ResolverNotFound,
          message: match.message,
        });
      }
      return Result.done();
    }
    const { instance: resolver, options } = match.candidate;
    // Only a resolver with `deprovision` has something to clean up: other claims are never held back from deletion.
    if (resolver.deprovision) claim = await ctx.finalizer.add(claim);
    const logger = ctx.logger.child({ resolver: options.name });
    // An earlier claim of this name left its outputs Secret to the garbage collector: not a NameConflict.
    const read = await collectStaleOutputsSecret(
      ctx.client,
      claim,
      await readOutputsSecret(ctx.client, claim, ctx.cache),
      logger,
    );
    const existing = read.outputs;
    warnOnPolicyDrift(claim, ctx);
    if (choice.kept !== undefined) ctx.events.warning(ClaimEventReason.ResolverKept, choice.kept);
    // What the first provision latches (policy, resolver) and the rule shown beside the resolver.
    const latch = {
      latchPolicy: claim.spec.deprovisionPolicy ?? 'Delete',
      resolverRule: choice.resolverRule,
    };
    let result;
    try {
      result = await resolver.provision(requestOf(claim), {
        ...contextOf(ctx, logger),
        existingSecretOutputs: existing?.values ?? {},
      });
    } catch (err) {
      const refusal = ownershipRefusalOf(err, ctx.events, `resolver ${options.name}`);
      if (refusal) return this.refuse(ctx, claim, options.name, refusal, latch.resolverRule);
      const terminal = isTerminalError(err);
      await this.report(ctx, claim, {
        phase: terminal
          ? ClaimPhase.Failed
          : claim.status?.phase === ClaimPhase.Bound
            ? ClaimPhase.Bound
            : ClaimPhase.Provisioning,
        reason: terminal ? ClaimReason.ProvisionFailed : ClaimReason.ProvisionError,
        message: `resolver ${options.name} failed to provision: ${messageOf(err)}`,
        resolver: options.name,
        ...latch,
      });
      throw err;
    }
    const secretValues = result.secretOutputs ?? {};
    let secret = existing && { name: existing.name, keys: Object.keys(existing.values) };
    if (Object.keys(secretValues).length > 0) {
      try {
        const name = await writeOutputsSecret(ctx.client, claim, secretValues, read);
        secret = { name, keys: Object.keys(secretValues) };
      } catch (err) {
        const refusal = ownershipRefusalOf(err, ctx.events, 'the resolver host');
        if (refusal) return this.refuse(ctx, claim, options.name, refusal, latch.resolverRule);
        throw err;
      }
    }
    await this.report(ctx, claim, {
      phase: result.ready ? ClaimPhase.Bound : ClaimPhase.Provisioning,
      reason: result.ready ? ClaimReason.Bound : ClaimReason.Provisioning,
      message:
        result.message ??
        (result.ready
          ? `provisioned by ${options.name}`
          : `waiting for ${options.name} to report the resource ready`),
      resolver: options.name,
      outputs: result.outputs ?? {},
      secret,
      outputsFinal: result.ready || result.outputsFinal === true,
      ...latch,
    });
    return result.requeueAfterMs === undefined ? Result.done() : Result.requeueAfter(result.requeueAfterMs);
  }

  /**
   * Runs `deprovision` of the resolver that served the claim (latched in its status, else by matching; see
   * `chooseResolver`) with the claim's latched policy (see `claimDeprovisionPolicy`; `Orphan` counts as
   * `Retain`: orphaned claims are never deleted by the orchestrator, so a deletion came from someone
   * else). Then keeps (`Retain`) or deletes (`Delete`) the claim's outputs Secret (see
   * `deleteOutputsSecret`). Without a resolver, releases the claim with a warning.
   */
  async finalize(obj: KubernetesObject, ctx: ReconcileContext): Promise<ReconcileResult | void> {
    const claim = obj as ResourceClaim;
    const { match } = chooseResolver(claim, this.resolvers);
    if (!match.found || !match.candidate.instance.deprovision) {
      ctx.logger.info('no resolver to deprovision the claim; releasing it');
      ctx.events.warning(
        'DeprovisionSkipped',
        'no installed resolver deprovisions this claim; owner references clean up',
      );
      return Result.done();
    }
    const { instance: resolver, options } = match.candidate;
    const request = { ...requestOf(claim), deprovisionPolicy: retainOrphans(claimDeprovisionPolicy(claim)) };
    await this.report(ctx, claim, {
      phase: ClaimPhase.Deprovisioning,
      reason: ClaimReason.Deprovisioning,
      message: `deprovisioning with policy ${request.deprovisionPolicy}`,
      resolver: options.name,
    });
    const existing = (await readOutputsSecret(ctx.client, claim, ctx.cache)).outputs;
    const logger = ctx.logger.child({ resolver: options.name });
    try {
      await resolver.deprovision!(request, {
        ...contextOf(ctx, logger),
        existingSecretOutputs: existing?.values ?? {},
      });
    } catch (err) {
      await this.report(ctx, claim, {
        phase: ClaimPhase.Deprovisioning,
        reason: ClaimReason.DeprovisionError,
        message: `resolver ${options.name} failed to deprovision: ${messageOf(err)}`,
      });
      throw err;
    }
    if (request.deprovisionPolicy === 'Retain') await orphanOutputsSecret(ctx.client, claim);
    else await deleteOutputsSecret(ctx.client, claim);
    logger.info('deprovisioned claim', { policy: request.deprovisionPolicy });
    return Result.done();
  }

  /**
   * Reports an object the claim cannot take (nothing was written or taken) and looks again later: someone
   * else's fails the claim with `NameConflict`; one still controlled by an earlier claim of its name
   * (deleted a moment ago, e.g. a Workload deleted and applied again) keeps it `Provisioning` with reason
   * `WaitingForPredecessor`: that object goes by itself, and its deletion wakes the claim.
   */
  private async refuse(
    ctx: ReconcileContext,
    claim: ResourceClaim,
    resolver: string,
    refusal: OwnershipRefusal,
    resolverRule: string | null | undefined,
  ): Promise<ReconcileResult> {
    const { predecessor, message } = refusal;
    ctx.logger.info(
      predecessor
        ? "waiting for an earlier claim's object of that name to go"
        : "claim refused: an object of that name is not the claim's",
      { resolver },
    );
    await this.report(ctx, claim, {
      phase: predecessor ? ClaimPhase.Provisioning : ClaimPhase.Failed,
      reason: predecessor ? ClaimReason.WaitingForPredecessor : ClaimReason.NameConflict,
      message,
      resolver,
      resolverRule,
    });
    return Result.requeueAfter(refusal.recheckMs);
  }

  /** Writes the claim's status, starting from `current` (this reconcile's copy) instead of a read. */
  private async report(ctx: ReconcileContext, current: ResourceClaim, outcome: ClaimOutcome): Promise<void> {
    const { written } = await ctx.client.updateStatus<ResourceClaim>(
      ResourceClaimKind,
      ctx.key,
      claimStatusMutation(outcome, new Date().toISOString(), decisionBasis(current)),
      { current },
    );
    const fields = { phase: outcome.phase, reason: outcome.reason };
    if (written) ctx.logger.debug('updated claim status', fields);
    // Either the status already says so, or the claim changed under the decision (see claimStatusMutation).
    else ctx.logger.debug('claim status not written', fields);
  }
}

/** The resolver's view of a claim: plain data (and the claim itself, for owner references). */
export function requestOf(claim: ResourceClaim): ResourceRequest {
  return {
    type: claim.spec.type,
    class: claim.spec.class ?? 'default',
    id: claim.spec.id,
    params: claim.spec.params ?? {},
    metadata: claim.spec.metadata ?? {},
    namespace: claim.metadata.namespace ?? '',
    claimName: claim.metadata.name ?? '',
    claim,
    deprovisionPolicy: claimDeprovisionPolicy(claim),
  };
}

/** Records a Warning Event when the spec (the platform config's current choice) differs from the latched policy. */
function warnOnPolicyDrift(claim: ResourceClaim, ctx: ReconcileContext): void {
  const latched = claim.status?.deprovisionPolicy;
  const wanted = claim.spec.deprovisionPolicy ?? 'Delete';
  if (latched === undefined || latched === wanted) return;
  ctx.events.warning(
    ClaimEventReason.DeprovisionPolicyKept,
    `keeping deprovisionPolicy ${latched}, latched when the claim was first provisioned; the platform config now says ${wanted}, which applies to new claims only. To apply it to this claim, remove status.deprovisionPolicy`,
  );
}

/** The policy `deprovision` gets: `Orphan` claims are never deleted by the orchestrator, so keep their data. */
function retainOrphans(policy: DeprovisionPolicy | undefined): DeprovisionPolicy {
  return policy === 'Orphan' ? 'Retain' : (policy ?? 'Delete');
}

function contextOf(
  ctx: ReconcileContext,
  logger: ResolverContext['logger'],
): Omit<ResolverContext, 'existingSecretOutputs'> {
  return { client: ctx.client, cache: ctx.cache, logger, signal: ctx.signal };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : describeError(err);
}
