// A readiness failure whose reason may be shown in the probe's response.
import { OperatorSdkError } from '../errors/operator-sdk.error.js';

/**
 * Thrown by a readiness (or health) check to fail with a reason that is safe to show to anyone who can
 * reach the probe port: `/readyz` prints it as `[-]name failed: <reason>` instead of "reason withheld".
 * Put only what helps an operator and reveals nothing (kinds, durations; no addresses, names of secrets or
 * server messages). Kind `Unavailable`.
 */
export class NotReadyError extends OperatorSdkError {
  constructor(reason: string) {
    super('Unavailable', reason);
    this.name = 'NotReadyError';
  }
}

/** The public reason of a failed check: the message of a {@link NotReadyError}, else undefined. */
export function publicReasonOf(err: unknown): string | undefined {
  return OperatorSdkError.is(err) && err.kind === 'Unavailable' ? err.message : undefined;
}
