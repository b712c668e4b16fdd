import { OperatorSdkError } from '../errors/operator-sdk.error.js';

/**
 * Thrown by a reconciler when retrying cannot help (e.g. the object's spec is invalid). The controller
 * records it (metric `controller_runtime_terminal_reconcile_errors_total`, an error log line) and does not
 * requeue; the next change to the object triggers a fresh reconcile.
 */
export class TerminalError extends OperatorSdkError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('Terminal', message, options);
    this.name = 'TerminalError';
  }
}

/** Whether `err` is a terminal error (also from another copy of the package). */
export function isTerminalError(err: unknown): boolean {
  return OperatorSdkError.is(err) && err.kind === 'Terminal';
}
