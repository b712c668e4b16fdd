import type { ResourceClaim, Workload } from '@score-orchestrator/api';
import { jsonEqual } from '../internal/json-equal.js';
import type { ClaimIntent } from './claim-intent.js';
import { claimSpecOf, decidesSpec, workloadOwners } from './claim-object.js';

/** A Workload asking a shared claim for params other than those the claim was made with. */
export interface ParamsConflict {
  /** The top-level param keys whose values differ (or are set on one side only), sorted. */
  readonly keys: readonly string[];
  /** The Workload whose params the claim holds: its first owner. */
  readonly decidedBy: string;
  /** For `claims[].message`: names the keys and the deciding Workload, never a value. */
  readonly message: string;
}

/**
 * Whether `workload`, an owner of shared `claim` that does not decide its spec (see `decidesSpec`), asks
 * for different params than the claim holds. Only keys are reported: params may carry secret-ish values
 * (connection strings, sizes a team keeps to itself) and the message ends up in a status other users read.
 * An intent still waiting for its params conflicts with nothing yet. Pure.
 */
export function paramsConflict(
  claim: ResourceClaim,
  workload: Workload,
  intent: ClaimIntent,
): ParamsConflict | undefined {
  if (intent.params === undefined || decidesSpec(claim, workload)) return undefined;
  const keys = differingKeys(claimSpecOf(intent).params ?? {}, claim.spec.params ?? {});
  if (keys.length === 0) return undefined;
  const decidedBy = workloadOwners(claim)[0]?.name ?? 'unknown';
  const listed = keys.map((key) => `params.${key}`).join(', ');
  return {
    keys,
    decidedBy,
    message: `${listed} ${keys.length === 1 ? 'differs' : 'differ'} from the shared claim's, whose params Workload ${decidedBy} decides (its first owner); use the same params, or another id`,
  };
}

function differingKeys(wanted: Record<string, unknown>, held: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(wanted), ...Object.keys(held)]);
  return [...keys].filter((key) => !jsonEqual(wanted[key], held[key])).sort();
}
