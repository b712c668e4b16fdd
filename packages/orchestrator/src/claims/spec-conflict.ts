import { childField, type ResourceClaim, type Workload } from '@score-orchestrator/api';
import { jsonEqual } from '../internal/json-equal.js';
import type { ClaimIntent } from './claim-intent.js';
import { claimSpecOf, decidesSpec, workloadOwners } from './claim-object.js';

/**
 * A Workload asking a shared claim for `params` or resource `metadata` other than those the claim was made
 * with (by the Workload deciding its spec).
 */
export interface SpecConflict {
  /** The differing top-level param keys (set on one side only, or with other values), as `params.KEY`. */
  readonly params: readonly string[];
  /**
   * The differing metadata keys, as `metadata.KEY`; inside maps (`annotations`, `labels`) the map's own
   * keys, as `metadata.annotations["example.com/team"]`.
   */
  readonly metadata: readonly string[];
  /** The Workload whose params and metadata the claim holds: its first owner. */
  readonly decidedBy: string;
  /** For `claims[].message`: names the fields and the deciding Workload, never a value. */
  readonly message: string;
}

/**
 * Whether `workload`, an owner of shared `claim` that does not decide its spec (see `decidesSpec`), asks
 * for different params or metadata than the claim holds: both are what its resolver provisions from (a
 * resolver may read annotations as well as params). Only fields are named: params may carry secret-ish
 * values (connection strings, sizes a team keeps to itself), metadata may too, and the message ends up in
 * a status other users read. An intent still waiting for its params conflicts with nothing yet. Pure.
 */
export function specConflict(
  claim: ResourceClaim,
  workload: Workload,
  intent: ClaimIntent,
): SpecConflict | undefined {
  if (intent.params === undefined || decidesSpec(claim, workload)) return undefined;
  const wanted = claimSpecOf(intent);
  const params = differingFields('params', wanted.params, claim.spec.params, 0);
  const metadata = differingFields('metadata', wanted.metadata, claim.spec.metadata, 1);
  if (params.length === 0 && metadata.length === 0) return undefined;
  const decidedBy = workloadOwners(claim)[0]?.name ?? 'unknown';
  const fields = [...params, ...metadata];
  const what = [params.length > 0 && 'params', metadata.length > 0 && 'metadata']
    .filter(Boolean)
    .join(' and ');
  return {
    params,
    metadata,
    decidedBy,
    message: `${fields.join(', ')} ${fields.length === 1 ? 'differs' : 'differ'} from the shared claim's, whose ${what} Workload ${decidedBy} decides (its first owner); use the same ${what}, or another id`,
  };
}

/**
 * The keys whose values differ between two maps, as fields under `path`, sorted. While `depth` is above 0,
 * a value that is a map on both sides (or on one, absent on the other) is compared key by key instead.
 */
function differingFields(
  path: string,
  wanted: Readonly<Record<string, unknown>> | undefined,
  held: Readonly<Record<string, unknown>> | undefined,
  depth: number,
): string[] {
  const left = wanted ?? {};
  const right = held ?? {};
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
  return keys.flatMap((key) => {
    const [a, b] = [left[key], right[key]];
    if (jsonEqual(a, b)) return [];
    const field = childField(path, key);
    if (depth > 0 && optionalMap(a) && optionalMap(b)) return differingFields(field, a, b, depth - 1);
    return [field];
  });
}

function optionalMap(value: unknown): value is Record<string, unknown> | undefined {
  return value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value));
}
