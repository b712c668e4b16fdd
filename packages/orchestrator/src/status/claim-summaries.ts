import { ClaimReason, type ClaimSummary, type ResourceClaim } from '@score-orchestrator/api';
import type { ClaimIntent } from '../claims/claim-intent.js';
import { claimOutputsAvailable } from '../claims/claim-outputs.js';
import type { SpecConflict } from '../claims/spec-conflict.js';

/**
 * The reasons the orchestrator itself puts in `claims[].reason`, for what only it knows (every other
 * reason there is the resolver host's `ClaimReason`). Documented in docs/status-reference.md.
 */
export const ClaimSummaryReason = {
  /** No claim yet: its params use outputs of another resource that are not available. */
  WaitingForOutputs: 'WaitingForOutputs',
  /** A claim of that name is still being deleted; a new one is made once it is gone. */
  ClaimTerminating: 'ClaimTerminating',
  /** The name is taken by a private claim of another Workload. */
  ClaimConflict: 'ClaimConflict',
  /**
   * A shared claim holds the params of the Workload that decides it, which differ from these (its metadata
   * may differ too: the message names every differing field).
   */
  ParamsConflict: 'ParamsConflict',
  /** A shared claim holds the resource metadata of the Workload that decides it, which differs from this. */
  MetadataConflict: 'MetadataConflict',
} as const;
export type ClaimSummaryReason = (typeof ClaimSummaryReason)[keyof typeof ClaimSummaryReason];

/** Whether no installed resolver serves the claim (`ClaimsReady=False ResolverNotFound`). Pure. */
export function claimUnserved(summary: ClaimSummary): boolean {
  return summary.reason === ClaimReason.ResolverNotFound;
}

/** The summary reasons of a claim that conflicts with another Workload's (its name, params or metadata). */
const CONFLICTS: ReadonlySet<string> = new Set([
  ClaimSummaryReason.ClaimConflict,
  ClaimSummaryReason.ParamsConflict,
  ClaimSummaryReason.MetadataConflict,
]);

/**
 * Whether the claim cannot become what the Workload asks for until someone changes something: its resolver
 * refused it, or its name, params or metadata conflict with another Workload's
 * (`ClaimsReady=False ClaimFailed`). Pure.
 */
export function claimFailed(summary: ClaimSummary): boolean {
  return summary.phase === 'Failed' || CONFLICTS.has(summary.reason ?? '');
}

/**
 * Whether the claim is `Bound` for the Workload's current spec (`ClaimsReady` counts these): its outputs
 * are available and its phase says the resource is ready, not only that its outputs are final. Pure.
 */
export function claimBound(summary: ClaimSummary): boolean {
  return summary.phase === 'Bound' && summary.outputsAvailable === true;
}

/**
 * Whether the Workload's plan may be made: every claim's outputs are available (bound, or final while the
 * resource starts) and none failed, conflicts or lacks a resolver. The workload then rolls out beside
 * resources still starting; `Ready` still waits for every claim to be bound (`claimBound`). Pure.
 */
export function claimsOutputsReady(summaries: readonly ClaimSummary[]): boolean {
  return summaries.every((s) => s.outputsAvailable === true && !claimFailed(s) && !claimUnserved(s));
}

/** The summary of a shared claim whose spec another Workload decides differently (see `specConflict`). */
export function specConflictNote(conflict: SpecConflict): ClaimNote {
  const reason =
    conflict.params.length > 0 ? ClaimSummaryReason.ParamsConflict : ClaimSummaryReason.MetadataConflict;
  return { reason, message: conflict.message };
}

/** What the controller knows about one resource's claim beyond the claim object. */
export interface ClaimNote {
  readonly reason: string;
  readonly message: string;
}

/**
 * `Workload.status.claims[]`: one summary per resource, in spec order of the intents, from the claim's
 * status (phase, reason, message) or, for a claim not made yet or in trouble on the orchestrator's side,
 * from `notes`. Never carries outputs: they may be secret-adjacent and users read them elsewhere. Pure.
 */
export function summarizeClaims(
  intents: readonly ClaimIntent[],
  claims: ReadonlyMap<string, ResourceClaim>,
  notes: ReadonlyMap<string, ClaimNote> = new Map(),
): ClaimSummary[] {
  return intents.map((intent) => {
    const claim = claims.get(intent.claim);
    const note = notes.get(intent.resource);
    const waiting =
      intent.waitingFor.length > 0
        ? {
            reason: ClaimSummaryReason.WaitingForOutputs,
            message: `waiting for ${intent.waitingFor.map((u) => u.placeholder).join(', ')} in ${intent.waitingFor[0].field}`,
          }
        : undefined;
    const status = claim?.status;
    const reason = note?.reason ?? status?.reason ?? (claim ? undefined : waiting?.reason);
    const message = note?.message ?? status?.message ?? (claim ? undefined : waiting?.message);
    const summary: ClaimSummary = {
      name: intent.resource,
      claim: intent.claim,
      type: intent.type,
      class: intent.class,
      outputsAvailable: claimOutputsAvailable(claim),
    };
    if (intent.id !== undefined) summary.id = intent.id;
    if (claim?.status?.phase !== undefined) summary.phase = claim.status.phase;
    if (reason !== undefined) summary.reason = reason;
    if (message !== undefined && message !== '') summary.message = message;
    return summary;
  });
}
