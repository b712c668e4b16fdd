import type { LeaderElectionRecord } from './lease-lock.js';

/** What one candidate should do with a lease it has just read. */
export type LeaseDecision =
  | { readonly action: 'wait'; readonly holder: string }
  | { readonly action: 'write'; readonly record: LeaderElectionRecord };

/** The inputs of {@link decideLease}; times in ms, `observedAt`/`now` on a monotonic clock. */
export interface LeaseDecisionInput {
  /** The record as last read. */
  readonly current: LeaderElectionRecord;
  /** When this candidate first saw `current` unchanged, by its own clock. */
  readonly observedAt: number;
  readonly now: number;
  /** Wall-clock time to write as renewTime / acquireTime. */
  readonly wallNow: Date;
  readonly identity: string;
  readonly leaseDurationSeconds: number;
}

/**
 * Decides between waiting and writing a new record, as client-go's tryAcquireOrRenew does.
 *
 * Expiry is judged by when *we* first observed the current record plus the holder's declared duration,
 * never by the holder's `renewTime`: candidates' wall clocks may disagree, but each one's elapsed time is
 * trustworthy. An empty holder (released lease) can be taken at once. Taking over from another holder
 * increments `leaseTransitions`; renewing our own lease keeps `acquireTime` and the count.
 */
export function decideLease(input: LeaseDecisionInput): LeaseDecision {
  const { current, identity, wallNow } = input;
  const ours = current.holderIdentity === identity;
  const held = current.holderIdentity !== '';
  const expired = input.now >= input.observedAt + current.leaseDurationSeconds * 1000;
  if (held && !ours && !expired) return { action: 'wait', holder: current.holderIdentity };
  return {
    action: 'write',
    record: {
      holderIdentity: identity,
      leaseDurationSeconds: input.leaseDurationSeconds,
      renewTime: wallNow,
      acquireTime: ours ? (current.acquireTime ?? wallNow) : wallNow,
      leaseTransitions: ours ? current.leaseTransitions : current.leaseTransitions + 1,
    },
  };
}

/** The record a fresh Lease starts with when this candidate creates it. */
export function initialRecord(
  identity: string,
  leaseDurationSeconds: number,
  wallNow: Date,
): LeaderElectionRecord {
  return {
    holderIdentity: identity,
    leaseDurationSeconds,
    acquireTime: wallNow,
    renewTime: wallNow,
    leaseTransitions: 0,
  };
}

/**
 * The record a leader writes to hand the lease back: no holder and a 1 s duration, so that candidates
 * whose code predates the empty-holder rule still take over within a second. Keeps the transition count.
 */
export function releasedRecord(current: LeaderElectionRecord, wallNow: Date): LeaderElectionRecord {
  return {
    holderIdentity: '',
    leaseDurationSeconds: 1,
    acquireTime: wallNow,
    renewTime: wallNow,
    leaseTransitions: current.leaseTransitions,
  };
}
